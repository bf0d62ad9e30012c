-- Narrowing by affiliation (学年・組, 地区): a registrant whose affiliation is one of these receives it.
CREATE TABLE notice_affiliation (
    notice_id    BIGINT       NOT NULL REFERENCES notice (id) ON DELETE CASCADE,
    affiliation  VARCHAR(100) NOT NULL,
    PRIMARY KEY (notice_id, affiliation)
);
