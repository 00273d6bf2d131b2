import { type Insertable, sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type {
  EventTransitionTable,
  MediationCaseRow,
  MediationCaseTable,
  MediationStepTable,
} from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';

/** What a level's notice says, for one case. */
export interface LevelNotice {
  eventId: string;
  unitId: string | null;
  gridCode: string;
  levelIndex: number;
  title: string;
  body: string;
}

export interface CaseFilter {
  status?: MediationCaseRow['status'];
  areaCode?: string;
  unitId?: string;
  before?: { at: Date; id: string };
  limit: number;
}

/** The cases and their first steps in one statement (the step's foreign key is checked at its end). */
export function insertCasesWithFirstSteps(
  db: Executor,
  cases: ReadonlyArray<Insertable<MediationCaseTable>>,
  steps: ReadonlyArray<Insertable<MediationStepTable>>,
) {
  return db
    .with('c', (w) =>
      w
        .insertInto('mediation_case')
        .values([...cases])
        .returning('event_id'),
    )
    .insertInto('mediation_step')
    .values([...steps])
    .execute();
}

export function findCaseWithUnit(db: Executor, eventId: string) {
  return db
    .selectFrom('mediation_case as m')
    .leftJoin('unit as u', 'u.id', 'm.level_unit_id')
    .selectAll('m')
    .select(['u.name as unit_name', 'u.kind as unit_kind'])
    .where('m.event_id', '=', eventId)
    .executeTakeFirst();
}

export function listSteps(db: Executor, eventId: string) {
  return db.selectFrom('mediation_step').selectAll().where('event_id', '=', eventId).orderBy('level_index').execute();
}

/** The event, locked for the change, when it is in the scope. */
export function lockEventInScope(db: Executor, scope: Scope, eventId: string) {
  return db
    .selectFrom('event')
    .selectAll()
    .where('id', '=', eventId)
    .where(inScope(scope, 'grid_code'))
    .forUpdate()
    .executeTakeFirst();
}

export function lockCase(db: Executor, eventId: string) {
  return db.selectFrom('mediation_case').selectAll().where('event_id', '=', eventId).forUpdate().executeTakeFirst();
}

export function endStep(
  db: Executor,
  eventId: string,
  levelIndex: number,
  set: { ended_at: Date; result: 'resolved' | 'failed' | 'timeout'; note: string | null; actor_name: string },
) {
  return db
    .updateTable('mediation_step')
    .set(set)
    .where('event_id', '=', eventId)
    .where('level_index', '=', levelIndex)
    .execute();
}

export function insertStep(db: Executor, values: Insertable<MediationStepTable>) {
  return db.insertInto('mediation_step').values(values).execute();
}

export function resolveCase(
  db: Executor,
  eventId: string,
  set: { outcome: string | null; agreement: string | null; resolved_level_key: string; closed_at: Date },
) {
  return db
    .updateTable('mediation_case')
    .set({
      status: 'resolved',
      outcome: set.outcome,
      agreement: set.agreement,
      resolved_level_key: set.resolved_level_key,
      closed_at: set.closed_at,
      level_due_at: null,
    })
    .where('event_id', '=', eventId)
    .execute();
}

type NextLevel = { level_index: number; level_key: string; level_unit_id: string | null; level_due_at: Date };

export function moveCaseUp(db: Executor, eventId: string, set: NextLevel) {
  return db.updateTable('mediation_case').set(set).where('event_id', '=', eventId).execute();
}

export function exhaustCase(db: Executor, eventId: string, now: Date) {
  return db
    .updateTable('mediation_case')
    .set({ status: 'exhausted', closed_at: now, level_due_at: null })
    .where('event_id', '=', eventId)
    .execute();
}

export function insertTimelineRow(db: Executor, values: Insertable<EventTransitionTable>) {
  return db.insertInto('event_transition').values(values).execute();
}

/** A dispute resolved while its event was being handled moves the event on to verification. */
type EventChange = { status: string; stage: 'verify'; updated_at: Date; version: number };

export function setEventStatus(db: Executor, eventId: string, set: EventChange) {
  return db.updateTable('event').set(set).where('id', '=', eventId).execute();
}

/**
 * Tells each case's level, in one statement for all: the accounts of the level's unit, or without one the
 * mediators (and at the first level the grid workers) whose scope is the grid, its village or its township.
 */
export async function insertLevelNotices(trx: Executor, items: readonly LevelNotice[], now: Date): Promise<void> {
  const col = <T>(f: (i: LevelNotice) => T) => items.map(f);
  await sql`
      with v as (
        select * from unnest(${col((i) => i.eventId)}::uuid[], ${col((i) => i.unitId)}::uuid[], ${col((i) => i.gridCode)}::text[],
          ${col((i) => i.levelIndex)}::int[], ${col((i) => i.title)}::text[], ${col((i) => i.body)}::text[])
          as v(event_id, unit_id, grid_code, level_index, title, body)
      )
      insert into notification (user_id, kind, event_id, title, body, created_at)
      select u.id, 'mediation', v.event_id, v.title, v.body, ${now}::timestamptz
      from v join app_user u on u.unit_id = v.unit_id
      where u.status = 'active'
      union all
      select u.id, 'mediation', v.event_id, v.title, v.body, ${now}::timestamptz
      from v join app_user u on u.scope_code in (left(v.grid_code, 9), left(v.grid_code, 12), v.grid_code)
      where v.unit_id is null and u.status = 'active'
        and u.roles && (case when v.level_index = 0 then array['mediator', 'grid_worker'] else array['mediator'] end)`.execute(
    trx,
  );
}

/** Cases in the scope, newest first, a page after the `before` cursor. */
export function listCases(db: Executor, scope: Scope, f: CaseFilter) {
  let q = db
    .selectFrom('mediation_case as m')
    .innerJoin('event as e', 'e.id', 'm.event_id')
    .innerJoin('event_category as c', 'c.code', 'e.category_code')
    .select([
      'm.event_id',
      'm.grid_code',
      'm.level_key',
      'm.level_index',
      'm.levels',
      'm.level_due_at',
      'm.status',
      'm.opened_at',
    ])
    .select(['e.number', 'c.name as category_name'])
    .where(inScope(scope, 'm.grid_code'));
  if (f.status) q = q.where('m.status', '=', f.status);
  if (f.areaCode) q = q.where('m.grid_code', 'like', `${f.areaCode}%`);
  if (f.unitId) q = q.where('m.level_unit_id', '=', f.unitId);
  if (f.before) {
    const b = f.before;
    q = q.where((eb) =>
      eb.or([eb('m.opened_at', '<', b.at), eb.and([eb('m.opened_at', '=', b.at), eb('m.event_id', '<', b.id)])]),
    );
  }
  return q.orderBy('m.opened_at', 'desc').orderBy('m.event_id', 'desc').limit(f.limit).execute();
}

/** The cases under an area prefix, counted by status and resolving level. */
export function countCasesByOutcome(db: Executor, areaPrefix: string) {
  return db
    .selectFrom('mediation_case')
    .select(['status', 'resolved_level_key', (eb) => eb.fn.countAll<string>().as('n')])
    .where('grid_code', 'like', `${areaPrefix}%`)
    .groupBy(['status', 'resolved_level_key'])
    .execute();
}

/** The levels of the policy that applies in an area: its own, else the nearest above. */
export function findApplicablePolicyLevels(db: Executor, areaCode: string) {
  return db
    .selectFrom('mediation_policy')
    .select('levels')
    .where(sql<boolean>`${areaCode} like area_prefix || '%'`)
    .orderBy(sql`length(area_prefix)`, 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}
