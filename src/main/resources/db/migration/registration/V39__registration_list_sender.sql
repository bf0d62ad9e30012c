-- Issue 14: a list may be sent under a name of its own (【○○小学校】 as subject tag, 「○○小学校」 as the
-- sender) and name its own contact; what it leaves empty is the body's (body_sender).
CREATE TABLE list_sender (
    list_id          BIGINT                   NOT NULL REFERENCES registration_list (id),
    sender_name      VARCHAR(100),
    subject_tag      VARCHAR(30),
    contact_section  VARCHAR(100),
    contact_phone    VARCHAR(40),
    contact_hours    VARCHAR(100),
    contact_email    VARCHAR(254),
    contact_url      VARCHAR(500),
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT list_sender_pkey PRIMARY KEY (list_id)
);
