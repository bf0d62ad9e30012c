-- Narrowing by the answer to a list's own choice question (e.g. 連絡してほしい時間帯 = 夜): within
-- one question any chosen answer matches; across questions all must match.
CREATE TABLE notice_answer (
    notice_id  BIGINT        NOT NULL REFERENCES notice (id) ON DELETE CASCADE,
    field_id   BIGINT        NOT NULL,
    answer     VARCHAR(1000) NOT NULL,
    PRIMARY KEY (notice_id, field_id, answer)
);
