-- The deadline sweep's partial indexes (0006) named the flag columns in their predicates
-- (`warned_at is null and …`), and one was keyed on escalate_at. A column an index names, as key or
-- in its predicate, cannot change in a HOT update, so every flag the sweeper set wrote a new row
-- version into all sixteen indexes of event: a catch-up sweep over 50,000 events that crossed their
-- deadlines touched nearly every index page (about 0.5 ms an event on the benchmark machine, most
-- of it full-page images in the WAL). The sweep indexes now name only the deadline and the status,
-- which the sweeper never changes; it skips rows already flagged by a check on the row. With room
-- left on each page (fillfactor, for pages written from now on) a sweep's flag update stays on its
-- page and touches no index.
drop index event_warn_sweep_idx;
drop index event_due_sweep_idx;
drop index event_stage_sweep_idx;
drop index event_escalate_sweep_idx;
create index event_warn_sweep_idx on event (warn_at) where status in ('reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified');
create index event_due_sweep_idx on event (due_at) where status in ('reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified');
create index event_stage_sweep_idx on event (stage_due_at) where status in ('reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified');
alter table event set (fillfactor = 85);
