-- The sentiment map (民情地图, issue #5): a per-area, per-month event aggregate for zoomed-out tiles,
-- and point indexes for zoomed-in tiles. PostGIS is not used: GiST on core `point` serves bboxes.

-- Events per area (county, township, village and grid rows for every event), Shanghai month and
-- subcategory. `counts` has one slot per status × channel (map_slot), so a tile with a status or
-- channel filter sums only those slots instead of scanning events; `total` is their sum.
-- open_overdue counts events that are open now and flagged overdue by the sweeper.
create table map_event_cell (
  area_code     varchar(15) not null,
  month         date        not null,
  category_code varchar(8)  not null,
  total         integer     not null default 0,
  open_overdue  integer     not null default 0,
  counts        integer[]   not null,
  primary key (area_code, month, category_code)
);

-- 10 statuses × 5 channels; the orders are fixed here and in src/domain/tiles-filter.ts.
create function map_slot(p_status text, p_channel text) returns integer language sql immutable as $$
  select (array_position(array['reported', 'accepted', 'rejected', 'dispatched', 'handling', 'feedback', 'verified', 'closed', 'rated', 'suspended'], p_status) - 1) * 5
       + array_position(array['desk', 'grid', 'hotline', 'public', 'api'], p_channel)
$$;

-- Shanghai month of an instant (UTC+8, no daylight saving; no time-zone data needed).
create function map_month(t timestamptz) returns date language sql immutable as $$
  select date_trunc('month', (t at time zone 'UTC') + interval '8 hours')::date
$$;

-- Adds signed rows (k = +1 for a new version of an event, -1 for the old one) to the cells of the
-- event's grid and of every area above it. Rows are upserted in key order so that concurrent
-- writers lock cells in the same order.
create function map_cell_merge(g varchar[], c timestamptz[], cat varchar[], st text[], ch text[], od boolean[], k integer[]) returns void language sql as $$
  with d as (
    select * from unnest(g, c, cat, st, ch, od, k) u(grid_code, created_at, category_code, status, channel, overdue, k)
  ), e as (
    select lv.code as area_code, map_month(d.created_at) as month, d.category_code, map_slot(d.status, d.channel) as slot,
           sum(d.k)::integer as n, sum(case when d.overdue then d.k else 0 end)::integer as od
    from d cross join lateral (values (substr(d.grid_code, 1, 6)), (substr(d.grid_code, 1, 9)), (substr(d.grid_code, 1, 12)), (d.grid_code::text)) lv(code)
    group by 1, 2, 3, 4
    having sum(d.k) <> 0 or sum(case when d.overdue then d.k else 0 end) <> 0
  ), f as (
    -- Written out slot by slot: per-group function calls made a 100,000-row insert take minutes.
    select area_code, month, category_code, sum(n)::integer as total, sum(od)::integer as od,
           array[coalesce(sum(n) filter (where slot = 1), 0), coalesce(sum(n) filter (where slot = 2), 0), coalesce(sum(n) filter (where slot = 3), 0), coalesce(sum(n) filter (where slot = 4), 0), coalesce(sum(n) filter (where slot = 5), 0), coalesce(sum(n) filter (where slot = 6), 0), coalesce(sum(n) filter (where slot = 7), 0), coalesce(sum(n) filter (where slot = 8), 0), coalesce(sum(n) filter (where slot = 9), 0), coalesce(sum(n) filter (where slot = 10), 0), coalesce(sum(n) filter (where slot = 11), 0), coalesce(sum(n) filter (where slot = 12), 0), coalesce(sum(n) filter (where slot = 13), 0), coalesce(sum(n) filter (where slot = 14), 0), coalesce(sum(n) filter (where slot = 15), 0), coalesce(sum(n) filter (where slot = 16), 0), coalesce(sum(n) filter (where slot = 17), 0), coalesce(sum(n) filter (where slot = 18), 0), coalesce(sum(n) filter (where slot = 19), 0), coalesce(sum(n) filter (where slot = 20), 0), coalesce(sum(n) filter (where slot = 21), 0), coalesce(sum(n) filter (where slot = 22), 0), coalesce(sum(n) filter (where slot = 23), 0), coalesce(sum(n) filter (where slot = 24), 0), coalesce(sum(n) filter (where slot = 25), 0), coalesce(sum(n) filter (where slot = 26), 0), coalesce(sum(n) filter (where slot = 27), 0), coalesce(sum(n) filter (where slot = 28), 0), coalesce(sum(n) filter (where slot = 29), 0), coalesce(sum(n) filter (where slot = 30), 0), coalesce(sum(n) filter (where slot = 31), 0), coalesce(sum(n) filter (where slot = 32), 0), coalesce(sum(n) filter (where slot = 33), 0), coalesce(sum(n) filter (where slot = 34), 0), coalesce(sum(n) filter (where slot = 35), 0), coalesce(sum(n) filter (where slot = 36), 0), coalesce(sum(n) filter (where slot = 37), 0), coalesce(sum(n) filter (where slot = 38), 0), coalesce(sum(n) filter (where slot = 39), 0), coalesce(sum(n) filter (where slot = 40), 0), coalesce(sum(n) filter (where slot = 41), 0), coalesce(sum(n) filter (where slot = 42), 0), coalesce(sum(n) filter (where slot = 43), 0), coalesce(sum(n) filter (where slot = 44), 0), coalesce(sum(n) filter (where slot = 45), 0), coalesce(sum(n) filter (where slot = 46), 0), coalesce(sum(n) filter (where slot = 47), 0), coalesce(sum(n) filter (where slot = 48), 0), coalesce(sum(n) filter (where slot = 49), 0), coalesce(sum(n) filter (where slot = 50), 0)]::integer[] as counts
    from e group by 1, 2, 3
  )
  insert into map_event_cell as m (area_code, month, category_code, total, open_overdue, counts)
  select area_code, month, category_code, total, od, counts from f order by 1, 2, 3
  on conflict (area_code, month, category_code) do update
    set total = m.total + excluded.total, open_overdue = m.open_overdue + excluded.open_overdue, counts = array[m.counts[1] + excluded.counts[1], m.counts[2] + excluded.counts[2], m.counts[3] + excluded.counts[3], m.counts[4] + excluded.counts[4], m.counts[5] + excluded.counts[5], m.counts[6] + excluded.counts[6], m.counts[7] + excluded.counts[7], m.counts[8] + excluded.counts[8], m.counts[9] + excluded.counts[9], m.counts[10] + excluded.counts[10], m.counts[11] + excluded.counts[11], m.counts[12] + excluded.counts[12], m.counts[13] + excluded.counts[13], m.counts[14] + excluded.counts[14], m.counts[15] + excluded.counts[15], m.counts[16] + excluded.counts[16], m.counts[17] + excluded.counts[17], m.counts[18] + excluded.counts[18], m.counts[19] + excluded.counts[19], m.counts[20] + excluded.counts[20], m.counts[21] + excluded.counts[21], m.counts[22] + excluded.counts[22], m.counts[23] + excluded.counts[23], m.counts[24] + excluded.counts[24], m.counts[25] + excluded.counts[25], m.counts[26] + excluded.counts[26], m.counts[27] + excluded.counts[27], m.counts[28] + excluded.counts[28], m.counts[29] + excluded.counts[29], m.counts[30] + excluded.counts[30], m.counts[31] + excluded.counts[31], m.counts[32] + excluded.counts[32], m.counts[33] + excluded.counts[33], m.counts[34] + excluded.counts[34], m.counts[35] + excluded.counts[35], m.counts[36] + excluded.counts[36], m.counts[37] + excluded.counts[37], m.counts[38] + excluded.counts[38], m.counts[39] + excluded.counts[39], m.counts[40] + excluded.counts[40], m.counts[41] + excluded.counts[41], m.counts[42] + excluded.counts[42], m.counts[43] + excluded.counts[43], m.counts[44] + excluded.counts[44], m.counts[45] + excluded.counts[45], m.counts[46] + excluded.counts[46], m.counts[47] + excluded.counts[47], m.counts[48] + excluded.counts[48], m.counts[49] + excluded.counts[49], m.counts[50] + excluded.counts[50]]
$$;

create function map_is_open_overdue(p_status text, p_overdue_at timestamptz) returns boolean language sql immutable as $$
  select p_overdue_at is not null and p_status in ('reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified', 'suspended')
$$;

-- Statement-level triggers with transition tables: a bulk insert of 100,000 events costs one
-- GROUP BY, not 100,000 upserts.
create function map_event_ins() returns trigger language plpgsql as $$
begin
  perform map_cell_merge(array_agg(grid_code), array_agg(created_at), array_agg(category_code), array_agg(status), array_agg(channel),
                         array_agg(map_is_open_overdue(status, overdue_at)), array_agg(1)) from map_new;
  return null;
end $$;

create function map_event_upd() returns trigger language plpgsql as $$
begin
  perform map_cell_merge(array_agg(grid_code), array_agg(created_at), array_agg(category_code), array_agg(status), array_agg(channel),
                         array_agg(map_is_open_overdue(status, overdue_at)), array_agg(k))
  from (select grid_code, created_at, category_code, status, channel, overdue_at, 1 as k from map_new
        union all
        select grid_code, created_at, category_code, status, channel, overdue_at, -1 as k from map_old) d;
  return null;
end $$;

create function map_event_del() returns trigger language plpgsql as $$
begin
  perform map_cell_merge(array_agg(grid_code), array_agg(created_at), array_agg(category_code), array_agg(status), array_agg(channel),
                         array_agg(map_is_open_overdue(status, overdue_at)), array_agg(-1)) from map_old;
  return null;
end $$;

create trigger map_event_cell_ins after insert on event referencing new table as map_new for each statement execute function map_event_ins();
create trigger map_event_cell_upd after update on event referencing old table as map_old new table as map_new for each statement execute function map_event_upd();
create trigger map_event_cell_del after delete on event referencing old table as map_old for each statement execute function map_event_del();
-- Bulk loaders (the demo seed, the benchmark generator) run with session_replication_role =
-- replica to skip foreign-key checks; the cells must follow those rows too.
alter table event enable always trigger map_event_cell_ins;
alter table event enable always trigger map_event_cell_upd;
alter table event enable always trigger map_event_cell_del;

-- Recounts every cell from the events in one set-based pass: for a database migrated with events
-- in it, and for bulk loaders that disable the triggers while they load (bench/map-tiles.ts).
create function map_cell_rebuild() returns void language sql as $$
delete from map_event_cell;
insert into map_event_cell (area_code, month, category_code, total, open_overdue, counts)
select area_code, month, category_code, sum(n)::integer, sum(od)::integer,
       array[coalesce(sum(n) filter (where slot = 1), 0), coalesce(sum(n) filter (where slot = 2), 0), coalesce(sum(n) filter (where slot = 3), 0), coalesce(sum(n) filter (where slot = 4), 0), coalesce(sum(n) filter (where slot = 5), 0), coalesce(sum(n) filter (where slot = 6), 0), coalesce(sum(n) filter (where slot = 7), 0), coalesce(sum(n) filter (where slot = 8), 0), coalesce(sum(n) filter (where slot = 9), 0), coalesce(sum(n) filter (where slot = 10), 0), coalesce(sum(n) filter (where slot = 11), 0), coalesce(sum(n) filter (where slot = 12), 0), coalesce(sum(n) filter (where slot = 13), 0), coalesce(sum(n) filter (where slot = 14), 0), coalesce(sum(n) filter (where slot = 15), 0), coalesce(sum(n) filter (where slot = 16), 0), coalesce(sum(n) filter (where slot = 17), 0), coalesce(sum(n) filter (where slot = 18), 0), coalesce(sum(n) filter (where slot = 19), 0), coalesce(sum(n) filter (where slot = 20), 0), coalesce(sum(n) filter (where slot = 21), 0), coalesce(sum(n) filter (where slot = 22), 0), coalesce(sum(n) filter (where slot = 23), 0), coalesce(sum(n) filter (where slot = 24), 0), coalesce(sum(n) filter (where slot = 25), 0), coalesce(sum(n) filter (where slot = 26), 0), coalesce(sum(n) filter (where slot = 27), 0), coalesce(sum(n) filter (where slot = 28), 0), coalesce(sum(n) filter (where slot = 29), 0), coalesce(sum(n) filter (where slot = 30), 0), coalesce(sum(n) filter (where slot = 31), 0), coalesce(sum(n) filter (where slot = 32), 0), coalesce(sum(n) filter (where slot = 33), 0), coalesce(sum(n) filter (where slot = 34), 0), coalesce(sum(n) filter (where slot = 35), 0), coalesce(sum(n) filter (where slot = 36), 0), coalesce(sum(n) filter (where slot = 37), 0), coalesce(sum(n) filter (where slot = 38), 0), coalesce(sum(n) filter (where slot = 39), 0), coalesce(sum(n) filter (where slot = 40), 0), coalesce(sum(n) filter (where slot = 41), 0), coalesce(sum(n) filter (where slot = 42), 0), coalesce(sum(n) filter (where slot = 43), 0), coalesce(sum(n) filter (where slot = 44), 0), coalesce(sum(n) filter (where slot = 45), 0), coalesce(sum(n) filter (where slot = 46), 0), coalesce(sum(n) filter (where slot = 47), 0), coalesce(sum(n) filter (where slot = 48), 0), coalesce(sum(n) filter (where slot = 49), 0), coalesce(sum(n) filter (where slot = 50), 0)]::integer[]
from (
  select lv.code as area_code, map_month(e.created_at) as month, e.category_code, map_slot(e.status, e.channel) as slot,
         count(*) as n, count(*) filter (where map_is_open_overdue(e.status, e.overdue_at)) as od
  from event e cross join lateral (values (substr(e.grid_code, 1, 6)), (substr(e.grid_code, 1, 9)), (substr(e.grid_code, 1, 12)), (e.grid_code::text)) lv(code)
  group by 1, 2, 3, 4
) x
group by 1, 2, 3
$$;
select map_cell_rebuild();

-- Zoomed-in tiles: events, places, things and organisations inside a bounding box.
create index event_point_idx on event using gist (point(lng, lat));
create index place_point_idx on place using gist (point(lng, lat));
create index thing_point_idx on thing using gist (point(lng, lat));
create index organization_point_idx on organization using gist (point(lng, lat)) where lng is not null;
