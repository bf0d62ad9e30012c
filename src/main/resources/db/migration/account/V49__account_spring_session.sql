-- Issue 18: staff sessions live in the database (Spring Session JDBC), so that any node behind
-- the load balancer serves any request and a sign-out ends the session on every node. The
-- tables and indexes are Spring Session's own (its schema-postgresql.sql and schema-h2.sql),
-- written once in SQL that H2 in PostgreSQL mode and PostgreSQL both take; Spring Session
-- itself is told not to create them (spring.session.jdbc.initialize-schema=never).
-- The expiry index serves the clean-up of expired sessions, the principal index the look-up
-- of an account's sessions (the login ID).
CREATE TABLE spring_session (
    primary_id             CHAR(36)     NOT NULL,
    session_id             CHAR(36)     NOT NULL,
    creation_time          BIGINT       NOT NULL,
    last_access_time       BIGINT       NOT NULL,
    max_inactive_interval  INT          NOT NULL,
    expiry_time            BIGINT       NOT NULL,
    principal_name         VARCHAR(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);

CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

-- One row per attribute, serialised by Java serialisation: only small, Serializable values
-- (the signed-in staff member, the CSRF token, flash messages, an upload's id).
CREATE TABLE spring_session_attributes (
    session_primary_id  CHAR(36)      NOT NULL,
    attribute_name      VARCHAR(200)  NOT NULL,
    attribute_bytes     BYTEA         NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES spring_session (primary_id) ON DELETE CASCADE
);
