-- Issue 12: wrong passwords are counted per login ID *and* client, so that nobody can lock
-- another person out by typing their ID five times. One row per (ID typed, client) and one
-- per ID for all clients together (client_key '*'), whether or not the ID exists, so that
-- known and unknown IDs cost the same work. Both keys are keyed hashes: no ID or address is
-- kept here in clear.
CREATE TABLE sign_in_throttle (
    login_key     VARCHAR(64)              NOT NULL,
    client_key    VARCHAR(80)              NOT NULL,
    failures      INT                      NOT NULL,
    window_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_failure  TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT sign_in_throttle_pkey PRIMARY KEY (login_key, client_key)
);

CREATE INDEX sign_in_throttle_last_failure_idx ON sign_in_throttle (last_failure);

-- The account-wide counter and lock moved to sign_in_throttle.
ALTER TABLE staff_account DROP COLUMN failed_attempts;
ALTER TABLE staff_account DROP COLUMN locked_until;

-- Raised when the holder changes their password, is given a new one or signs out their other
-- sessions: a session signed in under an older value ends at its next page.
ALTER TABLE staff_account ADD COLUMN session_epoch INT DEFAULT 0 NOT NULL;

-- When the holder was last told by mail that sign-in to their account was stopped (at most
-- one such mail an hour).
ALTER TABLE staff_account ADD COLUMN lockout_mailed_at TIMESTAMP WITH TIME ZONE;
