-- Map cells (0010) followed each event write through an upsert of four shared counter rows (the
-- county, township, village and grid cell of the month and subcategory) inside the writer's
-- transaction, so every intake and every transition in a county queued on the same rows until it
-- committed: the intake benchmark showed inserts into event waiting on each other there. Writers
-- now append signed rows to map_event_delta (insert-only: nothing shared to lock), and the roll-up
-- job folds them into the cells every few seconds, as it does for the dashboard.
create table map_event_delta (
  id            bigserial   primary key,
  grid_code     varchar(15) not null,
  created_at    timestamptz not null,
  category_code varchar(8)  not null,
  status        text        not null,
  channel       text        not null,
  overdue       boolean     not null,
  k             smallint    not null
);

create or replace function map_event_ins() returns trigger language plpgsql as $$
begin
  insert into map_event_delta (grid_code, created_at, category_code, status, channel, overdue, k)
  select grid_code, created_at, category_code, status, channel, map_is_open_overdue(status, overdue_at), 1 from map_new;
  return null;
end $$;

-- Only rows whose cell or slot changed leave a pair (-1 for the old version, +1 for the new): most
-- updates (deadline flags, stage, owner) do not move an event between cells.
create or replace function map_event_upd() returns trigger language plpgsql as $$
begin
  insert into map_event_delta (grid_code, created_at, category_code, status, channel, overdue, k)
  select v.grid_code, v.created_at, v.category_code, v.status, v.channel, v.overdue, v.k
  from map_new n
  join map_old o on o.id = n.id
  cross join lateral (values
    (n.grid_code, n.created_at, n.category_code, n.status, n.channel, map_is_open_overdue(n.status, n.overdue_at), 1::smallint),
    (o.grid_code, o.created_at, o.category_code, o.status, o.channel, map_is_open_overdue(o.status, o.overdue_at), -1::smallint)
  ) v(grid_code, created_at, category_code, status, channel, overdue, k)
  where (n.grid_code, n.created_at, n.category_code, n.status, n.channel, map_is_open_overdue(n.status, n.overdue_at))
        is distinct from (o.grid_code, o.created_at, o.category_code, o.status, o.channel, map_is_open_overdue(o.status, o.overdue_at));
  return null;
end $$;

create or replace function map_event_del() returns trigger language plpgsql as $$
begin
  insert into map_event_delta (grid_code, created_at, category_code, status, channel, overdue, k)
  select grid_code, created_at, category_code, status, channel, map_is_open_overdue(status, overdue_at), -1 from map_old;
  return null;
end $$;

-- Folds every committed delta into the cells. The delete hands each delta to exactly one fold, and
-- the advisory lock keeps two folds (two processes' roll-up jobs) from merging at once; the loser
-- returns -1 and leaves the work to the winner. Returns the number of deltas folded.
create function map_cell_fold() returns integer language plpgsql as $$
declare
  v_g varchar[]; v_c timestamptz[]; v_cat varchar[]; v_st text[]; v_ch text[]; v_od boolean[]; v_k integer[];
begin
  if not pg_try_advisory_xact_lock(hashtext('fengqiao.map_cell_fold')) then
    return -1;
  end if;
  with d as (delete from map_event_delta returning grid_code, created_at, category_code, status, channel, overdue, k)
  select array_agg(d.grid_code), array_agg(d.created_at), array_agg(d.category_code), array_agg(d.status), array_agg(d.channel), array_agg(d.overdue), array_agg(d.k::integer)
    into v_g, v_c, v_cat, v_st, v_ch, v_od, v_k from d;
  if v_g is null then
    return 0;
  end if;
  perform map_cell_merge(v_g, v_c, v_cat, v_st, v_ch, v_od, v_k);
  return array_length(v_g, 1);
end $$;

-- A recount from the events makes every pending delta moot.
alter function map_cell_rebuild() rename to map_cell_recount;
create function map_cell_rebuild() returns void language sql as $$
  delete from map_event_delta;
  select map_cell_recount();
$$;
