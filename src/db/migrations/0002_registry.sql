-- Chinese substring search: pg_trgm cannot index a one- or two-character infix (it has no whole
-- trigram), and most Chinese names are two or three characters. fq_grams() gives every character
-- and every pair of adjacent characters; a GIN index on it answers `grams @> query grams`, and a
-- LIKE recheck keeps the result exact. Same SQL on PGlite and PostgreSQL.
create function fq_grams(t text) returns text[] language sql immutable parallel safe as $$
  select coalesce(array_agg(distinct g), '{}') from (
    select substr(lower(t), i, 1) as g from generate_series(1, char_length(t)) as i
    union all
    select substr(lower(t), i, 2) from generate_series(1, char_length(t) - 1) as i
  ) s
$$;

-- The grams a query must contain: the query itself when it is one character, else its pairs.
create function fq_query_grams(q text) returns text[] language sql immutable parallel safe as $$
  select case when char_length(q) <= 1 then array[lower(q)]
    else (select array_agg(distinct substr(lower(q), i, 2)) from generate_series(1, char_length(q) - 1) as i) end
$$;

-- The six basic elements 人地事物情组织: people, places (houses and public places), things,
-- organisations and sentiment (visits). Every table is area-bound through grid_code and carries
-- county_code as its leading key column. Nothing is hard-deleted: status columns end a record.

create table house (
  id            uuid        primary key default gen_random_uuid(),
  county_code   char(6)     not null,
  grid_code     varchar(15) not null references area (code),
  address       text        not null,
  lng           double precision,
  lat           double precision,
  use           text        not null check (use in ('residential', 'commercial', 'office', 'industrial', 'mixed', 'other')),
  rental_status text        not null default 'owner_occupied' check (rental_status in ('owner_occupied', 'rented', 'vacant')),
  floors        integer     check (floors between 1 and 200),
  area_m2       numeric(10, 2),
  owner_name    text,
  status        text        not null default 'active' check (status in ('active', 'demolished')),
  version       integer     not null default 1,
  created_at    timestamptz not null,
  updated_at    timestamptz not null
);
create index house_grid_idx on house (grid_code text_pattern_ops);
create index house_address_grams_idx on house using gin (fq_grams(address));

create table household (
  id             uuid        primary key default gen_random_uuid(),
  county_code    char(6)     not null,
  grid_code      varchar(15) not null references area (code),
  number         text        not null,
  house_id       uuid        references house (id),
  address        text        not null,
  head_person_id uuid,
  status         text        not null default 'active' check (status in ('active', 'closed')),
  version        integer     not null default 1,
  created_at     timestamptz not null,
  updated_at     timestamptz not null,
  unique (county_code, number)
);
create index household_grid_idx on household (grid_code text_pattern_ops);
create index household_address_grams_idx on household using gin (fq_grams(address));

create table person (
  id                uuid        primary key default gen_random_uuid(),
  county_code       char(6)     not null,
  grid_code         varchar(15) not null references area (code),
  name              text        not null,
  id_number_enc     text        not null,
  id_number_hash    text        not null,
  -- The last four characters are shown in every masked list anyway; kept plain so "the last
  -- digits" can be searched with an index.
  id_tail           char(4)     not null,
  birth_date        date        not null,
  sex               text        not null check (sex in ('male', 'female')),
  ethnicity         text        not null default '汉族',
  phone_enc         text,
  phone_hash        text,
  phone_tail        char(4),
  registration_type text        not null check (registration_type in ('registered', 'floating', 'overseas')),
  household_id      uuid        references household (id),
  relation_to_head  text,
  house_id          uuid        references house (id),
  status            text        not null default 'present' check (status in ('present', 'moved_out', 'deceased')),
  version           integer     not null default 1,
  created_at        timestamptz not null,
  updated_at        timestamptz not null
);
create unique index person_id_number_hash_idx on person (id_number_hash);
create index person_grid_idx on person (grid_code text_pattern_ops, status);
create index person_name_grams_idx on person using gin (fq_grams(name));
create index person_id_tail_idx on person (id_tail);
create index person_phone_hash_idx on person (phone_hash);
create index person_phone_tail_idx on person (phone_tail);
create index person_household_idx on person (household_id);
create index person_house_idx on person (house_id);

alter table household add constraint household_head_fk foreign key (head_person_id) references person (id);

-- Special groups as tags on a person: 刑满释放, 社区矫正, 严重精神障碍, 吸毒, 艾滋病危险, 重点青少年,
-- 留守儿童/老人, 困难群体, 重点信访. Each has its own fields (details), a responsible grid worker, a
-- visit interval and a risk level; next_visit_due drives the overdue-visit list.
create table person_tag (
  id                    uuid        primary key default gen_random_uuid(),
  county_code           char(6)     not null,
  grid_code             varchar(15) not null references area (code),
  person_id             uuid        not null references person (id),
  tag                   text        not null,
  risk_level            text        not null check (risk_level in ('red', 'yellow', 'blue')),
  responsible_worker_id uuid        references grid_worker (id),
  visit_interval_days   integer     not null check (visit_interval_days between 1 and 366),
  details               jsonb       not null default '{}',
  last_visit_at         timestamptz,
  next_visit_due        timestamptz not null,
  active                boolean     not null default true,
  created_at            timestamptz not null,
  updated_at            timestamptz not null,
  ended_at              timestamptz
);
create unique index person_tag_active_idx on person_tag (person_id, tag) where active;
create index person_tag_due_idx on person_tag (grid_code text_pattern_ops, next_visit_due) where active;

create table place (
  id                  uuid        primary key default gen_random_uuid(),
  county_code         char(6)     not null,
  grid_code           varchar(15) not null references area (code),
  name                text        not null,
  kind                text        not null,
  address             text        not null,
  lng                 double precision not null,
  lat                 double precision not null,
  responsible_unit_id uuid        references unit (id),
  status              text        not null default 'active' check (status in ('active', 'closed')),
  version             integer     not null default 1,
  created_at          timestamptz not null,
  updated_at          timestamptz not null
);
create index place_grid_idx on place (grid_code text_pattern_ops);
create index place_grams_idx on place using gin (fq_grams(name || ' ' || address));

-- Things 物: facilities, hazards 安全隐患点 and public-security cameras 视频监控点.
create table thing (
  id                  uuid        primary key default gen_random_uuid(),
  county_code         char(6)     not null,
  grid_code           varchar(15) not null references area (code),
  kind                text        not null check (kind in ('facility', 'hazard', 'camera')),
  subtype             text        not null,
  name                text        not null,
  lng                 double precision not null,
  lat                 double precision not null,
  status              text        not null default 'normal' check (status in ('normal', 'fault', 'rectifying', 'removed')),
  responsible_unit_id uuid        references unit (id),
  details             jsonb       not null default '{}',
  version             integer     not null default 1,
  created_at          timestamptz not null,
  updated_at          timestamptz not null
);
create index thing_grid_idx on thing (grid_code text_pattern_ops, kind);

create table organization (
  id                 uuid        primary key default gen_random_uuid(),
  county_code        char(6)     not null,
  grid_code          varchar(15) not null references area (code),
  name               text        not null,
  kind               text        not null check (kind in ('enterprise', 'social_org', 'school', 'hospital', 'party_org', 'other')),
  credit_code        char(18)    unique,
  address            text        not null,
  lng                double precision,
  lat                double precision,
  contact_name       text,
  contact_phone_enc  text,
  contact_phone_hash text,
  employee_count     integer     check (employee_count >= 0),
  status             text        not null default 'active' check (status in ('active', 'closed', 'moved_out')),
  version            integer     not null default 1,
  created_at         timestamptz not null,
  updated_at         timestamptz not null
);
create index organization_grid_idx on organization (grid_code text_pattern_ops);
create index organization_grams_idx on organization using gin (fq_grams(name || ' ' || address));

create table organization_member (
  id              uuid        primary key default gen_random_uuid(),
  county_code     char(6)     not null,
  organization_id uuid        not null references organization (id),
  person_id       uuid        not null references person (id),
  role            text        not null default '员工',
  started_at      timestamptz not null,
  ended_at        timestamptz
);
create unique index organization_member_active_idx on organization_member (organization_id, person_id) where ended_at is null;

-- 走访记录 / 民情报告单: what a grid worker saw and was asked. A finding can be handed to the
-- events module (event_id is set when it is).
create table visit (
  id              uuid        primary key default gen_random_uuid(),
  county_code     char(6)     not null,
  grid_code       varchar(15) not null references area (code),
  grid_worker_id  uuid        references grid_worker (id),
  user_id         uuid        references app_user (id),
  visited_at      timestamptz not null,
  person_ids      uuid[]      not null default '{}',
  household_id    uuid        references household (id),
  house_id        uuid        references house (id),
  organization_id uuid        references organization (id),
  observed        text        not null,
  requests        text,
  finding         text,
  finding_status  text        not null default 'none' check (finding_status in ('none', 'open', 'handed_off')),
  event_id        uuid,
  created_at      timestamptz not null
);
create index visit_grid_idx on visit (grid_code text_pattern_ops, visited_at desc);
create index visit_household_idx on visit (household_id);

-- Every change to an element, as a version: who, when, what changed (personal fields masked), why.
create table element_version (
  id           bigserial   primary key,
  county_code  char(6)     not null,
  grid_code    varchar(15) not null,
  element_type text        not null,
  element_id   uuid        not null,
  version      integer     not null,
  at           timestamptz not null,
  actor_id     uuid,
  actor_name   text        not null,
  action       text        not null,
  changes      jsonb       not null,
  reason       text,
  unique (element_type, element_id, version)
);
create index element_version_grid_idx on element_version (grid_code text_pattern_ops, at desc);
