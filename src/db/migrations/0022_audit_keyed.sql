-- Issue #14 item 4: the audit chain is keyed (HMAC-SHA256 with a key outside the database) and
-- anchored by signed checkpoints outside the database.
--
-- Rows written before this migration were hashed with plain SHA-256 and cannot be rehashed here
-- (the key is not in the database). Each row now names its algorithm; the existing rows are
-- 'sha256' and every later row is 'hmac-sha256'. A chain's head records how far its unkeyed prefix
-- goes (legacy_through = the head's seq today), so an unkeyed row above it is a downgrade; the
-- checkpoints carry the same figure, so raising it in the database is detected too.
alter table audit_log add column alg text not null default 'sha256';
alter table audit_log alter column alg drop default;
alter table audit_log add constraint audit_log_alg_check check (alg in ('sha256', 'hmac-sha256'));

alter table audit_chain_head add column legacy_through bigint not null default 0;
update audit_chain_head set legacy_through = seq;

-- A chain head only moves forward: seq grows (and the hash changes only with it), legacy_through
-- never changes, and heads are never deleted. A database superuser can drop or disable this
-- trigger; the signed checkpoints outside the database are what catch that.
create function audit_chain_head_forward_only() returns trigger language plpgsql as $$
begin
  if tg_op <> 'UPDATE' then
    raise exception 'audit_chain_head rows cannot be deleted';
  end if;
  if new.chain <> old.chain or new.seq < old.seq or (new.seq = old.seq and new.hash <> old.hash)
     or new.legacy_through <> old.legacy_through then
    raise exception 'audit_chain_head can only move forward';
  end if;
  return new;
end;
$$;
create trigger audit_chain_head_forward before update or delete on audit_chain_head
  for each row execute function audit_chain_head_forward_only();
create trigger audit_chain_head_no_truncate before truncate on audit_chain_head
  for each statement execute function audit_chain_head_forward_only();
