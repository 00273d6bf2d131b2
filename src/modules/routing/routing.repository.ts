import { type Insertable, sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { RoutingRuleTable } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';

/** Another city than the given one: with none, the installation is that one city. */
export function findOtherCity(db: Executor, cityCode: string) {
  return db
    .selectFrom('area')
    .select('code')
    .where('level', '=', 'city')
    .where('code', '<>', cityCode)
    .limit(1)
    .executeTakeFirst();
}

/** The live rules of the scope's area and the defaults above it that apply there, with their unit's name. */
export function listLiveRules(db: Executor, scope: Scope) {
  return db
    .selectFrom('routing_rule as r')
    .leftJoin('unit as u', 'u.id', 'r.unit_id')
    .select([
      'r.id',
      'r.category_prefix',
      'r.area_prefix',
      'r.centre',
      'r.unit_id',
      'r.unit_kind',
      'r.note',
      'r.created_at',
    ])
    .select('u.name as unit_name')
    .where('r.retired_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('r.area_prefix', '=', ''),
        sql<boolean>`${scope.prefix} like r.area_prefix || '%'`,
        inScope(scope, 'r.area_prefix'),
      ]),
    )
    .orderBy('r.area_prefix')
    .orderBy('r.category_prefix')
    .execute();
}

export function findLiveRuleArea(db: Executor, id: string) {
  return db
    .selectFrom('routing_rule')
    .select('area_prefix')
    .where('id', '=', id)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
}

export function lockLiveRule(db: Executor, id: string) {
  return db
    .selectFrom('routing_rule')
    .selectAll()
    .where('id', '=', id)
    .where('retired_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

export function retireRule(db: Executor, id: string, now: Date) {
  return db.updateTable('routing_rule').set({ retired_at: now }).where('id', '=', id).execute();
}

export function insertRule(db: Executor, values: Insertable<RoutingRuleTable>) {
  return db.insertInto('routing_rule').values(values).returningAll().executeTakeFirstOrThrow();
}

/** A unit a rule may send events to: one in the administrator's area. */
export function findUnitInScope(db: Executor, scope: Scope, unitId: string) {
  return db
    .selectFrom('unit')
    .select('area_code')
    .where('id', '=', unitId)
    .where(inScope(scope, 'area_code'))
    .executeTakeFirst();
}
