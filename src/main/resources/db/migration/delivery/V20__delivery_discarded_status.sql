-- Mail held while a body was suspended can be discarded when it is reinstated (Art. 6-3).
ALTER TABLE delivery DROP CONSTRAINT delivery_status_check;
ALTER TABLE delivery ADD CONSTRAINT delivery_status_check
    CHECK (status IN ('QUEUED', 'SENDING', 'SENT', 'RETRYING', 'FAILED', 'SKIPPED', 'PAUSED', 'DEFERRED', 'DISCARDED'));
