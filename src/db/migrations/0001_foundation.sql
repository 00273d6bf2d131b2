-- Foundation: areas and grids, units, accounts, sessions, grid workers, the audit log.
-- Every area-bound table carries county_code (6 digits) as a leading key column so that it can
-- become the Citus distribution column later.

create extension if not exists pg_trgm;

-- The area tree: city -> county -> township -> village -> grid. Codes follow the statistical
-- division codes (6/9/12 digits) plus a 3-digit grid number (15 digits). Codes are never reused:
-- a retired area keeps its row.
create table area (
  code         varchar(15) primary key,
  county_code  char(6)     not null,
  level        text        not null check (level in ('city', 'county', 'township', 'village', 'grid')),
  name         text        not null check (length(name) between 1 and 100),
  parent_code  varchar(15) references area (code),
  status       text        not null default 'active' check (status in ('active', 'retired')),
  boundary     jsonb,
  bbox         box,
  center_lng   double precision,
  center_lat   double precision,
  version      integer     not null default 1,
  created_at   timestamptz not null,
  updated_at   timestamptz not null,
  retired_at   timestamptz
);
create index area_parent_idx on area (parent_code, code);
create index area_code_prefix_idx on area (code text_pattern_ops);
create index area_name_trgm_idx on area using gin (name gin_trgm_ops);

-- Polygon rings of each area's boundary in core Postgres geometric types, derived from the
-- GeoJSON on every write. They answer "which grid contains this point" on PGlite and on
-- PostgreSQL alike, without PostGIS.
create table area_ring (
  county_code char(6)     not null,
  area_code   varchar(15) not null references area (code),
  level       text        not null,
  part        integer     not null,
  ring        integer     not null,
  is_hole     boolean     not null,
  poly        polygon     not null,
  bbox        box         not null,
  primary key (county_code, area_code, part, ring)
);
create index area_ring_bbox_idx on area_ring using gist (bbox);
create index area_ring_area_idx on area_ring (area_code);

-- Handling units: departments and partners such as 法庭, 派出所, 司法所, 律师事务所, and the centres.
create table unit (
  id          uuid        primary key default gen_random_uuid(),
  county_code char(6)     not null,
  area_code   varchar(15) not null references area (code),
  code        text        not null unique,
  name        text        not null,
  kind        text        not null check (kind in ('centre', 'department', 'court', 'police', 'justice_office', 'law_firm', 'other')),
  status      text        not null default 'active' check (status in ('active', 'retired')),
  created_at  timestamptz not null
);
create index unit_area_idx on unit (area_code text_pattern_ops);

create table app_user (
  id                  uuid        primary key default gen_random_uuid(),
  username            text        not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
  display_name        text        not null,
  password_hash       text        not null,
  roles               text[]      not null,
  scope_code          varchar(15) not null references area (code),
  unit_id             uuid        references unit (id),
  status              text        not null default 'active' check (status in ('active', 'disabled')),
  created_at          timestamptz not null,
  updated_at          timestamptz not null,
  password_changed_at timestamptz not null,
  last_login_at       timestamptz
);
create index app_user_scope_idx on app_user (scope_code text_pattern_ops);

-- Only the SHA-256 of a bearer token is stored: a leaked table does not leak sessions.
create table session (
  id            uuid        primary key default gen_random_uuid(),
  user_id       uuid        not null references app_user (id),
  token_hash    text        not null unique,
  created_at    timestamptz not null,
  expires_at    timestamptz not null,
  last_seen_at  timestamptz not null,
  revoked_at    timestamptz,
  ip            text,
  user_agent    text
);
create index session_user_idx on session (user_id);

create table login_failure (
  id       bigserial   primary key,
  username text        not null,
  ip       text        not null,
  at       timestamptz not null
);
create index login_failure_username_idx on login_failure (username, at);
create index login_failure_ip_idx on login_failure (ip, at);

create table grid_worker (
  id          uuid        primary key default gen_random_uuid(),
  county_code char(6)     not null,
  home_code   varchar(15) not null references area (code),
  name        text        not null,
  phone_enc   text,
  phone_hash  text,
  user_id     uuid        references app_user (id),
  status      text        not null default 'active' check (status in ('active', 'left')),
  created_at  timestamptz not null
);
create index grid_worker_home_idx on grid_worker (home_code text_pattern_ops);
create index grid_worker_phone_hash_idx on grid_worker (phone_hash);
create unique index grid_worker_user_idx on grid_worker (user_id) where user_id is not null;

-- A grid may have several workers and a worker may cover several grids. Ending an assignment
-- sets ended_at so the history stays.
create table grid_assignment (
  id             uuid        primary key default gen_random_uuid(),
  county_code    char(6)     not null,
  grid_code      varchar(15) not null references area (code),
  grid_worker_id uuid        not null references grid_worker (id),
  started_at     timestamptz not null,
  ended_at       timestamptz
);
create unique index grid_assignment_active_idx on grid_assignment (grid_code, grid_worker_id) where ended_at is null;
create index grid_assignment_worker_idx on grid_assignment (grid_worker_id) where ended_at is null;

-- The audit log is append-only and hash-chained per county (chain '000000' for city-wide and
-- system entries), so counties do not contend for one chain head and a chain can move with its
-- county's shard.
create table audit_chain_head (
  chain char(6) primary key,
  seq   bigint  not null,
  hash  text    not null
);

create table audit_log (
  id          bigserial   primary key,
  chain       char(6)     not null,
  seq         bigint      not null,
  at          timestamptz not null,
  actor_id    uuid,
  actor_name  text        not null,
  ip          text,
  action      text        not null,
  entity_type text        not null,
  entity_id   text        not null,
  area_code   varchar(15),
  before      jsonb,
  after       jsonb,
  reason      text,
  prev_hash   text        not null,
  hash        text        not null,
  unique (chain, seq)
);
create index audit_log_entity_idx on audit_log (entity_type, entity_id, id);
create index audit_log_area_idx on audit_log (area_code text_pattern_ops, id);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();

create table app_setting (
  key   text primary key,
  value jsonb not null
);
