-- The per-account export flag is replaced by export requests approved one by one (Art. 10-4).
ALTER TABLE staff_account DROP COLUMN can_export;
