/**
 * 挂牌督办: the rules' measures and the case's steps. Pure; the supervision service loads rows,
 * asks here and writes the result.
 *
 * Steps: 挂牌 listed → 整改中 rectifying → 申请销号 requested → 销号 closed. 逾期 (overdue) is not a
 * status of its own: the sweep stamps the case when the deadline passes and records a step, and the
 * case goes on (a late rectification is still wanted). Only the level above may approve or refuse
 * closure: the area under supervision must not close its own case. Which side an actor is on is
 * the policy's (supervision.policy.ts).
 */
export type SupervisionStatus = 'listed' | 'rectifying' | 'requested' | 'closed';
export const SUPERVISION_ACTIONS = ['start', 'request_close', 'approve', 'reject'] as const;
export type SupervisionAction = (typeof SUPERVISION_ACTIONS)[number];
/** supervisor: scope strictly above the case's area; supervised: the area itself. */
export type Side = 'supervisor' | 'supervised';

const MOVES: Record<
  SupervisionAction,
  { from: SupervisionStatus[]; to: SupervisionStatus; sides: Side[]; note: boolean }
> = {
  start: { from: ['listed'], to: 'rectifying', sides: ['supervisor', 'supervised'], note: false },
  request_close: { from: ['listed', 'rectifying'], to: 'requested', sides: ['supervisor', 'supervised'], note: true },
  approve: { from: ['requested'], to: 'closed', sides: ['supervisor'], note: false },
  reject: { from: ['requested'], to: 'rectifying', sides: ['supervisor'], note: true },
};

export type MoveResult =
  | { ok: true; to: SupervisionStatus }
  | { ok: false; error: 'invalid_transition' | 'forbidden' | 'note_required' };

export function supervisionMove(
  status: SupervisionStatus,
  action: SupervisionAction,
  side: Side,
  note: string | null | undefined,
): MoveResult {
  const m = MOVES[action];
  if (!m.from.includes(status)) return { ok: false, error: 'invalid_transition' };
  if (!m.sides.includes(side)) return { ok: false, error: 'forbidden' };
  if (m.note && !note?.trim()) return { ok: false, error: 'note_required' };
  return { ok: true, to: m.to };
}

export function allowedSupervisionActions(status: SupervisionStatus, side: Side): SupervisionAction[] {
  return SUPERVISION_ACTIONS.filter((a) => MOVES[a].from.includes(status) && MOVES[a].sides.includes(side));
}

export type Measure = 'disputes_per_1000' | 'overdue_share' | 'repeat_place' | 'dissatisfaction_rate';

/** What one area counted over the period, for one measure. */
export interface MeasureCounts {
  areaCode: string;
  /** Events the area received in the period (for dissatisfaction: rated events). */
  events: number;
  numerator: number;
  /** Population for disputes per 1,000; events for shares; unused for repeat_place. */
  denominator: number;
}

/** The measure's value, or null when it cannot be judged (no people, no events). */
export function measureValue(measure: Measure, c: MeasureCounts): number | null {
  switch (measure) {
    case 'disputes_per_1000':
      return c.denominator > 0 ? (c.numerator * 1000) / c.denominator : null;
    case 'overdue_share':
    case 'dissatisfaction_rate':
      return c.denominator > 0 ? c.numerator / c.denominator : null;
    case 'repeat_place':
      return c.numerator;
  }
}

/** A flag is raised when the value reaches the threshold and enough events back it. */
export function crosses(
  rule: { measure: Measure; threshold: number; minEvents: number },
  c: MeasureCounts,
): number | null {
  if (c.events < rule.minEvents) return null;
  const v = measureValue(rule.measure, c);
  return v !== null && v >= rule.threshold ? v : null;
}

/** Deadline colour for lists: red past the deadline, yellow in the last fifth of the time. */
export function deadlineColour(
  c: { status: SupervisionStatus; createdAt: Date; deadlineAt: Date; overdueAt: Date | null },
  now: Date,
): 'closed' | 'overdue' | 'warning' | 'normal' {
  if (c.status === 'closed') return 'closed';
  if (c.overdueAt || now >= c.deadlineAt) return 'overdue';
  const total = c.deadlineAt.getTime() - c.createdAt.getTime();
  return c.deadlineAt.getTime() - now.getTime() <= total / 5 ? 'warning' : 'normal';
}
