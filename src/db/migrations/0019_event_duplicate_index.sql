-- The duplicate check at intake (src/services/event-intake.service.ts findDuplicate) asks for open events of one
-- category, reported in the last few days, within a small box. The old index (category_code, created_at) found every
-- open event of the category in the window and then visited each on the heap for its place: hundreds of rows and
-- 0.3 ms an intake at a few thousand events a day, growing with the daily volume. One GiST index over the category
-- (equality, through btree_gist), the point (box containment) and the time (range) finds only the events in the box:
-- 0.05 ms, and a plan the planner picks without help.
create extension if not exists btree_gist;
drop index if exists event_dup_idx;
create index event_dup_idx on event using gist (category_code, point(lng, lat), created_at)
  where status not in ('rejected', 'closed', 'rated');

-- Events are written once and then updated many times (every transition, every deadline flag). A page filled to the
-- brim by inserts has no room for the new version of a row, so such an update is not HOT and writes a new entry into
-- every index of the table, the GiST ones above among them. Leaving 15 % of each new page free keeps the sweep's flag
-- updates HOT (the sweep indexes name no flag column, migration 0014).
alter table event set (fillfactor = 85);
