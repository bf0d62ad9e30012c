-- Rate limits that hold for the whole city, not per node (issue 18): one row per counted key
-- (a client on one list, a list, an operations manager …), shared by every node through this
-- database. Each row is a token bucket kept as one number, the time at which its whole
-- allowance is back (refilled_at; the "theoretical arrival time" of GCRA): a counted attempt
-- moves it one step (period / capacity) further, and an attempt is allowed while it lies less
-- than one period ahead. Times are microseconds since the epoch in a BIGINT, so that the
-- arithmetic is the same plain SQL on H2 and PostgreSQL. A row whose refilled_at has passed
-- holds nothing a missing row would not, and is purged.
--
-- limit_key is the purpose and a keyed hash (HMAC with the installation secret) of what is
-- counted: no client address or other personal value is kept here in clear.
-- noticed_until: until when the exhaustion of this counter has been reported (once per window
-- for the whole city, taken by a conditional update).
CREATE TABLE rate_limit (
    limit_key      VARCHAR(120) NOT NULL,
    refilled_at    BIGINT       NOT NULL,
    noticed_until  BIGINT,
    CONSTRAINT rate_limit_pkey PRIMARY KEY (limit_key)
);

CREATE INDEX rate_limit_refilled_at_idx ON rate_limit (refilled_at);
