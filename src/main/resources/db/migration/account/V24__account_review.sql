-- Art. 11-1-2: account reviews need when an account was last used, and the date its holder is
-- known to leave (retirement or transfer), after which an active account is a finding.
ALTER TABLE staff_account ADD COLUMN last_sign_in_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE staff_account ADD COLUMN leaves_on DATE;
UPDATE staff_account SET last_sign_in_at = (SELECT MAX(a.occurred_at) FROM audit_entry a
    WHERE a.actor_account_id = staff_account.id AND a.action = 'SIGN_IN_SUCCEEDED');
