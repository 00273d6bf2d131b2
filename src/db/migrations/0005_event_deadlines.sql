-- Deadline flags: the sweeper sets each once. warn_at is when the yellow warning is due (a
-- configurable share of the working time), due_at when the event turns red (overdue).
alter table event add column warn_at timestamptz;
alter table event add column warned_at timestamptz;
alter table event add column overdue_at timestamptz;
update event set warn_at = due_at where warn_at is null;
alter table event alter column warn_at set not null;
create index event_open_deadline_idx on event (warn_at, due_at) where status not in ('rejected', 'closed', 'rated');
