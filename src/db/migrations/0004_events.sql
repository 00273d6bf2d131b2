-- Events 事件: every problem, need or dispute a resident, grid worker or operator reports, through
-- one door. This migration holds the record, its timeline and the category taxonomy; routing,
-- deadlines by stage, mediation and the sweeper build on it.

create table event_category (
  code              varchar(8)  primary key,
  parent_code       varchar(8)  references event_category (code),
  name              text        not null,
  name_en           text        not null,
  -- The whole-event limit in working days; 0 for top-level groups.
  limit_working_days integer    not null default 0,
  centre            text        not null default 'dispute' check (centre in ('dispute', 'convenience', 'government', 'operations')),
  sort              integer     not null default 0
);

insert into event_category (code, parent_code, name, name_en, limit_working_days, centre, sort) values
  ('01', null, '矛盾纠纷', 'Disputes', 0, 'dispute', 1),
  ('0101', '01', '婚姻家庭纠纷', 'Marriage and family', 7, 'dispute', 1),
  ('0102', '01', '邻里纠纷', 'Neighbours', 7, 'dispute', 2),
  ('0103', '01', '土地山林纠纷', 'Land and forest', 7, 'dispute', 3),
  ('0104', '01', '劳资纠纷', 'Wages and labour', 7, 'dispute', 4),
  ('0105', '01', '物业纠纷', 'Property management', 7, 'dispute', 5),
  ('0106', '01', '征地拆迁纠纷', 'Land acquisition and demolition', 7, 'dispute', 6),
  ('0107', '01', '医疗纠纷', 'Medical', 7, 'dispute', 7),
  ('0108', '01', '交通事故纠纷', 'Traffic accidents', 7, 'dispute', 8),
  ('0199', '01', '其他矛盾纠纷', 'Other disputes', 7, 'dispute', 9),
  ('02', null, '治安隐患', 'Public-security risks', 0, 'operations', 2),
  ('0201', '02', '治安隐患', 'Public-order hazard', 1, 'operations', 1),
  ('0202', '02', '可疑人员物品', 'Suspicious persons or objects', 1, 'operations', 2),
  ('0203', '02', '黄赌毒线索', 'Vice, gambling and drugs', 1, 'operations', 3),
  ('03', null, '安全隐患', 'Safety hazards', 0, 'operations', 3),
  ('0301', '03', '消防安全', 'Fire safety', 2, 'operations', 1),
  ('0302', '03', '燃气安全', 'Gas safety', 1, 'operations', 2),
  ('0303', '03', '房屋安全', 'Building safety', 3, 'operations', 3),
  ('0304', '03', '道路交通安全', 'Road safety', 3, 'operations', 4),
  ('0305', '03', '地质灾害', 'Geological hazards', 2, 'operations', 5),
  ('04', null, '民生诉求', 'Livelihood requests', 0, 'convenience', 4),
  ('0401', '04', '供水供暖', 'Water and heating', 3, 'convenience', 1),
  ('0402', '04', '道路设施', 'Roads and facilities', 5, 'convenience', 2),
  ('0403', '04', '环境卫生', 'Sanitation', 5, 'convenience', 3),
  ('0404', '04', '社会保障', 'Social security', 5, 'convenience', 4),
  ('05', null, '政务服务', 'Government services', 0, 'government', 5),
  ('0501', '05', '证照办理', 'Licences and certificates', 3, 'government', 1),
  ('0502', '05', '政策咨询', 'Policy questions', 3, 'government', 2),
  ('06', null, '便民服务', 'Convenience services', 0, 'convenience', 6),
  ('0601', '06', '家政维修', 'Repairs and housekeeping', 3, 'convenience', 1),
  ('0602', '06', '代办服务', 'Errands on behalf', 3, 'convenience', 2);

-- Readable numbers SJ-<county>-<yyyymmdd>-<nnnnnn>: one counter row per county and day.
create table event_number_counter (
  county_code char(6) not null,
  day         char(8) not null,
  last        integer not null,
  primary key (county_code, day)
);

create table event (
  id                 uuid        primary key default gen_random_uuid(),
  county_code        char(6)     not null,
  grid_code          varchar(15) not null references area (code),
  number             text        not null unique,
  tracking_code      text        not null unique,
  category_code      varchar(8)  not null references event_category (code),
  channel            text        not null check (channel in ('desk', 'grid', 'hotline', 'public', 'api')),
  description        text        not null,
  address            text,
  lng                double precision not null,
  lat                double precision not null,
  reporter_name_enc  text,
  reporter_phone_enc text,
  reporter_phone_hash text,
  status             text        not null,
  suspended_from     text,
  reopen_count       integer     not null default 0,
  rating             text,
  lead_unit_id       uuid        references unit (id),
  due_at             timestamptz not null,
  version            integer     not null default 1,
  created_by         uuid        references app_user (id),
  created_at         timestamptz not null,
  updated_at         timestamptz not null,
  closed_at          timestamptz
);
create index event_grid_idx on event (grid_code text_pattern_ops, created_at desc);
create index event_status_idx on event (county_code, status, due_at);

-- The timeline: every transition with actor, time, note. public_note is what the tracking page shows.
create table event_transition (
  id          bigserial   primary key,
  county_code char(6)     not null,
  event_id    uuid        not null references event (id),
  at          timestamptz not null,
  actor_id    uuid,
  actor_name  text        not null,
  action      text        not null,
  from_status text,
  to_status   text        not null,
  note        text,
  public_note text
);
create index event_transition_event_idx on event_transition (event_id, id);
