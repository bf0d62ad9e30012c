-- Issue 15: a bounce keeps why it came back (its reason, not only hard or soft) and what it
-- said, addresses masked, so that a later classifier can decide again without the mail.
-- kind becomes the reason's effect: HARD stops the address, SOFT counts towards the soft
-- limit, NONE changes nothing (a filter, the city's own sender or server refused).
-- Rows of earlier versions keep reason NULL until the classifier is run over them again.
ALTER TABLE delivery_bounce ADD COLUMN reason VARCHAR(20);
ALTER TABLE delivery_bounce ADD COLUMN classifier_version INTEGER;
ALTER TABLE delivery_bounce ADD COLUMN bounce_format VARCHAR(10);
ALTER TABLE delivery_bounce ADD COLUMN smtp_command VARCHAR(10);
ALTER TABLE delivery_bounce ADD COLUMN dsn_action VARCHAR(20);
ALTER TABLE delivery_bounce ADD COLUMN reporter VARCHAR(100);
ALTER TABLE delivery_bounce ADD COLUMN subject VARCHAR(200);
ALTER TABLE delivery_bounce ADD COLUMN evidence VARCHAR(1500);
ALTER TABLE delivery_bounce ALTER COLUMN diagnostic SET DATA TYPE VARCHAR(1000);
ALTER TABLE delivery_bounce DROP CONSTRAINT delivery_bounce_kind_check;
ALTER TABLE delivery_bounce ADD CONSTRAINT delivery_bounce_kind_check CHECK (kind IN ('HARD', 'SOFT', 'NONE'));
CREATE INDEX delivery_bounce_body_idx ON delivery_bounce (body_id, received_at);
