-- 挂牌督办 (supervision list). Rules flag townships or villages whose measures cross a threshold
-- over a period; an operator of the level above confirms a flag into a supervision case with a
-- rectification deadline and follows it to closure. Steps are append-only, like event_transition.

create table supervision_rule (
  id                   uuid        primary key default gen_random_uuid(),
  name                 text        not null,
  -- The subtree the rule covers ('' = everywhere) and the level of area it judges.
  area_prefix          varchar(15) not null default '',
  level                text        not null check (level in ('township', 'village')),
  measure              text        not null check (measure in ('disputes_per_1000', 'overdue_share', 'repeat_place', 'dissatisfaction_rate')),
  threshold            double precision not null check (threshold >= 0),
  -- An area with fewer events than this in the period is not judged: a share of 1 out of 2 says little.
  min_events           integer     not null default 5 check (min_events >= 0),
  period               text        not null default 'quarter' check (period in ('month', 'quarter')),
  rectify_working_days integer     not null default 20 check (rectify_working_days between 1 and 250),
  active               boolean     not null default true,
  created_by           uuid        references app_user (id),
  created_at           timestamptz not null default now(),
  updated_at           timestamptz not null default now()
);

create table supervision_flag (
  id           uuid        primary key default gen_random_uuid(),
  county_code  char(6)     not null,
  rule_id      uuid        not null references supervision_rule (id),
  area_code    varchar(15) not null references area (code),
  -- Shanghai calendar dates, both inclusive.
  period_from  date        not null,
  period_to    date        not null,
  value        double precision not null,
  threshold    double precision not null,
  events       integer     not null,
  detail       jsonb,
  status       text        not null default 'pending' check (status in ('pending', 'confirmed', 'dismissed')),
  created_at   timestamptz not null,
  decided_at   timestamptz,
  decided_by   uuid        references app_user (id),
  decision_note text,
  -- Evaluating the same rule, area and period again finds this row instead of adding another.
  unique (rule_id, area_code, period_from, period_to)
);
create index supervision_flag_area_idx on supervision_flag (area_code text_pattern_ops, status);

create table supervision_case (
  id                   uuid        primary key default gen_random_uuid(),
  county_code          char(6)     not null,
  area_code            varchar(15) not null references area (code),
  flag_id              uuid        unique references supervision_flag (id),
  number               text        not null unique,
  title                text        not null,
  requirement          text        not null,
  status               text        not null check (status in ('listed', 'rectifying', 'requested', 'closed')),
  rectify_working_days integer     not null,
  deadline_at          timestamptz not null,
  -- Set once by the sweep when the deadline passes before closure (逾期); stays set after.
  overdue_at           timestamptz,
  -- The scope code of who listed it: the level above that supervises and approves closure.
  supervisor_code      varchar(15) not null,
  created_by           uuid        references app_user (id),
  created_at           timestamptz not null,
  updated_at           timestamptz not null,
  closed_at            timestamptz,
  version              integer     not null default 1
);
create index supervision_case_area_idx on supervision_case (area_code text_pattern_ops, status);
create index supervision_case_due_idx on supervision_case (deadline_at) where overdue_at is null and status <> 'closed';

create table supervision_step (
  id          bigserial   primary key,
  county_code char(6)     not null,
  case_id     uuid        not null references supervision_case (id),
  at          timestamptz not null,
  actor_id    uuid,
  actor_name  text        not null,
  action      text        not null,
  from_status text,
  to_status   text        not null,
  note        text
);
create index supervision_step_case_idx on supervision_step (case_id, id);

-- Defaults a deployment edits: per quarter, township level, with guards against tiny denominators.
insert into supervision_rule (name, area_prefix, level, measure, threshold, min_events, period, rectify_working_days) values
  ('矛盾纠纷高发(每千人)', '', 'township', 'disputes_per_1000', 3, 5, 'quarter', 20),
  ('逾期率偏高', '', 'township', 'overdue_share', 0.2, 10, 'quarter', 15),
  ('同一地点反复发生', '', 'village', 'repeat_place', 5, 5, 'quarter', 15),
  ('群众不满意率偏高', '', 'township', 'dissatisfaction_rate', 0.3, 5, 'quarter', 20);
