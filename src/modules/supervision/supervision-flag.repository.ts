import type { Insertable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { SupervisionFlagTable } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';

export type FlagStatus = 'pending' | 'confirmed' | 'dismissed';

/** Raises a flag once per rule × area × period: the id when it is new, undefined when it was there. */
export function insertFlag(db: Executor, values: Insertable<SupervisionFlagTable>) {
  return db
    .insertInto('supervision_flag')
    .values(values)
    .onConflict((oc) => oc.columns(['rule_id', 'area_code', 'period_from', 'period_to']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** Flags inside the scope with their rule and area, newest first. `areaCode` narrows to a subtree. */
export function listFlags(db: Executor, scope: Scope, f: { status?: FlagStatus; areaCode?: string }) {
  let q = db
    .selectFrom('supervision_flag as f')
    .innerJoin('supervision_rule as r', 'r.id', 'f.rule_id')
    .innerJoin('area as a', 'a.code', 'f.area_code')
    .select([
      'f.id',
      'f.area_code',
      'a.name as area_name',
      'a.level as area_level',
      'f.period_from',
      'f.period_to',
      'f.value',
      'f.threshold',
      'f.events',
      'f.detail',
      'f.status',
      'f.created_at',
      'f.decision_note',
      'r.name as rule_name',
      'r.measure',
      'r.rectify_working_days',
    ])
    .where(inScope(scope, 'f.area_code'));
  if (f.status) q = q.where('f.status', '=', f.status);
  if (f.areaCode) q = q.where('f.area_code', 'like', `${f.areaCode}%`);
  return q.orderBy('f.created_at', 'desc').orderBy('f.area_code').limit(500).execute();
}

/** The flag inside the scope with what a case made of it needs, locked for the transaction. */
export function lockFlagWithRule(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('supervision_flag as f')
    .innerJoin('supervision_rule as r', 'r.id', 'f.rule_id')
    .innerJoin('area as a', 'a.code', 'f.area_code')
    .select([
      'f.id',
      'f.area_code',
      'f.status',
      'f.period_from',
      'f.period_to',
      'f.value',
      'r.name as rule_name',
      'r.rectify_working_days',
      'a.name as area_name',
    ])
    .where('f.id', '=', id)
    .where(inScope(scope, 'f.area_code'))
    .forUpdate('f')
    .executeTakeFirst();
}

export function lockFlag(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('supervision_flag')
    .selectAll()
    .where('id', '=', id)
    .where(inScope(scope, 'area_code'))
    .forUpdate()
    .executeTakeFirst();
}

export async function confirmFlag(db: Executor, id: string, by: string | null, now: Date): Promise<void> {
  await db
    .updateTable('supervision_flag')
    .set({ status: 'confirmed', decided_at: now, decided_by: by })
    .where('id', '=', id)
    .execute();
}

export async function dismissFlag(db: Executor, id: string, by: string | null, note: string, now: Date): Promise<void> {
  await db
    .updateTable('supervision_flag')
    .set({ status: 'dismissed', decided_at: now, decided_by: by, decision_note: note })
    .where('id', '=', id)
    .execute();
}

/** The flag a case was made from, with its rule, as the case's page shows it. */
export function findCaseFlag(db: Executor, id: string) {
  return db
    .selectFrom('supervision_flag as f')
    .innerJoin('supervision_rule as r', 'r.id', 'f.rule_id')
    .select([
      'f.id',
      'f.value',
      'f.threshold',
      'f.events',
      'f.period_from',
      'f.period_to',
      'f.detail',
      'r.name as rule_name',
      'r.measure',
    ])
    .where('f.id', '=', id)
    .executeTakeFirst();
}
