import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Kysely's view of the tables in src/db/migrations. Keep in step with the SQL. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type BoxText = ColumnType<string, string, string>;
/** bigint/bigserial: read as a string (src/db/database.ts), written as a number or a string. */
type BigintText = ColumnType<string, string | number, string | number>;
type BigserialText = ColumnType<string, string | number | undefined, string | number>;

import type { AreaLevel } from '../kernel/area-code.js';

export type { AreaLevel };
export type AreaStatus = 'active' | 'retired';
export type UnitKind = 'centre' | 'department' | 'court' | 'police' | 'justice_office' | 'law_firm' | 'other';

export interface AreaTable {
  code: string;
  county_code: string;
  level: AreaLevel;
  name: string;
  parent_code: string | null;
  status: Generated<AreaStatus>;
  boundary: Json<unknown> | null;
  bbox: BoxText | null;
  center_lng: number | null;
  center_lat: number | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  retired_at: Timestamp | null;
}

export interface AreaRingTable {
  county_code: string;
  area_code: string;
  level: AreaLevel;
  part: number;
  ring: number;
  is_hole: boolean;
  poly: string;
  bbox: BoxText;
}

export interface UnitTable {
  id: Generated<string>;
  county_code: string;
  area_code: string;
  code: string;
  name: string;
  kind: UnitKind;
  status: Generated<'active' | 'retired'>;
  created_at: Timestamp;
}

export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  scope_code: string;
  unit_id: string | null;
  status: Generated<'active' | 'disabled'>;
  created_at: Timestamp;
  updated_at: Timestamp;
  password_changed_at: Timestamp;
  last_login_at: Timestamp | null;
}

export interface SessionTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
}

/** A login throttle counter (migration 0023): per account (ip '') or per (account, address) pair. */
export interface LoginThrottleTable {
  kind: 'account' | 'pair';
  username: string;
  ip: Generated<string>;
  failures: number;
  last_failure_at: Timestamp;
  blocked_until: Timestamp;
}

export interface PasswordHistoryTable {
  id: BigserialText;
  user_id: string;
  password_hash: string;
  created_at: Timestamp;
}

export interface RateLimitCounterTable {
  key: string;
  window_start: Timestamp;
  count: number;
}

export interface GridWorkerTable {
  id: Generated<string>;
  county_code: string;
  home_code: string;
  name: string;
  phone_enc: string | null;
  phone_hash: string | null;
  user_id: string | null;
  status: Generated<'active' | 'left'>;
  created_at: Timestamp;
}

export interface GridAssignmentTable {
  id: Generated<string>;
  county_code: string;
  grid_code: string;
  grid_worker_id: string;
  started_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface AuditChainHeadTable {
  chain: string;
  seq: ColumnType<string, string | number, string | number>;
  hash: string;
  /** The last seq of the chain's unkeyed (plain SHA-256) prefix, written before migration 0022; 0 if none. */
  legacy_through: ColumnType<string, string | number | undefined, string | number>;
}

export interface AuditLogTable {
  id: Generated<string>;
  chain: string;
  seq: ColumnType<string, string | number, string | number>;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  ip: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  area_code: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
  alg: AuditHashAlg;
}

/** 'sha256': the unkeyed hash of rows written before migration 0022; 'hmac-sha256' since. */
export type AuditHashAlg = 'sha256' | 'hmac-sha256';

export interface AppSettingTable {
  key: string;
  value: Json<unknown>;
}

export interface SchemaMigrationTable {
  name: string;
  applied_at: Timestamp;
  checksum: string;
}

type Version = Generated<number>;
type Created = { created_at: Timestamp; updated_at: Timestamp };

export interface HouseTable extends Created {
  id: Generated<string>;
  county_code: string;
  grid_code: string;
  address: string;
  lng: number | null;
  lat: number | null;
  use: string;
  rental_status: Generated<string>;
  floors: number | null;
  area_m2: ColumnType<string | null, number | string | null, number | string | null>;
  owner_name: string | null;
  status: Generated<string>;
  version: Version;
}

export interface HouseholdTable extends Created {
  id: Generated<string>;
  county_code: string;
  grid_code: string;
  number: string;
  house_id: string | null;
  address: string;
  head_person_id: string | null;
  status: Generated<string>;
  version: Version;
}

export interface PersonTable extends Created {
  id: Generated<string>;
  county_code: string;
  grid_code: string;
  name: string;
  id_number_enc: string;
  id_number_hash: string;
  /** HMAC of the ID number's last four characters (blind index); null only until the start-up backfill fills it. */
  id_tail_hash: ColumnType<string | null, string, string>;
  birth_date: ColumnType<string, string, string>;
  sex: 'male' | 'female';
  ethnicity: Generated<string>;
  phone_enc: string | null;
  phone_hash: string | null;
  phone_tail: string | null;
  registration_type: 'registered' | 'floating' | 'overseas';
  household_id: string | null;
  relation_to_head: string | null;
  house_id: string | null;
  status: Generated<'present' | 'moved_out' | 'deceased'>;
  version: Version;
}

export interface PersonTagTable extends Created {
  id: Generated<string>;
  county_code: string;
  grid_code: string;
  person_id: string;
  tag: string;
  risk_level: 'red' | 'yellow' | 'blue';
  responsible_worker_id: string | null;
  visit_interval_days: number;
  details: Json<Record<string, unknown>>;
  last_visit_at: Timestamp | null;
  next_visit_due: Timestamp;
  active: Generated<boolean>;
  ended_at: Timestamp | null;
}

export interface PlaceTable extends Created {
  id: Generated<string>;
  county_code: string;
  grid_code: string;
  name: string;
  kind: string;
  address: string;
  lng: number;
  lat: number;
  responsible_unit_id: string | null;
  status: Generated<string>;
  version: Version;
}

export interface ThingTable extends Created {
  id: Generated<string>;
  county_code: string;
  grid_code: string;
  kind: 'facility' | 'hazard' | 'camera';
  subtype: string;
  name: string;
  lng: number;
  lat: number;
  status: Generated<string>;
  responsible_unit_id: string | null;
  details: Json<Record<string, unknown>>;
  version: Version;
}

export interface OrganizationTable extends Created {
  id: Generated<string>;
  county_code: string;
  grid_code: string;
  name: string;
  kind: string;
  credit_code: string | null;
  address: string;
  lng: number | null;
  lat: number | null;
  contact_name: string | null;
  contact_phone_enc: string | null;
  contact_phone_hash: string | null;
  employee_count: number | null;
  status: Generated<string>;
  version: Version;
}

export interface OrganizationMemberTable {
  id: Generated<string>;
  county_code: string;
  organization_id: string;
  person_id: string;
  role: Generated<string>;
  started_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface VisitTable {
  id: Generated<string>;
  county_code: string;
  grid_code: string;
  grid_worker_id: string | null;
  user_id: string | null;
  visited_at: Timestamp;
  person_ids: ColumnType<string[], string[], string[]>;
  household_id: string | null;
  house_id: string | null;
  organization_id: string | null;
  observed: string;
  requests: string | null;
  finding: string | null;
  finding_status: Generated<'none' | 'open' | 'handed_off'>;
  event_id: string | null;
  created_at: Timestamp;
}

export interface ElementVersionTable {
  id: Generated<string>;
  county_code: string;
  grid_code: string;
  element_type: string;
  element_id: string;
  version: number;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  action: string;
  changes: Json<unknown>;
  reason: string | null;
}

export interface ImportJobTable {
  id: Generated<string>;
  scope_code: string;
  element: string;
  dry_run: boolean;
  mode: 'valid_only' | 'all_or_nothing';
  file_sha256: string;
  actor_id: string | null;
  actor_name: string;
  created_at: Timestamp;
  counts: Json<Record<string, number>>;
  headers: Json<string[]>;
  rejected: Json<Array<{ row: number; cells: Record<string, string>; messages: string[] }>>;
}

export interface EventCategoryTable {
  code: string;
  parent_code: string | null;
  name: string;
  name_en: string;
  limit_working_days: number;
  centre: string;
  sort: number;
}

export interface EventNumberCounterTable {
  county_code: string;
  day: string;
  last: number;
}

export interface EventTable {
  id: Generated<string>;
  county_code: string;
  grid_code: string;
  number: string;
  tracking_code: string;
  category_code: string;
  channel: 'desk' | 'grid' | 'hotline' | 'public' | 'api';
  description: string;
  address: string | null;
  lng: number;
  lat: number;
  reporter_name_enc: string | null;
  reporter_phone_enc: string | null;
  reporter_phone_hash: string | null;
  status: string;
  suspended_from: string | null;
  reopen_count: Generated<number>;
  rating: string | null;
  lead_unit_id: string | null;
  due_at: Timestamp;
  warn_at: Timestamp;
  warned_at: Timestamp | null;
  overdue_at: Timestamp | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
  centre: Generated<Centre>;
  routing_rule_id: string | null;
  routed_unit_id: string | null;
  receiving_unit_id: string | null;
  owner_unit_id: string | null;
  stage: EventStage | null;
  stage_due_at: Timestamp | null;
  stage_overdue_at: Timestamp | null;
  supervised_at: Timestamp | null;
  escalation_level: Generated<number>;
  escalate_at: Timestamp | null;
  is_dispute: Generated<boolean>;
  possible_duplicate_of: string | null;
  merged_into: string | null;
  reporter_ip_hash: string | null;
  created_by_name: string | null;
}

export type Centre = 'dispute' | 'convenience' | 'government' | 'operations';
export type EventStage = 'accept' | 'dispatch' | 'handle' | 'verify';

export interface RoutingRuleTable {
  id: Generated<string>;
  category_prefix: string;
  area_prefix: string;
  centre: Centre;
  unit_id: string | null;
  unit_kind: UnitKind | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  retired_at: Timestamp | null;
}

export interface StageLimitTable {
  category_prefix: string;
  stage: EventStage;
  amount: number;
  unit: 'hours' | 'days';
}

export interface CalendarDayTable {
  day: ColumnType<string, string, string>;
  kind: 'holiday' | 'workday';
  name: string | null;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface EventPartyTable {
  id: Generated<string>;
  county_code: string;
  event_id: string;
  role: 'reporter' | 'applicant' | 'respondent' | 'other';
  person_id: string | null;
  name_enc: string;
  phone_enc: string | null;
  id_number_enc: string | null;
  created_at: Timestamp;
}

export interface EventAttachmentTable {
  id: Generated<string>;
  county_code: string;
  event_id: string;
  transition_id: string | null;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  storage_key: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface EventCoHandlerTable {
  id: Generated<string>;
  county_code: string;
  event_id: string;
  unit_id: string;
  task: string;
  status: Generated<'open' | 'done' | 'cancelled'>;
  due_at: Timestamp;
  overdue_at: Timestamp | null;
  feedback: string | null;
  created_by: string | null;
  created_at: Timestamp;
  done_at: Timestamp | null;
  done_by: string | null;
}

export interface MediationLevel {
  key: string;
  name: string;
  nameEn: string;
  workingDays: number;
  unitKind: UnitKind | null;
}

export interface MediationPolicyTable {
  id: Generated<string>;
  area_prefix: string;
  name: string;
  levels: Json<MediationLevel[]>;
  updated_at: Generated<Date>;
}

export interface MediationCaseTable {
  event_id: string;
  county_code: string;
  grid_code: string;
  policy_id: string;
  levels: Json<MediationLevel[]>;
  level_index: number;
  level_key: string;
  level_unit_id: string | null;
  level_due_at: Timestamp | null;
  status: 'open' | 'resolved' | 'exhausted' | 'withdrawn';
  outcome: string | null;
  agreement: string | null;
  resolved_level_key: string | null;
  opened_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface MediationStepTable {
  id: Generated<string>;
  event_id: string;
  level_index: number;
  level_key: string;
  unit_id: string | null;
  started_at: Timestamp;
  due_at: Timestamp;
  ended_at: Timestamp | null;
  result: 'resolved' | 'failed' | 'timeout' | null;
  note: string | null;
  actor_name: string | null;
}

export type NotificationKind =
  | 'task'
  | 'co_task'
  | 'warning'
  | 'overdue'
  | 'returned'
  | 'mediation'
  | 'supervision'
  | 'duplicate';
export interface NotificationTable {
  id: Generated<string>;
  user_id: string;
  kind: NotificationKind;
  event_id: string | null;
  title: string;
  body: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface EventTransitionTable {
  id: Generated<string>;
  county_code: string;
  event_id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  action: string;
  from_status: string | null;
  to_status: string;
  note: string | null;
  public_note: string | null;
  unit_id: string | null;
}

export interface DB extends RiskTables, SupervisionTables, SqlOnlyTables {
  routing_rule: RoutingRuleTable;
  stage_limit: StageLimitTable;
  calendar_day: CalendarDayTable;
  event_party: EventPartyTable;
  event_attachment: EventAttachmentTable;
  event_co_handler: EventCoHandlerTable;
  mediation_policy: MediationPolicyTable;
  mediation_case: MediationCaseTable;
  mediation_step: MediationStepTable;
  notification: NotificationTable;
  event_category: EventCategoryTable;
  event_number_counter: EventNumberCounterTable;
  event: EventTable;
  event_transition: EventTransitionTable;
  import_job: ImportJobTable;
  house: HouseTable;
  household: HouseholdTable;
  person: PersonTable;
  person_tag: PersonTagTable;
  place: PlaceTable;
  thing: ThingTable;
  organization: OrganizationTable;
  organization_member: OrganizationMemberTable;
  visit: VisitTable;
  element_version: ElementVersionTable;
  area: AreaTable;
  area_ring: AreaRingTable;
  unit: UnitTable;
  app_user: AppUserTable;
  session: SessionTable;
  login_throttle: LoginThrottleTable;
  password_history: PasswordHistoryTable;
  rate_limit_counter: RateLimitCounterTable;
  grid_worker: GridWorkerTable;
  grid_assignment: GridAssignmentTable;
  audit_chain_head: AuditChainHeadTable;
  audit_log: AuditLogTable;
  app_setting: AppSettingTable;
  schema_migration: SchemaMigrationTable;
}

export type AreaRow = Selectable<AreaTable>;
export type NewArea = Insertable<AreaTable>;
export type AreaUpdate = Updateable<AreaTable>;
export type AppUserRow = Selectable<AppUserTable>;
export type SessionRow = Selectable<SessionTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type UnitRow = Selectable<UnitTable>;
export type GridWorkerRow = Selectable<GridWorkerTable>;
export type PersonRow = Selectable<PersonTable>;
export type HouseholdRow = Selectable<HouseholdTable>;
export type HouseRow = Selectable<HouseTable>;
export type PersonTagRow = Selectable<PersonTagTable>;
export type EventRow = Selectable<EventTable>;
export type RoutingRuleRow = Selectable<RoutingRuleTable>;
export type MediationCaseRow = Selectable<MediationCaseTable>;
export type CoHandlerRow = Selectable<EventCoHandlerTable>;

// Social-stability risk assessment (migration 0009).
export interface RiskFirmTable {
  id: Generated<string>;
  name: string;
  credit_code: string;
  qualifications: ColumnType<string[], string[] | undefined, string[]>;
  staff_count: number;
  contact: string | null;
  ties: Json<Array<{ name: string; creditCode: string | null; relation: string }>>;
  status: Generated<'active' | 'suspended'>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface RiskMatterTable {
  id: Generated<string>;
  number: string;
  county_code: string;
  area_code: string;
  area_codes: string[];
  title: string;
  type: string;
  kind: string;
  deciding_body: string;
  implementing_body: string;
  implementing_credit_code: string | null;
  budget: ColumnType<string | null, number | string | null, number | string | null>;
  schedule_start: string | null;
  schedule_end: string | null;
  background: string | null;
  basis: string | null;
  stage: Generated<string>;
  stage_due_at: Timestamp;
  round: Generated<number>;
  firm_id: string | null;
  lead_assessor: string | null;
  plan: string | null;
  points_changed_at: Timestamp | null;
  conclusion: string | null;
  contingency: string | null;
  decision: string | null;
  decided_by: string | null;
  decided_on: string | null;
  decision_note: string | null;
  decided_at: Timestamp | null;
  implementation_started_at: Timestamp | null;
  closed_at: Timestamp | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface RiskStageLogTable {
  id: Generated<string>;
  matter_id: string;
  stage: string;
  round: number;
  owner: string;
  owner_name: string;
  started_at: Timestamp;
  due_at: Timestamp | null;
  ended_at: Timestamp | null;
  actor_name: string;
  note: string | null;
}
export interface RiskConsultationTable {
  /** Insertion order (bigserial): rows written in one instant still list in the order entered. */
  seq: BigserialText;
  id: Generated<string>;
  matter_id: string;
  method: string;
  held_on: string;
  participants: number;
  consulted: string;
  summary: string | null;
  created_at: Timestamp;
}
export interface RiskOpinionTable {
  /** Insertion order (bigserial): rows written in one instant still list in the order entered. */
  seq: BigserialText;
  id: Generated<string>;
  consultation_id: string;
  matter_id: string;
  content: string;
  adopted: boolean | null;
  response: string | null;
  created_at: Timestamp;
}
export interface RiskPointTable {
  /** Insertion order (bigserial): rows written in one instant still list in the order entered. */
  seq: BigserialText;
  id: Generated<string>;
  matter_id: string;
  dimension: string;
  description: string;
  likelihood: number;
  impact: number;
  affected_people: number | null;
  mitigation: string | null;
  mitigation_owner: string | null;
  mitigation_due: string | null;
  mitigation_done_at: Timestamp | null;
  mitigation_note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface RiskGradingTable {
  /** Insertion order (bigserial): rows written in one instant still list in the order entered. */
  seq: BigserialText;
  id: Generated<string>;
  matter_id: string;
  round: number;
  rule_version: number;
  computed_level: string;
  final_level: string;
  override_reason: string | null;
  mitigated: boolean;
  points: Json<unknown>;
  graded_by: string;
  graded_at: Timestamp;
}
export interface RiskFirmRatingTable {
  id: Generated<string>;
  firm_id: string;
  matter_id: string;
  score: number;
  comment: string | null;
  rated_by: string;
  rated_at: Timestamp;
}
export interface RiskTables {
  risk_firm: RiskFirmTable;
  risk_matter: RiskMatterTable;
  risk_stage_log: RiskStageLogTable;
  risk_consultation: RiskConsultationTable;
  risk_opinion: RiskOpinionTable;
  risk_point: RiskPointTable;
  risk_grading: RiskGradingTable;
  risk_firm_rating: RiskFirmRatingTable;
  risk_number_counter: { county_code: string; year: number; last: number };
}
export type RiskMatterRow = Selectable<RiskMatterTable>;
export type RiskPointRow = Selectable<RiskPointTable>;
export type RiskFirmRow = Selectable<RiskFirmTable>;

// 0008_supervision (挂牌督办)
export type SupervisionMeasure = 'disputes_per_1000' | 'overdue_share' | 'repeat_place' | 'dissatisfaction_rate';
export type SupervisionStatus = 'listed' | 'rectifying' | 'requested' | 'closed';
export interface SupervisionRuleTable {
  id: Generated<string>;
  name: string;
  area_prefix: Generated<string>;
  level: 'township' | 'village';
  measure: SupervisionMeasure;
  threshold: number;
  min_events: Generated<number>;
  period: Generated<'month' | 'quarter'>;
  rectify_working_days: Generated<number>;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export interface SupervisionFlagTable {
  id: Generated<string>;
  county_code: string;
  rule_id: string;
  area_code: string;
  period_from: ColumnType<string, string, string>;
  period_to: ColumnType<string, string, string>;
  value: number;
  threshold: number;
  events: number;
  detail: Json<Record<string, unknown>> | null;
  status: Generated<'pending' | 'confirmed' | 'dismissed'>;
  created_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decision_note: string | null;
}
export interface SupervisionCaseTable {
  id: Generated<string>;
  county_code: string;
  area_code: string;
  flag_id: string | null;
  number: string;
  title: string;
  requirement: string;
  status: SupervisionStatus;
  rectify_working_days: number;
  deadline_at: Timestamp;
  overdue_at: Timestamp | null;
  supervisor_code: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
  version: Generated<number>;
}
export interface SupervisionStepTable {
  id: Generated<string>;
  county_code: string;
  case_id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  action: string;
  from_status: string | null;
  to_status: string;
  note: string | null;
}
export interface SupervisionTables {
  supervision_rule: SupervisionRuleTable;
  supervision_flag: SupervisionFlagTable;
  supervision_case: SupervisionCaseTable;
  supervision_step: SupervisionStepTable;
}

// Tables that the code reads and writes only through raw SQL (roll-ups, map cells, version counters). Declared so
// that this file matches the migrations (src/db/schema-drift.check.ts) and typed queries can use them.
export interface VersionCounterTable {
  /** Always true: the table holds one row. */
  id: Generated<boolean>;
  version: BigintText;
}
export interface MapEventCellTable {
  area_code: string;
  category_code: string;
  month: string;
  counts: number[];
  open_overdue: Generated<number>;
  total: Generated<number>;
}
export interface MapEventDeltaTable {
  id: BigserialText;
  grid_code: string;
  category_code: string;
  channel: string;
  status: string;
  overdue: boolean;
  k: number;
  created_at: Timestamp;
}
export interface StatsAreaRegistryTable {
  area_code: string;
  population: Generated<number>;
  special_total: Generated<number>;
  special_overdue: Generated<number>;
  computed_at: Timestamp;
}
interface StatsMeasures {
  received: Generated<number>;
  accepted: Generated<number>;
  responded: Generated<number>;
  resolved: Generated<number>;
  closed: Generated<number>;
  closed_on_time: Generated<number>;
  overdue: Generated<number>;
  rated_satisfied: Generated<number>;
  rated_basic: Generated<number>;
  rated_unsatisfied: Generated<number>;
}
export interface StatsDayTable extends StatsMeasures {
  area_code: string;
  day: string;
  category_code: string;
}
export interface StatsMonthTable extends StatsMeasures {
  area_code: string;
  month: string;
  disputes: Generated<number>;
}
export interface StatsEventFactTable {
  event_id: string;
  grid_code: string;
  category_code: string;
  created_day: string;
  accepted_day: string | null;
  closed_day: string | null;
  overdue_day: string | null;
  med_day: string | null;
  med_level: string | null;
  med_status: string | null;
  open_status: string | null;
  rating: string | null;
  responded: Generated<boolean>;
  closed_on_time: Generated<boolean>;
  open_overdue: Generated<boolean>;
}
export interface StatsMediationDayTable {
  area_code: string;
  day: string;
  category_code: string;
  level_key: string;
  status: string;
  n: Generated<number>;
}
export interface StatsOpenTable {
  area_code: string;
  category_code: string;
  status: string;
  n: Generated<number>;
  overdue: Generated<number>;
}
export interface StatsRollupStateTable {
  name: string;
  seen_id: BigserialText;
  settled_id: BigserialText;
  ran_at: Timestamp | null;
  covered_at: Timestamp | null;
  registry_at: Timestamp | null;
  last_ms: number | null;
}
export interface SqlOnlyTables {
  auth_version: VersionCounterTable;
  reference_version: VersionCounterTable;
  map_event_cell: MapEventCellTable;
  map_event_delta: MapEventDeltaTable;
  stats_area_registry: StatsAreaRegistryTable;
  stats_day: StatsDayTable;
  stats_month: StatsMonthTable;
  stats_event_fact: StatsEventFactTable;
  stats_mediation_day: StatsMediationDayTable;
  stats_open: StatsOpenTable;
  stats_rollup_state: StatsRollupStateTable;
}
