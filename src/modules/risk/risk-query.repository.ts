import { type SqlBool, sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { inScope, type Scope } from '../../db/scope.js';

// The lists and roll-ups of matters. Each reads matters inside the reader's scope that are registered in an
// area's subtree (`prefix`) or touch it with an affected area.

const latestLevel = sql<
  string | null
>`(select g.final_level from risk_grading g where g.matter_id = m.id order by g.seq desc limit 1)`;

/** Matters registered in `prefix`'s subtree or touching it with an affected area. */
function touching(prefix: string) {
  const p = `${prefix}%`;
  return sql<SqlBool>`(m.area_code like ${p} or exists (select 1 from unnest(m.area_codes) a where a like ${p}))`;
}

function matters(db: Executor, scope: Scope, prefix: string) {
  return db.selectFrom('risk_matter as m').where(inScope(scope, 'm.area_code')).where(touching(prefix));
}

export interface MatterFilter {
  stage?: string;
  q?: string;
  limit: number;
}

export function listMatters(db: Executor, scope: Scope, prefix: string, f: MatterFilter) {
  let q = db
    .selectFrom('risk_matter as m')
    .leftJoin('risk_firm as f', 'f.id', 'm.firm_id')
    .select([
      'm.id',
      'm.number',
      'm.title',
      'm.type',
      'm.kind',
      'm.stage',
      'm.round',
      'm.stage_due_at',
      'm.decision',
      'm.area_code',
      'm.area_codes',
      'm.implementing_body',
      'm.created_at',
      'f.name as firm_name',
      latestLevel.as('level'),
    ])
    .where(inScope(scope, 'm.area_code'))
    .where(touching(prefix));
  if (f.stage) q = q.where('m.stage', '=', f.stage);
  if (f.q) q = q.where('m.title', 'like', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return q.orderBy('m.created_at', 'desc').orderBy('m.id', 'desc').limit(f.limit).execute();
}

export function countMattersByStage(db: Executor, scope: Scope, prefix: string) {
  return matters(db, scope, prefix)
    .select(['m.stage as key', sql<number>`count(*)::int`.as('n')])
    .groupBy('m.stage')
    .execute();
}

/** By the final level of each matter's latest grading ('ungraded' before the first). */
export function countMattersByLevel(db: Executor, scope: Scope, prefix: string) {
  return matters(db, scope, prefix)
    .select([sql<string>`coalesce(${latestLevel}, 'ungraded')`.as('key'), sql<number>`count(*)::int`.as('n')])
    .groupBy(sql`1`)
    .execute();
}

export function countMattersByDecision(db: Executor, scope: Scope, prefix: string) {
  return matters(db, scope, prefix)
    .select([sql<string>`coalesce(m.decision, 'pending')`.as('key'), sql<number>`count(*)::int`.as('n')])
    .groupBy(sql`1`)
    .execute();
}

/** Open steps past their deadline, most overdue first. */
export function listOverdueSteps(db: Executor, scope: Scope, prefix: string, now: Date) {
  return matters(db, scope, prefix)
    .innerJoin('risk_stage_log as s', (j) => j.onRef('s.matter_id', '=', 'm.id').on('s.ended_at', 'is', null))
    .select(['m.id', 'm.number', 'm.title', 's.stage', 's.owner', 's.owner_name', 's.started_at', 's.due_at'])
    .where('s.due_at', '<', now)
    .orderBy('s.due_at')
    .limit(200)
    .execute();
}

/** The firms assessing these matters: open and total assignments, average rating; busiest first. */
export function listFirmLoad(db: Executor, scope: Scope, prefix: string) {
  return matters(db, scope, prefix)
    .innerJoin('risk_firm as f', 'f.id', 'm.firm_id')
    .select([
      'f.id',
      'f.name',
      sql<number>`count(*) filter (where m.stage not in ('monitor', 'closed'))::int`.as('open'),
      sql<number>`count(*)::int`.as('total'),
      sql<
        number | null
      >`(select round(avg(r.score)::numeric, 2)::float8 from risk_firm_rating r where r.firm_id = f.id)`.as(
        'avg_rating',
      ),
      sql<number>`(select count(*)::int from risk_firm_rating r where r.firm_id = f.id)`.as('ratings'),
    ])
    .groupBy(['f.id', 'f.name'])
    .orderBy(sql`3`, 'desc')
    .orderBy('f.name')
    .execute();
}

/**
 * A matter's audit entries inside the scope, newest first. The same query as the audit module's
 * entity history: a module reads another's rows through its service, and the audit service has no read yet.
 */
export function listMatterAudit(db: Executor, scope: Scope, matterId: string, limit: number) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_name', 'action', 'entity_type', 'entity_id', 'area_code', 'before', 'after', 'reason'])
    .where('entity_type', '=', 'risk_matter')
    .where('entity_id', '=', matterId)
    .where(inScope(scope, 'area_code'))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
