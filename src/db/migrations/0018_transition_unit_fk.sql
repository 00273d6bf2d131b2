-- A timeline row's unit_id records which unit held the event at that step. Every value written there
-- comes from an event column that has its own foreign key to unit (owner, lead, receiving, routed) or
-- from the unit lookup that filled such a column, and units are never deleted (they are retired), so
-- the key on the timeline added no integrity, only cost: PostgreSQL locks the referenced unit row
-- FOR KEY SHARE for every timeline row, the same few rows over and over. A deadline sweep that
-- catches up 100,000 crossings spent 1.4 s of its 6.2 s there (bench/event-sweep.ts, 2026-11-29).
-- The key from the timeline to its event stays.
alter table event_transition drop constraint if exists event_transition_unit_id_fkey;
