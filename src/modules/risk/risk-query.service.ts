import type { Db } from '../../db/database.js';
import { type Scope, withinScope } from '../../db/scope.js';
import { subtreePrefix } from '../../kernel/area-code.js';
import { WorkingCalendar } from '../../kernel/working-calendar.js';
import type { Clock } from '../../lib/clock.js';
import { notFound } from '../../lib/errors.js';
import * as areaRepo from './risk-area.repository.js';
import { loadFacts, loadRule } from './risk-facts.js';
import { findFirmBrief } from './risk-firm.repository.js';
import { findMatter, findMatterAreas, listStages } from './risk-matter.repository.js';
import * as queryRepo from './risk-query.repository.js';
import { levelMatrix } from './risk-scoring.js';
import {
  type AssessmentKind,
  type Decision,
  implementBlockers,
  missingBefore,
  nextStage,
  type RiskStage,
  stageOwner,
} from './risk-workflow.js';

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

  private async areaPrefix(scope: Scope, code: string | undefined) {
    if (!code) return scope.prefix;
    const a = await areaRepo.findAreaLevel(this.db, code);
    if (!a || !withinScope(scope, a.code)) throw notFound();
    return subtreePrefix(a.code, a.level);
  }

  async get(scope: Scope, id: string) {
    const m = await findMatter(this.db, scope, id);
    if (!m) throw notFound();
    const rule = await loadRule(this.db);
    const [loaded, firm, areas, stages] = await Promise.all([
      loadFacts(this.db, m, rule),
      m.firm_id ? findFirmBrief(this.db, m.firm_id) : Promise.resolve(undefined),
      this.areas(m.area_codes),
      listStages(this.db, id),
    ]);
    const stage = m.stage as RiskStage;
    const decideFacts = stage === 'decide' ? { ...loaded.facts, decision: null, decidedBy: null } : loaded.facts;
    return {
      m,
      firm: firm ?? null,
      areas,
      stages,
      rule,
      matrix: levelMatrix(rule),
      ...loaded,
      missing: missingBefore(stage, decideFacts).filter(
        (k) => !(stage === 'decide' && ['risk_missing_decision', 'risk_missing_decided_by'].includes(k)),
      ),
      implementBlockers: implementBlockers(loaded.facts.gradings),
      next: stage === 'closed' || stage === 'decide' ? null : nextStage(stage, m.decision as Decision | null),
      owner: stage === 'closed' ? null : stageOwner(stage, m.kind as AssessmentKind),
    };
  }

  /** The matter's audit entries, newest first; 404 outside the scope. */
  async audit(scope: Scope, id: string) {
    await this.get(scope, id);
    return queryRepo.listMatterAudit(this.db, scope, id, 200);
  }

  /** Each affected area with its name and the people living there now (from the registry). */
  async areas(codes: string[]) {
    const rows = await areaRepo.listAreaNames(this.db, codes);
    return Promise.all(
      codes.map(async (code) => {
        const a = rows.find((r) => r.code === code);
        const prefix = a ? subtreePrefix(a.code, a.level) : code;
        const n = await areaRepo.countPresentPeople(this.db, prefix);
        return { code, name: a?.name ?? code, level: a?.level ?? 'grid', people: n.n };
      }),
    );
  }

  async list(scope: Scope, f: { areaCode?: string; stage?: string; q?: string; limit: number }) {
    const prefix = await this.areaPrefix(scope, f.areaCode);
    return queryRepo.listMatters(this.db, scope, prefix, f);
  }

  /** For an area: matters by stage, level and outcome; open steps past their deadline; firms' workload and ratings. */
  async overview(scope: Scope, areaCode: string | undefined) {
    const prefix = await this.areaPrefix(scope, areaCode);
    const now = this.clock.now();
    const [byStage, byLevel, byDecision, overdue, firms] = await Promise.all([
      queryRepo.countMattersByStage(this.db, scope, prefix),
      queryRepo.countMattersByLevel(this.db, scope, prefix),
      queryRepo.countMattersByDecision(this.db, scope, prefix),
      queryRepo.listOverdueSteps(this.db, scope, prefix, now),
      queryRepo.listFirmLoad(this.db, scope, prefix),
    ]);
    return {
      byStage,
      byLevel,
      byDecision,
      firms,
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
    const m = await findMatterAreas(this.db, scope, id);
    if (!m) throw notFound();
    const since = m.implementation_started_at;
    if (!since) return { since: null, weeks: [], events: [], rising: false, total: 0 };
    const affected = await areaRepo.listAreaLevels(this.db, m.area_codes);
    const prefixes = affected.map((a) => subtreePrefix(a.code, a.level));
    if (prefixes.length === 0) return { since, weeks: [], events: [], rising: false, total: 0 };
    const [counts, events] = await Promise.all([
      areaRepo.countEventsByWeek(this.db, prefixes, since),
      areaRepo.listRecentEvents(this.db, prefixes, since),
    ]);
    const weeks = this.fillWeeks(since, this.clock.now(), new Map(counts.map((c) => [c.week, c.n])));
    const full = weeks.slice(0, -1);
    const last = full[full.length - 1]?.count ?? 0;
    const before = full.slice(0, -1);
    const mean = before.length > 0 ? before.reduce((s, w) => s + w.count, 0) / before.length : 0;
    return {
      since,
      weeks,
      events,
      total: weeks.reduce((s, w) => s + w.count, 0),
      rising: last >= 3 && last > 1.5 * Math.max(mean, 1),
    };
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
