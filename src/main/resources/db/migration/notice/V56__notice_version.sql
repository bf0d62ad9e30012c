-- Issue 19: a notice in further languages. Each recipient gets the version in their language,
-- else the easy Japanese one (for anyone who does not read Japanese), else the Japanese notice
-- itself; which one is decided for all recipients in the release (delivery.language).
CREATE TABLE notice_version (
    notice_id   BIGINT        NOT NULL REFERENCES notice (id),
    language    VARCHAR(10)   NOT NULL,
    subject     VARCHAR(200)  NOT NULL,
    body_text   VARCHAR(20000) NOT NULL,
    PRIMARY KEY (notice_id, language)
);

-- A question's wording in a version: the label and its choices in the same order as the
-- Japanese ones; answers are kept as the Japanese choices, so tallies stay one question. Kept by
-- position: editing the Japanese questions leaves the wording in other languages as it was.
CREATE TABLE notice_question_version (
    notice_id   BIGINT        NOT NULL,
    position    INT           NOT NULL,
    language    VARCHAR(10)   NOT NULL,
    label       VARCHAR(200)  NOT NULL,
    -- choices, one per line
    options     VARCHAR(2000),
    PRIMARY KEY (notice_id, position, language),
    FOREIGN KEY (notice_id) REFERENCES notice (id)
);
