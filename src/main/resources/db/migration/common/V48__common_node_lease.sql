-- Work that one node of a cluster does at a time (issue 18): the node holding a lease's row until
-- held_until does it, and renews it each time; when that node stops or dies, another takes it
-- over once the time has passed. The first lease is the reading of the mail-in mailbox.
CREATE TABLE node_lease (
    name        VARCHAR(64)              NOT NULL PRIMARY KEY,
    holder      VARCHAR(64)              NOT NULL,
    held_until  TIMESTAMP WITH TIME ZONE NOT NULL
);
