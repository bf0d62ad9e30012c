-- A body may require a second person to approve each routine notice before it can be sent.
ALTER TABLE body ADD COLUMN notice_approval_required BOOLEAN NOT NULL DEFAULT FALSE;
