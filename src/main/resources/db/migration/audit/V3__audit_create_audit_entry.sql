-- Append-only audit trail. Each entry's hash covers its own fields and the previous entry's
-- hash, so an altered, inserted or deleted row breaks the chain from that point on.
CREATE TABLE audit_entry (
    seq             BIGINT                   NOT NULL PRIMARY KEY,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_account_id BIGINT,
    actor_login_id  VARCHAR(64),
    body_id         BIGINT,
    action          VARCHAR(60)              NOT NULL,
    target          VARCHAR(200),
    detail          VARCHAR(1000),
    client_address  VARCHAR(64),
    prev_hash       VARCHAR(64)              NOT NULL,
    entry_hash      VARCHAR(64)              NOT NULL
);

CREATE INDEX audit_entry_occurred_idx ON audit_entry (occurred_at);
CREATE INDEX audit_entry_body_idx ON audit_entry (body_id, seq);

-- The head of the chain. Appending locks this row, which orders all appends.
CREATE TABLE audit_head (
    id        INT         NOT NULL PRIMARY KEY,
    last_seq  BIGINT      NOT NULL,
    last_hash VARCHAR(64) NOT NULL,
    CONSTRAINT audit_head_single_row CHECK (id = 1)
);

INSERT INTO audit_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
