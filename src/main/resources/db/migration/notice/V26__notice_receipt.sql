-- Art. 5-2: a notice can ask each recipient to confirm receipt; a confirmation is one row per
-- delivery (the primary key makes a second press change nothing).
ALTER TABLE notice ADD COLUMN ask_confirmation BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE delivery_receipt (
    delivery_id   BIGINT                   NOT NULL PRIMARY KEY,
    notice_id     BIGINT                   NOT NULL,
    confirmed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX delivery_receipt_notice_idx ON delivery_receipt (notice_id);
