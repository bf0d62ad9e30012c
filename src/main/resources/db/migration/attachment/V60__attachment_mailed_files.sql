-- Issue 20: the notices whose body chose to attach the files to the mail itself, for
-- recipients not on a carrier's phone (who get the links only). A row means yes.
CREATE TABLE notice_file_mailing (
    notice_id  BIGINT PRIMARY KEY REFERENCES notice (id) ON DELETE CASCADE
);
