-- Issue 18: a body's hourly limit (Art. 3-2-3) holds for the whole city, not per node. What counts
-- is still the sliding hour of accepted messages (delivery.sent_at), plus what each node holds
-- for the body and has not yet recorded as sent: the messages it may still send and those it has
-- sent whose outcome its batch has not yet written.

-- One row per body whose allowance nodes have taken from: each taking locks it (SELECT ... FOR
-- UPDATE) while it counts, so that two nodes never both take the last messages.
CREATE TABLE hourly_allowance (
    body_id  BIGINT NOT NULL PRIMARY KEY
);

-- What one node holds of a body's allowance. The node lowers it as its batches are recorded and
-- gives back what it did not spend every few seconds; counts_until ends the count of a node that
-- died (one delivery lease: by then its rows are another node's).
CREATE TABLE hourly_allowance_hold (
    body_id       BIGINT                   NOT NULL,
    holder        VARCHAR(64)              NOT NULL,
    outstanding   INT                      NOT NULL,
    counts_until  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT hourly_allowance_hold_pk PRIMARY KEY (body_id, holder)
);
