-- Art. 5-2: questions a notice asks (安否確認, 出欠, アンケート), the answers, a deadline for
-- answering, and reminders: a reminder is a notice of its own (same approval rules) that goes to
-- those who have not answered the notice it reminds of.
ALTER TABLE notice ADD COLUMN answer_deadline TIMESTAMP WITH TIME ZONE;
ALTER TABLE notice ADD COLUMN remind_of BIGINT REFERENCES notice (id);
-- automatic reminders: every so many minutes after release, at most so many times
ALTER TABLE notice ADD COLUMN auto_remind_minutes INT;
ALTER TABLE notice ADD COLUMN auto_remind_times INT NOT NULL DEFAULT 0;
ALTER TABLE notice ADD COLUMN reminders_sent INT NOT NULL DEFAULT 0;

CREATE INDEX notice_remind_of_idx ON notice (remind_of);

-- Up to ten questions of a notice, by position (1 to 10).
CREATE TABLE notice_question (
    notice_id   BIGINT        NOT NULL REFERENCES notice (id),
    position    INT           NOT NULL,
    kind        VARCHAR(20)   NOT NULL,
    label       VARCHAR(200)  NOT NULL,
    -- choices, one per line
    options     VARCHAR(2000),
    required    BOOLEAN       NOT NULL,
    max_length  INT           NOT NULL,
    PRIMARY KEY (notice_id, position),
    CONSTRAINT notice_question_kind_check CHECK (kind IN ('SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'TEXT')),
    CONSTRAINT notice_question_position_check CHECK (position BETWEEN 1 AND 10)
);

-- When the recipient last sent the answer page (a confirmation without questions leaves it empty).
ALTER TABLE delivery_receipt ADD COLUMN answered_at TIMESTAMP WITH TIME ZONE;

-- The answers: one row per chosen choice, or one row of free text. Replaced as a whole when the
-- recipient changes them before the deadline.
CREATE TABLE receipt_answer (
    delivery_id  BIGINT         NOT NULL,
    notice_id    BIGINT         NOT NULL,
    position     INT            NOT NULL,
    answer       VARCHAR(1000)  NOT NULL
);

CREATE INDEX receipt_answer_delivery_idx ON receipt_answer (delivery_id);
CREATE INDEX receipt_answer_notice_idx ON receipt_answer (notice_id, position);
