-- Roll-ups for the command dashboard and the map (issue #5). The roll-up job (src/jobs/rollup.ts)
-- keeps them by reading the append-only event_transition log: every event it sees there gets its
-- per-event facts recomputed from the raw rows, and the difference between the old and the new
-- facts is added to the day buckets of the event's grid and of every area above it. Recomputing
-- from raw rows makes a run idempotent, so a trailing window can be read again safely.
-- Days are Asia/Shanghai calendar days (UTC+8, no daylight saving).

-- What one event contributes, as last counted. Old facts are subtracted and new ones added.
create table stats_event_fact (
  event_id       uuid        primary key,
  grid_code      varchar(15) not null,
  category_code  varchar(8)  not null,
  created_day    date        not null,
  -- First 受理 and whether it came before the sweeper flagged the accept stage overdue.
  accepted_day   date,
  responded      boolean     not null default false,
  -- Set while the event is closed now (closed or rated, not a merged duplicate): day of closed_at.
  closed_day     date,
  closed_on_time boolean     not null default false,
  rating         text,
  -- First time the sweeper flagged the whole event overdue.
  overdue_day    date,
  -- A finished mediation case: resolved (with the level key) or exhausted, on the day it closed.
  med_status     text,
  med_level      text,
  med_day        date,
  -- The status while the event is open (running or suspended), and whether it is flagged overdue.
  open_status    text,
  open_overdue   boolean     not null default false
);

-- Per area (every level), Shanghai day and subcategory. Rows are only ever added to.
create table stats_day (
  area_code          varchar(15) not null,
  day                date        not null,
  category_code      varchar(8)  not null,
  received           integer     not null default 0,
  accepted           integer     not null default 0,
  responded          integer     not null default 0,
  closed             integer     not null default 0,
  closed_on_time     integer     not null default 0,
  resolved           integer     not null default 0,
  rated_satisfied    integer     not null default 0,
  rated_basic        integer     not null default 0,
  rated_unsatisfied  integer     not null default 0,
  overdue            integer     not null default 0,
  primary key (area_code, day, category_code)
);

-- Finished mediation cases per area, day, category, outcome and the level that resolved them.
create table stats_mediation_day (
  area_code     varchar(15) not null,
  day           date        not null,
  category_code varchar(8)  not null,
  status        text        not null,
  level_key     text        not null,
  n             integer     not null default 0,
  primary key (area_code, day, category_code, status, level_key)
);

-- Events open right now per area, category and status, with how many are flagged overdue.
create table stats_open (
  area_code     varchar(15) not null,
  category_code varchar(8)  not null,
  status        text        not null,
  n             integer     not null default 0,
  overdue       integer     not null default 0,
  primary key (area_code, category_code, status)
);

-- Registry figures per area: residents present and special-group tags due for a visit. Refreshed
-- by the job as a whole (visits are not in the event log), with the time it was computed.
create table stats_area_registry (
  area_code        varchar(15) primary key,
  population       integer     not null default 0,
  special_total    integer     not null default 0,
  special_overdue  integer     not null default 0,
  computed_at      timestamptz not null
);

-- The job's position in event_transition. Everything up to settled_id is counted; ids above it are
-- read again on each run until they are older than the settle window (ids can commit out of order).
create table stats_rollup_state (
  name            text        primary key,
  settled_id      bigint      not null default 0,
  seen_id         bigint      not null default 0,
  ran_at          timestamptz,
  covered_at      timestamptz,
  registry_at     timestamptz,
  last_ms         integer
);
insert into stats_rollup_state (name) values ('events');
