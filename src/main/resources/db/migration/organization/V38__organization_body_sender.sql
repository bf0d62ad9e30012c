-- Issue 14: who a body's mail to residents is from, and where residents ask. One row per body
-- that set any of it; a body without one sends under its name and the installation's address.
-- from_address is used only when its domain is one the operator allows (renraku.mail.sender-domains).
CREATE TABLE body_sender (
    body_id          BIGINT                   NOT NULL REFERENCES body (id),
    display_name     VARCHAR(100),
    from_address     VARCHAR(254),
    contact_section  VARCHAR(100),
    contact_phone    VARCHAR(40),
    contact_hours    VARCHAR(100),
    contact_email    VARCHAR(254),
    contact_url      VARCHAR(500),
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT body_sender_pkey PRIMARY KEY (body_id)
);
