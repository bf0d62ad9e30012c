-- Issue 19. A delivery names the version of its notice the recipient gets (a code of
-- jp.renraku.common.Language), decided with every other recipient's in the release; a single
-- mail names the language it was written in (its footer follows it; ISO-2022-JP is for
-- Japanese only).
ALTER TABLE delivery ADD COLUMN language VARCHAR(10) DEFAULT 'ja' NOT NULL;
ALTER TABLE resident_mail ADD COLUMN language VARCHAR(10) DEFAULT 'ja' NOT NULL;
