-- A notice can be scheduled for a date and time; a job releases it then, on whichever node
-- claims it first.
ALTER TABLE notice ADD COLUMN scheduled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE notice DROP CONSTRAINT notice_state_check;
ALTER TABLE notice ADD CONSTRAINT notice_state_check CHECK (state IN ('DRAFT', 'SCHEDULED', 'RELEASED', 'CANCELLED'));
CREATE INDEX notice_scheduled_idx ON notice (state, scheduled_at);
