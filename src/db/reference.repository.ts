import { sql } from 'kysely';
import type { Executor } from './database.js';

/**
 * The reads behind the per-process caches in src/lib (reference tables, version counters). They sit below every
 * module because the caches serve several of them; each module's own queries live in its own repository.
 */

/** The version counters that per-process caches trust: the reference tables (migration 0015) and sign-in (0020). */
export interface Versions {
  reference: string;
  auth: string;
}

export async function readVersions(db: Executor): Promise<Versions> {
  const r = await sql<Versions>`
    select (select version from reference_version)::text as reference, (select version from auth_version)::text as auth`.execute(
    db,
  );
  return r.rows[0] ?? { reference: '0', auth: '0' };
}

export function listCategories(db: Executor) {
  return db.selectFrom('event_category').selectAll().execute();
}

export function listLiveRoutingRules(db: Executor) {
  return db.selectFrom('routing_rule').selectAll().where('retired_at', 'is', null).execute();
}

export function listStageLimits(db: Executor) {
  return db.selectFrom('stage_limit').selectAll().execute();
}

export function listMediationPolicies(db: Executor) {
  return db.selectFrom('mediation_policy').select(['id', 'area_prefix', 'levels']).execute();
}

/** In the order nearestUnit wants among units of one area: a county's 综治中心 (…-ZZZX) first, then by code. */
export function listUnitsForRouting(db: Executor) {
  return db
    .selectFrom('unit')
    .select(['id', 'code', 'name', 'kind', 'area_code', 'status'])
    .orderBy(sql`(code like '%-ZZZX')`, 'desc')
    .orderBy('code')
    .execute();
}
