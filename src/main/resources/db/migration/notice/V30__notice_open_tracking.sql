-- Art. 5-2, optional: whether a notice's mail carries an image that tells when it was opened
-- (off unless the sender turns it on; many mail programs block images, so it is a lower bound).
ALTER TABLE notice ADD COLUMN track_opens BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE delivery_open (
    delivery_id  BIGINT                   NOT NULL PRIMARY KEY,
    notice_id    BIGINT                   NOT NULL,
    opened_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX delivery_open_notice_idx ON delivery_open (notice_id);
