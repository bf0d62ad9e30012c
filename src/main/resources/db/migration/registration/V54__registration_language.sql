-- Issue 19: the language the registrant reads Renraku in (a code of jp.renraku.common.Language:
-- ja, ja-easy, en, zh-CN, ko, vi, pt-BR, tl); every mail and page to them follows it.
ALTER TABLE registrant ADD COLUMN language VARCHAR(10) DEFAULT 'ja' NOT NULL;
