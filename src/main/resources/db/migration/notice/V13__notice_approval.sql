-- Approval by a second person (an operations manager of the body, never the author).
ALTER TABLE notice ADD COLUMN approved_by BIGINT REFERENCES staff_account (id);
ALTER TABLE notice ADD COLUMN approved_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE notice ADD COLUMN approval_bypassed BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE notice DROP CONSTRAINT notice_state_check;
ALTER TABLE notice ADD CONSTRAINT notice_state_check
    CHECK (state IN ('DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'SCHEDULED', 'RELEASED', 'CANCELLED'));
