-- Mail to a destination with a pace (a mobile carrier) waits as DEFERRED until its slot.
ALTER TABLE delivery DROP CONSTRAINT delivery_status_check;
ALTER TABLE delivery ADD CONSTRAINT delivery_status_check
    CHECK (status IN ('QUEUED', 'SENDING', 'SENT', 'RETRYING', 'FAILED', 'SKIPPED', 'PAUSED', 'DEFERRED'));
