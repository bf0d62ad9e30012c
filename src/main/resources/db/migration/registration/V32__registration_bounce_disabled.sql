-- An address whose mail bounces (once hard, or soft several times) is not sent to until the
-- registrant confirms it again; the operations manager sees why.
ALTER TABLE registrant ADD COLUMN bounce_disabled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE registrant ADD COLUMN bounce_reason VARCHAR(300);
CREATE INDEX registrant_bounce_idx ON registrant (body_id, bounce_disabled_at);
