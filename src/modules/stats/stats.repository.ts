import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { AreaLevel } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';
import { DAY_MEASURES } from './rollup-sql.js';
import type { Window } from './stats-measures.js';

/**
 * Reads of the roll-up tables (migration 0007) and of the area tree and taxonomy they are shown
 * against. The one-statement dashboard read is in dashboard.repository.ts.
 */

/** A roll-up row: the DAY_MEASURES columns as the driver returns them (see totalsOf in dashboard.presenter.ts). */
export type MeasureRow = Record<string, unknown>;

const SUMS = sql.join(DAY_MEASURES.map((m) => sql`coalesce(sum(${sql.ref(m)}), 0)::int as ${sql.ref(m)}`));

export function findAreaInScope(db: Executor, scope: Scope, code: string) {
  return db
    .selectFrom('area')
    .select(['code', 'name', 'level', 'parent_code'])
    .where('code', '=', code)
    .where(inScope(scope, 'code'))
    .executeTakeFirst();
}

export function listAreasInScope(db: Executor, scope: Scope, codes: string[]) {
  return db
    .selectFrom('area')
    .select(['code', 'name', 'level'])
    .where('code', 'in', codes)
    .where(inScope(scope, 'code'))
    .execute();
}

/** The active children of an area, or its descendants at `level`, in scope. */
export function listChildAreas(db: Executor, scope: Scope, code: string, level?: AreaLevel) {
  const base = db
    .selectFrom('area')
    .select(['code', 'name', 'level'])
    .where('status', '=', 'active')
    .where(inScope(scope, 'code'));
  // A city code (6207·00) is not a prefix of its descendants' codes; its first four digits are.
  const prefix = code.length === 6 && code.endsWith('00') ? code.slice(0, 4) : code;
  return level
    ? base.where('level', '=', level).where('code', 'like', `${prefix}%`).orderBy('code').execute()
    : base.where('parent_code', '=', code).orderBy('code').execute();
}

export function listCategoryNames(db: Executor) {
  return db.selectFrom('event_category').select(['code', 'name', 'name_en', 'parent_code']).execute();
}

export async function byCategory(db: Executor, area: string, w: Window) {
  const r = await sql<MeasureRow & { category_code: string }>`
    select category_code, ${SUMS} from stats_day where area_code = ${area} and day >= ${w.from} and day < ${w.to} and category_code <> '' group by category_code`.execute(
    db,
  );
  return r.rows;
}

export async function openByStatus(db: Executor, areas: string[]) {
  if (areas.length === 0) return [];
  const r = await sql<{ area_code: string; status: string; n: number; overdue: number }>`
    select area_code, status, sum(n)::int as n, sum(overdue)::int as overdue from stats_open where area_code in (${sql.join(areas)}) group by area_code, status`.execute(
    db,
  );
  return r.rows;
}

export interface RegistryRow {
  area_code: string;
  population: number;
  special_total: number;
  special_overdue: number;
  computed_at: Date;
}

export async function registry(db: Executor, areas: string[]) {
  if (areas.length === 0) return new Map<string, RegistryRow>();
  const r = await sql<RegistryRow>`
    select area_code, population, special_total, special_overdue, computed_at from stats_area_registry where area_code in (${sql.join(areas)})`.execute(
    db,
  );
  return new Map(r.rows.map((x) => [x.area_code, x]));
}

/**
 * Per-area sums over a window for many areas at once (children breakdown, the map's choropleth).
 * `categories`: the subcategory codes to sum (listed, so the primary key serves them), or all categories when omitted.
 */
export async function totalsByArea(db: Executor, areas: string[], w: Window, categories: string[] = []) {
  if (areas.length === 0) return new Map<string, MeasureRow>();
  const r = await sql<MeasureRow & { area_code: string }>`
    select area_code, ${SUMS} from stats_day
    where area_code in (${sql.join(areas)}) and day >= ${w.from} and day < ${w.to} and ${categories.length === 0 ? sql`category_code = ''` : sql`category_code in (${sql.join(categories)})`}
    group by area_code`.execute(db);
  return new Map<string, MeasureRow>(r.rows.map((x) => [x.area_code, x]));
}
