-- The rest of the one-door loop: routing to the four centres, 首接负责, joint handling, stage
-- deadlines and supervision, four-level seven-day mediation, duplicates, parties, attachments,
-- the in-app inbox, public-intake throttling and the editable working-day calendar.

-- Routing rules: category × area → centre and handling unit. The most specific rule wins (longest
-- area prefix, then longest category prefix). A rule is never edited in place: a change retires
-- the old row and inserts a new one, and each event keeps the id of the rule that routed it, so a
-- change applies to new events only.
create table routing_rule (
  id              uuid        primary key default gen_random_uuid(),
  category_prefix varchar(8)  not null default '',
  area_prefix     varchar(15) not null default '',
  centre          text        not null check (centre in ('dispute', 'convenience', 'government', 'operations')),
  -- Either a fixed unit, or the nearest unit of this kind at or above the event's township.
  unit_id         uuid        references unit (id),
  unit_kind       text        check (unit_kind in ('centre', 'department', 'court', 'police', 'justice_office', 'law_firm', 'other')),
  note            text,
  created_by      uuid        references app_user (id),
  created_at      timestamptz not null,
  retired_at      timestamptz,
  check (unit_id is not null or unit_kind is not null)
);
create index routing_rule_live_idx on routing_rule (area_prefix, category_prefix) where retired_at is null;

-- Stage limits: how long each stage may take, per category (prefix; '' for the default).
create table stage_limit (
  category_prefix varchar(8)  not null,
  stage           text        not null check (stage in ('accept', 'dispatch', 'handle', 'verify')),
  amount          integer     not null check (amount > 0),
  unit            text        not null check (unit in ('hours', 'days')),
  primary key (category_prefix, stage)
);
insert into stage_limit (category_prefix, stage, amount, unit) values
  ('', 'accept', 4, 'hours'), ('', 'dispatch', 4, 'hours'), ('', 'verify', 1, 'days'),
  ('02', 'accept', 1, 'hours'), ('02', 'dispatch', 1, 'hours'),
  ('03', 'accept', 2, 'hours'), ('03', 'dispatch', 2, 'hours');

-- The editable working-day calendar: official holidays and make-up working days (调休). Dates not
-- listed follow the weekend rule. The application seeds 2025 and 2026 on first start.
create table calendar_day (
  day        date primary key,
  kind       text not null check (kind in ('holiday', 'workday')),
  name       text,
  updated_by uuid references app_user (id),
  updated_at timestamptz not null default now()
);

alter table event add column centre text not null default 'dispute';
alter table event add column routing_rule_id uuid references routing_rule (id);
-- 首接负责: the unit that first received the event owns it until a handling unit accepts it.
-- The unit the routing rule names for handling: the default when an operator dispatches.
alter table event add column routed_unit_id uuid references unit (id);
alter table event add column receiving_unit_id uuid references unit (id);
alter table event add column owner_unit_id uuid references unit (id);
alter table event add column stage text;
alter table event add column stage_due_at timestamptz;
alter table event add column stage_overdue_at timestamptz;
-- 督办: set by the sweeper when the event runs past its deadline; escalation_level counts how far
-- up supervision has gone (1 = the county centre, 2 = the city centre).
alter table event add column supervised_at timestamptz;
alter table event add column escalation_level integer not null default 0;
alter table event add column escalate_at timestamptz;
alter table event add column is_dispute boolean not null default false;
alter table event add column possible_duplicate_of uuid references event (id);
alter table event add column merged_into uuid references event (id);
alter table event add column reporter_ip_hash text;
alter table event add column created_by_name text;
-- One partial index per deadline flag the sweeper sets: each sweep query reads only the rows whose
-- flag is still unset, so a sweep over a million open events touches just the ones that are due.
drop index event_open_deadline_idx;
create index event_warn_sweep_idx on event (warn_at) where warned_at is null and status in ('reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified');
create index event_due_sweep_idx on event (due_at) where overdue_at is null and status in ('reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified');
create index event_stage_sweep_idx on event (stage_due_at) where stage_overdue_at is null and status in ('reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified');
create index event_escalate_sweep_idx on event (escalate_at) where status in ('reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified');
create index event_owner_idx on event (owner_unit_id, status);
create index event_lead_idx on event (lead_unit_id, status);
create index event_dup_idx on event (category_code, created_at) where status not in ('rejected', 'closed', 'rated');
create index event_public_phone_idx on event (reporter_phone_hash, created_at) where channel = 'public';
create index event_public_ip_idx on event (reporter_ip_hash, created_at) where channel = 'public';
create index event_created_idx on event (created_at);

alter table event_transition add column unit_id uuid references unit (id);

-- People involved: the reporter, parties and respondents, linked to the registry when known.
create table event_party (
  id          uuid        primary key default gen_random_uuid(),
  county_code char(6)     not null,
  event_id    uuid        not null references event (id),
  role        text        not null check (role in ('reporter', 'applicant', 'respondent', 'other')),
  person_id   uuid        references person (id),
  name_enc    text        not null,
  phone_enc   text,
  id_number_enc text,
  created_at  timestamptz not null
);
create index event_party_event_idx on event_party (event_id);
create index event_party_person_idx on event_party (person_id) where person_id is not null;

-- Attachments: the bytes live on disk under DATA_DIR; the row holds what was checked.
create table event_attachment (
  id            uuid        primary key default gen_random_uuid(),
  county_code   char(6)     not null,
  event_id      uuid        not null references event (id),
  transition_id bigint      references event_transition (id),
  file_name     text        not null,
  mime          text        not null,
  size          integer     not null,
  sha256        text        not null,
  storage_key   text        not null,
  created_by    uuid        references app_user (id),
  created_at    timestamptz not null
);
create index event_attachment_event_idx on event_attachment (event_id);

-- Joint handling (一庭三所联动): one lead unit on the event, a task per co-handling unit.
create table event_co_handler (
  id          uuid        primary key default gen_random_uuid(),
  county_code char(6)     not null,
  event_id    uuid        not null references event (id),
  unit_id     uuid        not null references unit (id),
  task        text        not null,
  status      text        not null default 'open' check (status in ('open', 'done', 'cancelled')),
  due_at      timestamptz not null,
  overdue_at  timestamptz,
  feedback    text,
  created_by  uuid        references app_user (id),
  created_at  timestamptz not null,
  done_at     timestamptz,
  done_by     uuid        references app_user (id),
  unique (event_id, unit_id)
);
create index event_co_handler_unit_idx on event_co_handler (unit_id, status);
create index event_co_handler_due_idx on event_co_handler (due_at) where status = 'open' and overdue_at is null;

-- Four-level seven-day mediation (四级七天调解法): the policy's levels, the case and one step per level.
create table mediation_policy (
  id          uuid        primary key default gen_random_uuid(),
  area_prefix varchar(15) not null default '' unique,
  name        text        not null,
  -- [{ "key", "name", "nameEn", "workingDays", "unitKind" | null }]
  levels      jsonb       not null,
  updated_at  timestamptz not null default now()
);
insert into mediation_policy (area_prefix, name, levels) values ('', '四级七天调解法', '[
  {"key": "grid", "name": "网格员/社调解", "nameEn": "Grid worker or team mediator", "workingDays": 1, "unitKind": null},
  {"key": "village", "name": "村调委会", "nameEn": "Village mediation committee", "workingDays": 2, "unitKind": null},
  {"key": "justice_office", "name": "乡镇司法所", "nameEn": "Township justice office", "workingDays": 2, "unitKind": "justice_office"},
  {"key": "township_centre", "name": "乡镇综治中心", "nameEn": "Township centre", "workingDays": 2, "unitKind": "centre"}
]');

create table mediation_case (
  event_id      uuid        primary key references event (id),
  county_code   char(6)     not null,
  grid_code     varchar(15) not null,
  policy_id     uuid        not null references mediation_policy (id),
  -- A copy of the policy's levels when the case opened: a later policy edit does not move running cases.
  levels        jsonb       not null,
  level_index   integer     not null,
  level_key     text        not null,
  level_unit_id uuid        references unit (id),
  level_due_at  timestamptz,
  status        text        not null check (status in ('open', 'resolved', 'exhausted', 'withdrawn')),
  outcome       text,
  agreement     text,
  resolved_level_key text,
  opened_at     timestamptz not null,
  closed_at     timestamptz
);
create index mediation_case_due_idx on mediation_case (level_due_at) where status = 'open';
create index mediation_case_grid_idx on mediation_case (grid_code text_pattern_ops, status);
create index mediation_case_unit_idx on mediation_case (level_unit_id) where status = 'open';

create table mediation_step (
  id          bigserial   primary key,
  event_id    uuid        not null references mediation_case (event_id),
  level_index integer     not null,
  level_key   text        not null,
  unit_id     uuid        references unit (id),
  started_at  timestamptz not null,
  due_at      timestamptz not null,
  ended_at    timestamptz,
  result      text        check (result in ('resolved', 'failed', 'timeout')),
  note        text,
  actor_name  text,
  unique (event_id, level_index)
);

-- The in-app inbox: one row per recipient, fanned out when the notice is raised.
create table notification (
  id         bigserial   primary key,
  user_id    uuid        not null references app_user (id),
  kind       text        not null check (kind in ('task', 'co_task', 'warning', 'overdue', 'returned', 'mediation', 'supervision', 'duplicate')),
  event_id   uuid        references event (id),
  title      text        not null,
  body       text,
  created_at timestamptz not null,
  read_at    timestamptz
);
create index notification_user_idx on notification (user_id, id desc);
create index notification_unread_idx on notification (user_id) where read_at is null;

-- Default routes by category group; deployments and the demo add area-specific rules with fixed units.
insert into routing_rule (category_prefix, area_prefix, centre, unit_kind, note, created_at) values
  ('01', '', 'dispute', 'justice_office', '矛盾纠纷 → 乡镇司法所', now()),
  ('0108', '', 'dispute', 'police', '交通事故纠纷 → 派出所', now()),
  ('02', '', 'operations', 'police', '治安隐患 → 派出所', now()),
  ('03', '', 'operations', 'centre', '安全隐患 → 乡镇综治中心', now()),
  ('04', '', 'convenience', 'centre', '民生诉求 → 乡镇综治中心', now()),
  ('05', '', 'government', 'centre', '政务服务 → 乡镇综治中心', now()),
  ('06', '', 'convenience', 'centre', '便民服务 → 乡镇综治中心', now());
