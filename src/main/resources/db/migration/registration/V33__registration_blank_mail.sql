-- 空メール登録: a list can have a registration address entry+<mail_code>@<mail-in domain>; an
-- empty mail to it is answered with a personal registration link. Such a link asks for the
-- registration password first (password_checked false until then); links from the web form
-- were sent after the password was given.
ALTER TABLE registration_list ADD COLUMN mail_code VARCHAR(20);
CREATE UNIQUE INDEX registration_list_mail_code_idx ON registration_list (mail_code);
ALTER TABLE signup_request ADD COLUMN password_checked BOOLEAN NOT NULL DEFAULT TRUE;
CREATE INDEX signup_request_email_idx ON signup_request (list_id, email, created_at);
