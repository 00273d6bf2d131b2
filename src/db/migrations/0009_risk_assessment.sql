-- Social-stability risk assessment (社会稳定风险评估, "1+8+N"): third-party firms, the matters they
-- assess, the steps with owners and deadlines, consultations and opinions, the risk register,
-- gradings (each round kept), the decision and the firms' ratings.

create table risk_firm (
  id            uuid        primary key default gen_random_uuid(),
  name          text        not null check (length(name) between 2 and 100),
  credit_code   char(18)    not null unique,
  qualifications text[]     not null default '{}',
  staff_count   integer     not null check (staff_count between 1 and 10000),
  contact       text,
  -- Organisations the firm is tied to (owners, parents, recent clients it works for):
  -- [{ "name": ..., "creditCode": ... | null, "relation": ... }]. Assignment checks both keys.
  ties          jsonb       not null default '[]',
  status        text        not null default 'active' check (status in ('active', 'suspended')),
  created_at    timestamptz not null,
  updated_at    timestamptz not null
);

create table risk_matter (
  id                 uuid        primary key default gen_random_uuid(),
  number             text        not null unique,
  county_code        char(6)     not null,
  -- The area of the registering centre: scope is enforced on this column.
  area_code          varchar(15) not null references area (code),
  area_codes         text[]      not null check (cardinality(area_codes) between 1 and 50),
  title              text        not null check (length(title) between 2 and 200),
  type               text        not null check (type in ('decision', 'project', 'reform', 'other')),
  kind               text        not null check (kind in ('immediate', 'special')),
  deciding_body      text        not null,
  implementing_body  text        not null,
  implementing_credit_code char(18),
  budget             numeric(14, 2),
  schedule_start     date,
  schedule_end       date,
  background         text,
  basis              text,
  stage              text        not null default 'identify',
  stage_due_at       timestamptz not null,
  round              integer     not null default 1,
  firm_id            uuid        references risk_firm (id),
  lead_assessor      text,
  plan               text,
  points_changed_at  timestamptz,
  conclusion         text,
  contingency        text,
  decision           text        check (decision in ('implement', 'postpone', 'reject')),
  decided_by         text,
  decided_on         date,
  decision_note      text,
  decided_at         timestamptz,
  implementation_started_at timestamptz,
  closed_at          timestamptz,
  version            integer     not null default 1,
  created_by         uuid        references app_user (id),
  created_at         timestamptz not null,
  updated_at         timestamptz not null
);
create index risk_matter_area_idx on risk_matter (area_code text_pattern_ops, stage);
create index risk_matter_firm_idx on risk_matter (firm_id);
create index risk_matter_areas_idx on risk_matter using gin (area_codes);

-- One row per step entered (a re-assessment enters grading again with a new round).
create table risk_stage_log (
  id          bigserial   primary key,
  matter_id   uuid        not null references risk_matter (id),
  stage       text        not null,
  round       integer     not null,
  owner       text        not null,
  owner_name  text        not null,
  started_at  timestamptz not null,
  due_at      timestamptz,
  ended_at    timestamptz,
  actor_name  text        not null,
  note        text
);
create index risk_stage_log_matter_idx on risk_stage_log (matter_id, id);

create table risk_consultation (
  -- Insertion order: rows written in one instant (the clock is injected) still list in the order entered.
  seq          bigserial   not null,
  id           uuid        primary key default gen_random_uuid(),
  matter_id    uuid        not null references risk_matter (id),
  method       text        not null check (method in ('notice', 'survey', 'visit', 'forum', 'hearing')),
  held_on      date        not null,
  participants integer     not null check (participants between 0 and 1000000),
  consulted    text        not null,
  summary      text,
  created_at   timestamptz not null
);
create index risk_consultation_matter_idx on risk_consultation (matter_id);

create table risk_opinion (
  -- Insertion order: rows written in one instant (the clock is injected) still list in the order entered.
  seq          bigserial   not null,
  id              uuid        primary key default gen_random_uuid(),
  consultation_id uuid        not null references risk_consultation (id),
  matter_id       uuid        not null references risk_matter (id),
  content         text        not null,
  adopted         boolean,
  response        text,
  created_at      timestamptz not null
);
create index risk_opinion_matter_idx on risk_opinion (matter_id);

create table risk_point (
  -- Insertion order: rows written in one instant (the clock is injected) still list in the order entered.
  seq          bigserial   not null,
  id                uuid        primary key default gen_random_uuid(),
  matter_id         uuid        not null references risk_matter (id),
  dimension         text        not null check (dimension in ('legality', 'reasonableness', 'feasibility', 'controllability')),
  description       text        not null,
  likelihood        smallint    not null check (likelihood between 1 and 5),
  impact            smallint    not null check (impact between 1 and 5),
  affected_people   integer     check (affected_people >= 0),
  mitigation        text,
  mitigation_owner  text,
  mitigation_due    date,
  mitigation_done_at timestamptz,
  mitigation_note   text,
  created_at        timestamptz not null,
  updated_at        timestamptz not null
);
create index risk_point_matter_idx on risk_point (matter_id);

create table risk_grading (
  -- Insertion order: rows written in one instant (the clock is injected) still list in the order entered.
  seq          bigserial   not null,
  id              uuid        primary key default gen_random_uuid(),
  matter_id       uuid        not null references risk_matter (id),
  round           integer     not null,
  rule_version    integer     not null,
  computed_level  text        not null check (computed_level in ('low', 'medium', 'high')),
  final_level     text        not null check (final_level in ('low', 'medium', 'high')),
  override_reason text,
  mitigated       boolean     not null,
  -- The points as they were scored: [{ id, dimension, likelihood, impact, affectedPeople, score, level }].
  points          jsonb       not null,
  graded_by       text        not null,
  graded_at       timestamptz not null,
  check (computed_level = final_level or length(coalesce(override_reason, '')) >= 10)
);
create index risk_grading_matter_idx on risk_grading (matter_id, graded_at);

create table risk_firm_rating (
  id         uuid        primary key default gen_random_uuid(),
  firm_id    uuid        not null references risk_firm (id),
  matter_id  uuid        not null unique references risk_matter (id),
  score      smallint    not null check (score between 1 and 5),
  comment    text,
  rated_by   text        not null,
  rated_at   timestamptz not null
);
create index risk_firm_rating_firm_idx on risk_firm_rating (firm_id);

create table risk_number_counter (
  county_code char(6) not null,
  year        integer not null,
  last        integer not null,
  primary key (county_code, year)
);
