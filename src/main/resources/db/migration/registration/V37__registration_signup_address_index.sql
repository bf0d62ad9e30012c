-- Issue 12: confirmation mails are limited per address over every list, counted here.
CREATE INDEX signup_request_address_idx ON signup_request (email, created_at);
