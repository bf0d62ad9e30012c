-- Issue 18: a destination group's (mobile carrier's) pace holds for the whole city, not per node.
-- One row per group: the current slice of time (a second, or longer for a pace under one a
-- second) and how many messages the nodes together have taken from it. A node takes a few at a
-- time with one conditional UPDATE (taken + n <= the slice's share of the per-minute limit) and
-- spends them itself; the first node in a new slice moves the row on (slice_start < the new
-- slice). What a node took and did not spend ends with its slice, so a node that dies loses at
-- most that. The row never grows: no cleanup needed.
CREATE TABLE carrier_pace (
    group_name   VARCHAR(64)              NOT NULL PRIMARY KEY,
    slice_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    taken        INT                      NOT NULL
);
