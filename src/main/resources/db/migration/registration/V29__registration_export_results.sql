-- Art. 10-4 also covers the results of a notice (who confirmed, what they answered): an export
-- request is of a list or of one notice's results.
ALTER TABLE export_request ALTER COLUMN list_id DROP NOT NULL;
ALTER TABLE export_request ADD COLUMN notice_id BIGINT;
ALTER TABLE export_request ADD COLUMN notice_subject VARCHAR(200);
CREATE INDEX export_request_notice_idx ON export_request (notice_id);
