-- Issue 14: a short registration URL that can be typed from the printed guide, /r/ABCD-EFGH,
-- beside the long random token (which keeps working). 8 characters of an alphabet without
-- look-alikes (no 0/O, 1/l/I); new lists get a random code that no other list has.
-- Lists that exist already get theirs here from their id, through a map that cannot give two
-- ids the same code: n = (id * 2654435761 + 104729) mod 31^8 is one-to-one for ids below 31^8,
-- because 2654435761 is a prime other than 31; n is then written in base 31 with the alphabet,
-- lowest digit first (so that lists made one after the other differ at the front).
ALTER TABLE registration_list ADD COLUMN short_code VARCHAR(8);
ALTER TABLE registration_list ADD COLUMN short_seed BIGINT;
UPDATE registration_list SET short_seed = MOD(id * 2654435761 + 104729, 852891037441);
UPDATE registration_list SET short_code =
       SUBSTRING('23456789ABCDEFGHJKMNPQRSTUVWXYZ' FROM CAST(MOD(short_seed, 31) AS INTEGER) + 1 FOR 1)
    || SUBSTRING('23456789ABCDEFGHJKMNPQRSTUVWXYZ' FROM CAST(MOD(short_seed / 31, 31) AS INTEGER) + 1 FOR 1)
    || SUBSTRING('23456789ABCDEFGHJKMNPQRSTUVWXYZ' FROM CAST(MOD(short_seed / 961, 31) AS INTEGER) + 1 FOR 1)
    || SUBSTRING('23456789ABCDEFGHJKMNPQRSTUVWXYZ' FROM CAST(MOD(short_seed / 29791, 31) AS INTEGER) + 1 FOR 1)
    || SUBSTRING('23456789ABCDEFGHJKMNPQRSTUVWXYZ' FROM CAST(MOD(short_seed / 923521, 31) AS INTEGER) + 1 FOR 1)
    || SUBSTRING('23456789ABCDEFGHJKMNPQRSTUVWXYZ' FROM CAST(MOD(short_seed / 28629151, 31) AS INTEGER) + 1 FOR 1)
    || SUBSTRING('23456789ABCDEFGHJKMNPQRSTUVWXYZ' FROM CAST(MOD(short_seed / 887503681, 31) AS INTEGER) + 1 FOR 1)
    || SUBSTRING('23456789ABCDEFGHJKMNPQRSTUVWXYZ' FROM CAST(MOD(short_seed / 27512614111, 31) AS INTEGER) + 1 FOR 1);
ALTER TABLE registration_list DROP COLUMN short_seed;
ALTER TABLE registration_list ALTER COLUMN short_code SET NOT NULL;
CREATE UNIQUE INDEX registration_list_short_code_idx ON registration_list (short_code);
