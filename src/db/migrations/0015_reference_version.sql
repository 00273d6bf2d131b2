-- Intake reads five small, rarely edited tables for every event (categories, live routing rules,
-- stage limits, mediation policies, units). Each process caches them; any statement that changes one
-- of them bumps this counter in its own transaction, and a process reads the counter (one
-- primary-key row) before it trusts its copy, so an edit is seen by the next event everywhere.
create table reference_version (
  id      boolean primary key default true check (id),
  version bigint  not null
);
insert into reference_version (id, version) values (true, 1);

create function reference_version_bump() returns trigger language plpgsql as $$
begin
  update reference_version set version = version + 1 where id;
  return null;
end $$;

create trigger reference_version_bump after insert or update or delete or truncate on event_category for each statement execute function reference_version_bump();
create trigger reference_version_bump after insert or update or delete or truncate on routing_rule for each statement execute function reference_version_bump();
create trigger reference_version_bump after insert or update or delete or truncate on stage_limit for each statement execute function reference_version_bump();
create trigger reference_version_bump after insert or update or delete or truncate on mediation_policy for each statement execute function reference_version_bump();
create trigger reference_version_bump after insert or update or delete or truncate on unit for each statement execute function reference_version_bump();
-- Bulk loaders run with session_replication_role = replica; the caches must still see their rows.
alter table event_category enable always trigger reference_version_bump;
alter table routing_rule enable always trigger reference_version_bump;
alter table stage_limit enable always trigger reference_version_bump;
alter table mediation_policy enable always trigger reference_version_bump;
alter table unit enable always trigger reference_version_bump;
