-- Art. 3-2-3: the system administrator coordinates sending between bodies: a limit of messages
-- per hour for a body (NULL for none), and pausing a body's sending.
ALTER TABLE body ADD COLUMN hourly_limit INT;
ALTER TABLE body ADD COLUMN sending_paused BOOLEAN NOT NULL DEFAULT FALSE;
