-- Issue #14 item 3: the last four characters of an ID number were kept in clear (id_tail). With the county code,
-- the birth date and the sex in clear too, they rebuilt the whole ID number: the sequence digits are what the tail
-- holds, and the check character follows from the rest. The tail becomes a keyed blind index (HMAC-SHA256 with the
-- personal-data lookup key, kind 'id_tail'), so "search by the last four" still uses an index but the database holds
-- no tail. The key is not in the database, so SQL cannot fill the new column: the application backfills the rows
-- that have none at start-up (src/modules/registry/id-tail-backfill.ts), in batches, from id_number_enc.
-- What stays in clear: county, birth date and sex (age lists and the registry show them). Without the key the
-- sequence digits (about 500 candidates per person with the sex known) cannot be told apart: id_number_hash and
-- id_tail_hash are keyed.
-- The old values stay in the dropped column's dead tuples on disk until rows are rewritten: the backfill rewrites
-- every row, and VACUUM (FULL) person afterwards returns the space (README, security model).
alter table person add column id_tail_hash text;
alter table person drop column id_tail;
create index person_id_tail_hash_idx on person (id_tail_hash);
-- The rows the backfill still has to fill, found without a scan once it is done.
create index person_id_tail_pending_idx on person (id) where id_tail_hash is null;
