-- A reminder's mail points at the delivery of the notice it reminds of: the reminder's link
-- confirms and answers that original delivery.
ALTER TABLE delivery ADD COLUMN origin_id BIGINT;
