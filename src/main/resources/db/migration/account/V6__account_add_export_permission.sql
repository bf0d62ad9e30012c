-- Art. 10: taking registration data out (CSV export) needs a permission given by the system
-- administrator. A simple per-account flag for now; the request-and-approve workflow comes later.
ALTER TABLE staff_account ADD COLUMN can_export BOOLEAN NOT NULL DEFAULT FALSE;
