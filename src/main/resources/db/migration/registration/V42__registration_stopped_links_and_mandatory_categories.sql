-- Issue 14. A stopped or erased person's old links (the personal page, the confirmation link)
-- answer a page that says mail has stopped and how to register again: the consent record keeps
-- the internal id the links carry (not personal information; the row it named is gone), so the
-- page can name the list. Records made before this migration have none and show the page
-- without the list.
ALTER TABLE consent_record ADD COLUMN registrant_id BIGINT;
CREATE INDEX consent_record_registrant_idx ON consent_record (registrant_id);

-- A list can mark categories as mandatory (災害・緊急): every registrant of the list receives
-- them, whatever they ticked. Treated as chosen when an audience is selected, not stored per
-- registrant, so marking or unmarking one changes nobody's own choices.
ALTER TABLE list_category ADD COLUMN mandatory BOOLEAN NOT NULL DEFAULT FALSE;
