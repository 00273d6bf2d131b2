-- Every request resolves its bearer token to a session and its account. Each process keeps the sessions it has
-- resolved, and trusts its copy only while this counter has not moved; any change that can end a session or alter
-- what it may do bumps it in the same transaction: a session revoked, expired by hand, deleted or re-keyed, an account
-- disabled, deleted, or given other roles, scope, unit, name or password. Sign-ins, the once-a-minute idle touch and
-- the last-login time do not, so the counter moves only on rare administrative writes.
create table auth_version (id boolean primary key default true check (id), version bigint not null);
insert into auth_version (id, version) values (true, 1);

-- One bump for any such one-row counter: the trigger names its table.
create function version_counter_bump() returns trigger language plpgsql as $$
begin
  execute format('update %I set version = version + 1 where id', tg_argv[0]);
  return null;
end $$;

create trigger auth_version_session after update on session for each row
  when (old.revoked_at is distinct from new.revoked_at or old.expires_at is distinct from new.expires_at
        or old.token_hash is distinct from new.token_hash or old.user_id is distinct from new.user_id)
  execute function version_counter_bump('auth_version');
create trigger auth_version_session_gone after delete or truncate on session for each statement execute function version_counter_bump('auth_version');
create trigger auth_version_user after update on app_user for each row
  when (old.status is distinct from new.status or old.roles is distinct from new.roles or old.scope_code is distinct from new.scope_code
        or old.unit_id is distinct from new.unit_id or old.display_name is distinct from new.display_name
        or old.username is distinct from new.username or old.password_hash is distinct from new.password_hash)
  execute function version_counter_bump('auth_version');
create trigger auth_version_user_gone after delete or truncate on app_user for each statement execute function version_counter_bump('auth_version');
-- Bulk loaders run with session_replication_role = replica; the caches must still see their changes.
alter table session enable always trigger auth_version_session;
alter table session enable always trigger auth_version_session_gone;
alter table app_user enable always trigger auth_version_user;
alter table app_user enable always trigger auth_version_user_gone;
