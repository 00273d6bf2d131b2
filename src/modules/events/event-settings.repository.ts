import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { EventStage } from '../../db/schema.js';

/** The categories that carry a limit: every one below the top level. */
export function listCategoryLimits(db: Executor) {
  return db
    .selectFrom('event_category')
    .select(['code', 'name', 'limit_working_days', 'parent_code'])
    .where('parent_code', 'is not', null)
    .orderBy('code')
    .execute();
}

export function listStageLimits(db: Executor) {
  return db.selectFrom('stage_limit').selectAll().orderBy('category_prefix').orderBy('stage').execute();
}

export function lockCategoryLimit(db: Executor, code: string) {
  return db
    .selectFrom('event_category')
    .select(['limit_working_days', 'parent_code'])
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst();
}

export function setCategoryLimit(db: Executor, code: string, days: number) {
  return db.updateTable('event_category').set({ limit_working_days: days }).where('code', '=', code).execute();
}

export function findStageLimit(db: Executor, categoryPrefix: string, stage: EventStage) {
  return db
    .selectFrom('stage_limit')
    .selectAll()
    .where('category_prefix', '=', categoryPrefix)
    .where('stage', '=', stage)
    .executeTakeFirst();
}

type StageLimit = { amount: number; unit: 'hours' | 'days' };

export function upsertStageLimit(db: Executor, categoryPrefix: string, stage: EventStage, limit: StageLimit) {
  return db
    .insertInto('stage_limit')
    .values({ category_prefix: categoryPrefix, stage, amount: limit.amount, unit: limit.unit })
    .onConflict((oc) =>
      oc.columns(['category_prefix', 'stage']).doUpdateSet({ amount: limit.amount, unit: limit.unit }),
    )
    .execute();
}

export function deleteStageLimit(db: Executor, categoryPrefix: string, stage: EventStage) {
  return db
    .deleteFrom('stage_limit')
    .where('category_prefix', '=', categoryPrefix)
    .where('stage', '=', stage)
    .execute();
}

/** The mediation policy that applies in an area: its own, else the nearest above (the longest matching prefix). */
export function findApplicablePolicy(db: Executor, areaCode: string) {
  return db
    .selectFrom('mediation_policy')
    .selectAll()
    .where(sql<boolean>`${areaCode} like area_prefix || '%'`)
    .orderBy(sql`length(area_prefix)`, 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

export function lockOwnPolicy(db: Executor, areaPrefix: string) {
  return db
    .selectFrom('mediation_policy')
    .selectAll()
    .where('area_prefix', '=', areaPrefix)
    .forUpdate()
    .executeTakeFirst();
}

type PolicyValues = { name: string; levels: string; updated_at: Date };

export function updatePolicy(db: Executor, id: string, values: PolicyValues) {
  return db.updateTable('mediation_policy').set(values).where('id', '=', id).execute();
}

export function insertPolicy(db: Executor, values: PolicyValues & { area_prefix: string }) {
  return db.insertInto('mediation_policy').values(values).execute();
}
