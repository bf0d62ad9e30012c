-- A sender can pause a notice while it is being sent; its waiting rows are held as PAUSED.
ALTER TABLE delivery DROP CONSTRAINT delivery_status_check;
ALTER TABLE delivery ADD CONSTRAINT delivery_status_check
    CHECK (status IN ('QUEUED', 'SENDING', 'SENT', 'RETRYING', 'FAILED', 'SKIPPED', 'PAUSED'));
