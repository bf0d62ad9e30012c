-- A random key made on first start, shared by every node through the database. It signs the
-- personal links in mails (manage, stop), so it must stay secret and must not change.
CREATE TABLE installation_secret (
    id          INT          NOT NULL PRIMARY KEY,
    secret      VARCHAR(128) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT installation_secret_single_row CHECK (id = 1)
);
