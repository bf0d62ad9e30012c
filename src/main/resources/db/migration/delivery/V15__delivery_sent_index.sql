-- For per-body hourly limits: how many messages a body sent in the last hour.
CREATE INDEX delivery_body_sent_idx ON delivery (body_id, sent_at);
