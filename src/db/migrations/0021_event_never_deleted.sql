-- Events are never deleted: they are rejected, closed, rated or merged into another, and their
-- timelines and inbox notices stay. This makes that a rule the database keeps, for every role and in
-- replica mode too, so no timeline row or notice can lose its event.
create function event_never_deleted() returns trigger language plpgsql as $$
begin
  raise exception 'events are never deleted: reject, close or merge them instead' using errcode = 'restrict_violation';
end;
$$;
create trigger event_never_deleted before delete on event for each row execute function event_never_deleted();
create trigger event_never_truncated before truncate on event for each statement execute function event_never_deleted();
alter table event enable always trigger event_never_deleted;
alter table event enable always trigger event_never_truncated;

-- With that rule, the keys from the timeline and the inbox to their event guard only inserts, and every
-- writer of those rows takes the event id from the event row it holds locked in the same transaction.
-- They cost more than anything else the deadline sweep writes: PostgreSQL checks each row on its own,
-- locking its event FOR KEY SHARE, so a catch-up of 44,500 events (111,500 timeline rows, 11,500
-- notices) spent 1.3–1.7 s of 5.4–6.7 s there (bench/event-sweep.ts, 2026-12-05). The other keys to
-- event (parties, attachments, co-handler tasks, mediation cases) stay: few of those rows are written
-- at once.
alter table event_transition drop constraint if exists event_transition_event_id_fkey;
alter table notification drop constraint if exists notification_event_id_fkey;
