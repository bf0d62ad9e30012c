-- Issue 15: mail to the address was refused by the resident's own filter (au's
-- "550 : User unknown", docomo's 指定受信): the address lives and stays active, but its
-- operations managers see that the resident needs the allow-list guidance.
ALTER TABLE registrant ADD COLUMN filtered_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE registrant ADD COLUMN filtered_count INTEGER DEFAULT 0 NOT NULL;
CREATE INDEX registrant_filtered_idx ON registrant (body_id, filtered_at);
