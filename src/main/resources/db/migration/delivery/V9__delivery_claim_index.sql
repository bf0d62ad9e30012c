-- Claiming takes queued rows in (priority, id) order; this index hands them over in that order
-- without sorting the whole queue for every batch.
DROP INDEX delivery_due_idx;
CREATE INDEX delivery_claim_idx ON delivery (status, priority, id);
