-- PostgreSQL only (H2 has no partial indexes; Flyway reads db/vendor/{vendor} beside db/migration).
-- The claim index holds only the rows a worker may still claim: a message that is sent, failed or
-- skipped leaves it instead of adding an entry, so the index stays the size of the queue, not of
-- the history, and a release or an outcome writes one index entry less per row. The hourly-limit
-- index holds only sent rows (a queued row has no sent_at). Measured with bench/delivery.sh.
DROP INDEX delivery_claim_idx;
CREATE INDEX delivery_claim_idx ON delivery (status, priority, id)
    WHERE status IN ('QUEUED', 'RETRYING', 'DEFERRED', 'SENDING');

DROP INDEX delivery_body_sent_idx;
CREATE INDEX delivery_body_sent_idx ON delivery (body_id, sent_at) WHERE sent_at IS NOT NULL;
