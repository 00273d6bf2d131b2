import { iso } from '../../http/common.schemas.js';
import type { RiskQueryService } from './risk-query.service.js';

type Overview = Awaited<ReturnType<RiskQueryService['overview']>>;
type Signals = Awaited<ReturnType<RiskQueryService['signals']>>;

/** An area's matters by stage, level and outcome, the steps past their deadline and the firms' load. */
export function presentOverview(o: Overview) {
  return {
    byStage: o.byStage,
    byLevel: o.byLevel,
    byDecision: o.byDecision,
    overdue: o.overdue.map((r) => ({
      id: r.id,
      number: r.number,
      title: r.title,
      stage: r.stage,
      owner: r.owner,
      ownerName: r.owner_name,
      startedAt: iso(r.started_at),
      dueAt: iso(r.due_at!),
      overdueWorkingDays: r.overdueWorkingDays,
    })),
    firms: o.firms.map((f) => ({
      id: f.id,
      name: f.name,
      open: f.open,
      total: f.total,
      avgRating: f.avg_rating,
      ratings: f.ratings,
    })),
  };
}

/** The events of a matter's affected areas since implementation started. */
export function presentSignals(s: Signals) {
  return {
    since: s.since ? iso(s.since) : null,
    total: s.total,
    rising: s.rising,
    weeks: s.weeks,
    events: s.events.map((e) => ({
      id: e.id,
      number: e.number,
      status: e.status,
      createdAt: iso(e.created_at),
      gridCode: e.grid_code,
      category: e.category,
    })),
  };
}
