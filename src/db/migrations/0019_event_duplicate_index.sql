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
