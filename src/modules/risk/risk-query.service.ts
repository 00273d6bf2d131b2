import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { inScope, type Scope } from '../../db/scope.js';
import { inSubtree, subtreePrefix } from '../../kernel/area-code.js';
import { levelMatrix } from './risk-scoring.js';
import { type AssessmentKind, implementBlockers, missingBefore, nextStage, type Decision, type RiskStage, stageOwner } from './risk-workflow.js';
import { WorkingCalendar } from '../../kernel/working-calendar.js';
import type { Clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import { loadFacts, loadRule } from './risk-facts.js';

const latestLevel = sql<string | null>`(select g.final_level from risk_grading g where g.matter_id = m.id order by g.seq desc limit 1)`;
const WEEK_MS = 7 * 86_400_000;

/**
 * Reads of the module: one matter with everything its page shows (and what each step lacks), the
 * list, the overview of an area, and the event signal of the affected areas during implementation.
 */
export class RiskQueryService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
  ) {}

  /** Matters registered in `prefix`'s subtree or touching it with an affected area. */
  private touching(prefix: string) {
    const p = `${prefix}%`;
    return sql<SqlBool>`(m.area_code like ${p} or exists (select 1 from unnest(m.area_codes) a where a like ${p}))`;
  }

  private async areaPrefix(scope: Scope, code: string | undefined) {
    if (!code) return scope.prefix;
    const a = await this.db.selectFrom('area').select(['code', 'level']).where('code', '=', code).executeTakeFirst();
    if (!a || !inSubtree(a.code, scope.code, scope.level)) throw notFound();
    return subtreePrefix(a.code, a.level);
  }

  async get(scope: Scope, id: string) {
    const m = await this.db.selectFrom('risk_matter').selectAll().where('id', '=', id).where(inScope(scope, 'area_code')).executeTakeFirst();
    if (!m) throw notFound();
    const rule = await loadRule(this.db);
    const [loaded, firm, areas, stages] = await Promise.all([
      loadFacts(this.db, m, rule),
      m.firm_id ? this.db.selectFrom('risk_firm').select(['id', 'name', 'credit_code']).where('id', '=', m.firm_id).executeTakeFirst() : Promise.resolve(undefined),
      this.areas(m.area_codes),
      this.db.selectFrom('risk_stage_log').selectAll().where('matter_id', '=', id).orderBy('id').execute(),
    ]);
    const stage = m.stage as RiskStage;
    const decideFacts = stage === 'decide' ? { ...loaded.facts, decision: null, decidedBy: null } : loaded.facts;
    return {
      m, firm: firm ?? null, areas, stages, rule, matrix: levelMatrix(rule), ...loaded,
      missing: missingBefore(stage, decideFacts).filter((k) => !(stage === 'decide' && ['risk_missing_decision', 'risk_missing_decided_by'].includes(k))),
      implementBlockers: implementBlockers(loaded.facts.gradings),
      next: stage === 'closed' || stage === 'decide' ? null : nextStage(stage, m.decision as Decision | null),
      owner: stage === 'closed' ? null : stageOwner(stage, m.kind as AssessmentKind),
    };
  }

  /** Each affected area with its name and the people living there now (from the registry). */
  async areas(codes: string[]) {
    const rows = await this.db.selectFrom('area').select(['code', 'name', 'level']).where('code', 'in', codes).execute();
    return Promise.all(
      codes.map(async (code) => {
        const a = rows.find((r) => r.code === code);
        const prefix = a ? subtreePrefix(a.code, a.level) : code;
        const n = await this.db.selectFrom('person').select(sql<number>`count(*)::int`.as('n')).where('grid_code', 'like', `${prefix}%`).where('status', '=', 'present').executeTakeFirstOrThrow();
        return { code, name: a?.name ?? code, level: a?.level ?? 'grid', people: n.n };
      }),
    );
  }

  async list(scope: Scope, f: { areaCode?: string; stage?: string; q?: string; limit: number }) {
    const prefix = await this.areaPrefix(scope, f.areaCode);
    let q = this.db
      .selectFrom('risk_matter as m')
      .leftJoin('risk_firm as f', 'f.id', 'm.firm_id')
      .select(['m.id', 'm.number', 'm.title', 'm.type', 'm.kind', 'm.stage', 'm.round', 'm.stage_due_at', 'm.decision', 'm.area_code', 'm.area_codes', 'm.implementing_body', 'm.created_at', 'f.name as firm_name', latestLevel.as('level')])
      .where(inScope(scope, 'm.area_code'))
      .where(this.touching(prefix));
    if (f.stage) q = q.where('m.stage', '=', f.stage);
    if (f.q) q = q.where('m.title', 'like', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    return q.orderBy('m.created_at', 'desc').orderBy('m.id', 'desc').limit(f.limit).execute();
  }

  /** For an area: matters by stage, level and outcome; open steps past their deadline; firms' workload and ratings. */
  async overview(scope: Scope, areaCode: string | undefined) {
    const prefix = await this.areaPrefix(scope, areaCode);
    const now = this.clock.now();
    const base = () => this.db.selectFrom('risk_matter as m').where(inScope(scope, 'm.area_code')).where(this.touching(prefix));
    const [byStage, byLevel, byDecision, overdue, firms] = await Promise.all([
      base().select(['m.stage as key', sql<number>`count(*)::int`.as('n')]).groupBy('m.stage').execute(),
      base().select([sql<string>`coalesce(${latestLevel}, 'ungraded')`.as('key'), sql<number>`count(*)::int`.as('n')]).groupBy(sql`1`).execute(),
      base().select([sql<string>`coalesce(m.decision, 'pending')`.as('key'), sql<number>`count(*)::int`.as('n')]).groupBy(sql`1`).execute(),
      base()
        .innerJoin('risk_stage_log as s', (j) => j.onRef('s.matter_id', '=', 'm.id').on('s.ended_at', 'is', null))
        .select(['m.id', 'm.number', 'm.title', 's.stage', 's.owner', 's.owner_name', 's.started_at', 's.due_at'])
        .where('s.due_at', '<', now)
        .orderBy('s.due_at')
        .limit(200)
        .execute(),
      base()
        .innerJoin('risk_firm as f', 'f.id', 'm.firm_id')
        .select([
          'f.id', 'f.name',
          sql<number>`count(*) filter (where m.stage not in ('monitor', 'closed'))::int`.as('open'),
          sql<number>`count(*)::int`.as('total'),
          sql<number | null>`(select round(avg(r.score)::numeric, 2)::float8 from risk_firm_rating r where r.firm_id = f.id)`.as('avg_rating'),
          sql<number>`(select count(*)::int from risk_firm_rating r where r.firm_id = f.id)`.as('ratings'),
        ])
        .groupBy(['f.id', 'f.name'])
        .orderBy(sql`3`, 'desc')
        .orderBy('f.name')
        .execute(),
    ]);
    return {
      byStage, byLevel, byDecision, firms,
      overdue: overdue.map((o) => ({ ...o, overdueWorkingDays: this.workingDaysLate(o.due_at!, now) })),
    };
  }

  private workingDaysLate(due: Date, now: Date) {
    let n = 0;
    let d = WorkingCalendar.local(due).date;
    const end = WorkingCalendar.local(now).date;
    while (d < end && n < 1000) {
      d = WorkingCalendar.nextDate(d);
      if (this.calendar.isWorkingDay(d)) n++;
    }
    return n;
  }

  /**
   * Events reported in the affected areas since implementation started, counted by week
   * (Monday, Asia/Shanghai), with the latest ones; `rising` when the last full week is well above
   * the weeks before it, so the follow-up screen can flag it.
   */
  async signals(scope: Scope, id: string) {
    const m = await this.db.selectFrom('risk_matter').select(['id', 'area_codes', 'implementation_started_at']).where('id', '=', id).where(inScope(scope, 'area_code')).executeTakeFirst();
    if (!m) throw notFound();
    const since = m.implementation_started_at;
    if (!since) return { since: null, weeks: [], events: [], rising: false, total: 0 };
    const areas = await this.db.selectFrom('area').select(['code', 'level']).where('code', 'in', m.area_codes).execute();
    const prefixes = areas.map((a) => `${subtreePrefix(a.code, a.level)}%`);
    if (prefixes.length === 0) return { since, weeks: [], events: [], rising: false, total: 0 };
    const inAreas = sql<SqlBool>`(${sql.join(prefixes.map((p) => sql`e.grid_code like ${p}`), sql` or `)})`;
    const week = sql<string>`to_char(date_trunc('week', e.created_at at time zone 'Asia/Shanghai'), 'YYYY-MM-DD')`;
    const [counts, events] = await Promise.all([
      this.db.selectFrom('event as e').select([week.as('week'), sql<number>`count(*)::int`.as('n')]).where(inAreas).where('e.created_at', '>=', since).groupBy(sql`1`).orderBy(sql`1`).execute(),
      this.db
        .selectFrom('event as e')
        .innerJoin('event_category as c', 'c.code', 'e.category_code')
        .select(['e.id', 'e.number', 'e.status', 'e.created_at', 'e.grid_code', 'c.name as category'])
        .where(inAreas)
        .where('e.created_at', '>=', since)
        .orderBy('e.created_at', 'desc')
        .limit(20)
        .execute(),
    ]);
    const weeks = this.fillWeeks(since, this.clock.now(), new Map(counts.map((c) => [c.week, c.n])));
    const full = weeks.slice(0, -1);
    const last = full[full.length - 1]?.count ?? 0;
    const before = full.slice(0, -1);
    const mean = before.length > 0 ? before.reduce((s, w) => s + w.count, 0) / before.length : 0;
    return { since, weeks, events, total: weeks.reduce((s, w) => s + w.count, 0), rising: last >= 3 && last > 1.5 * Math.max(mean, 1) };
  }

  private fillWeeks(from: Date, to: Date, counts: Map<string, number>) {
    const monday = (d: Date) => {
      const local = WorkingCalendar.local(d).date;
      const dow = (new Date(`${local}T00:00:00Z`).getUTCDay() + 6) % 7;
      return new Date(new Date(`${local}T00:00:00Z`).getTime() - dow * 86_400_000);
    };
    const out: Array<{ week: string; count: number }> = [];
    for (let w = monday(from); w <= to && out.length < 260; w = new Date(w.getTime() + WEEK_MS)) {
      const key = w.toISOString().slice(0, 10);
      out.push({ week: key, count: counts.get(key) ?? 0 });
    }
    return out;
  }
}
