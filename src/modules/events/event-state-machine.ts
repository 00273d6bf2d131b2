/**
 * The closed loop of an event (after digital urban management's seven steps and 12345's 首接负责):
 * 上报 → 受理 or 不予受理 → 派遣 → 处置 → 反馈 → 核查 → 结案 → 评价, with rework (核查不通过), return and
 * reassignment (退回/改派), suspension (挂起) and one reopening after an unsatisfied rating. Pure
 * logic: the events service loads the event, asks here, and writes the result in one transaction.
 */
export const EVENT_STATUSES = [
  'reported',
  'accepted',
  'rejected',
  'dispatched',
  'handling',
  'feedback',
  'verified',
  'closed',
  'rated',
  'suspended',
] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const EVENT_ACTIONS = [
  'accept',
  'reject',
  'dispatch',
  'start',
  'return',
  'reassign',
  'feedback',
  'verify',
  'rework',
  'close',
  'rate',
  'reopen',
  'suspend',
  'resume',
] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

export type EventActorRole = 'operator' | 'handler' | 'resident' | 'system';
export type Rating = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

export interface EventState {
  status: EventStatus;
  /** The status to go back to when a suspended event resumes. */
  suspendedFrom: EventStatus | null;
  reopenCount: number;
  rating: Rating | null;
  openCoHandlerTasks: number;
}

export interface TransitionInput {
  action: EventAction;
  role: EventActorRole;
  note?: string | null;
  rating?: Rating;
  /** Close although co-handler tasks are still open (the lead unit's override, with a reason). */
  override?: boolean;
}

export type TransitionError =
  | 'action_not_allowed'
  | 'role_not_allowed'
  | 'reason_required'
  | 'rating_required'
  | 'co_handlers_open'
  | 'reopen_limit';

export type TransitionResult = { ok: true; state: EventState } | { ok: false; error: TransitionError };

interface Rule {
  from: readonly EventStatus[];
  to: EventStatus | 'previous';
  roles: readonly EventActorRole[];
  needsReason?: boolean;
}

/**
 * The status sets every query and rule uses; spelled once here. Their order follows EVENT_STATUSES, and SQL lists
 * built from them (event-status-sql.ts) keep the text of the tuned statements.
 */
/** Done with: no more work on it and no deadline running. */
export const FINISHED_STATUSES = ['rejected', 'closed', 'rated'] as const satisfies readonly EventStatus[];
export type FinishedStatus = (typeof FINISHED_STATUSES)[number];

export function isFinished(status: string): boolean {
  return (FINISHED_STATUSES as readonly string[]).includes(status);
}

export function isOpen(status: string): boolean {
  return !isFinished(status);
}

/** Everything not finished, suspended events included. */
export const OPEN_STATUSES: readonly EventStatus[] = EVENT_STATUSES.filter(isOpen);
/** Open and not suspended: the deadline clock runs, and an operator may suspend it. */
export const RUNNING_STATUSES: readonly EventStatus[] = OPEN_STATUSES.filter((s) => s !== 'suspended');
/** Open and past acceptance: other units may be asked to co-handle. */
export const ACCEPTED_OPEN_STATUSES: readonly EventStatus[] = OPEN_STATUSES.filter((s) => s !== 'reported');
/** Closed with a result: waiting for the resident's rating, or rated. */
export const RESULT_STATUSES = ['closed', 'rated'] as const satisfies readonly EventStatus[];

const ACTIVE = RUNNING_STATUSES;

export const RULES: Record<EventAction, Rule> = {
  accept: { from: ['reported'], to: 'accepted', roles: ['operator'] },
  reject: { from: ['reported'], to: 'rejected', roles: ['operator'], needsReason: true },
  dispatch: { from: ['accepted'], to: 'dispatched', roles: ['operator', 'system'] },
  start: { from: ['dispatched'], to: 'handling', roles: ['handler'] },
  return: { from: ['dispatched', 'handling'], to: 'accepted', roles: ['handler'], needsReason: true },
  reassign: { from: ['dispatched', 'handling'], to: 'dispatched', roles: ['operator'], needsReason: true },
  feedback: { from: ['handling'], to: 'feedback', roles: ['handler'] },
  verify: { from: ['feedback'], to: 'verified', roles: ['operator'] },
  rework: { from: ['feedback'], to: 'handling', roles: ['operator'], needsReason: true },
  close: { from: ['verified'], to: 'closed', roles: ['operator'] },
  rate: { from: ['closed'], to: 'rated', roles: ['resident', 'operator'] },
  reopen: { from: ['rated'], to: 'handling', roles: ['resident', 'operator'] },
  suspend: { from: ACTIVE, to: 'suspended', roles: ['operator'], needsReason: true },
  resume: { from: ['suspended'], to: 'previous', roles: ['operator', 'system'] },
};

export function transition(state: EventState, input: TransitionInput): TransitionResult {
  const rule = RULES[input.action];
  if (!rule.from.includes(state.status)) return { ok: false, error: 'action_not_allowed' };
  if (!rule.roles.includes(input.role)) return { ok: false, error: 'role_not_allowed' };
  const reason = input.note?.trim() ?? '';
  if (rule.needsReason && reason.length < 2) return { ok: false, error: 'reason_required' };
  if (input.action === 'close' && state.openCoHandlerTasks > 0) {
    if (!input.override) return { ok: false, error: 'co_handlers_open' };
    if (reason.length < 2) return { ok: false, error: 'reason_required' };
  }
  if (input.action === 'rate' && !input.rating) return { ok: false, error: 'rating_required' };
  if (input.action === 'reopen') {
    if (state.rating !== 'unsatisfied') return { ok: false, error: 'action_not_allowed' };
    if (state.reopenCount >= 1) return { ok: false, error: 'reopen_limit' };
  }
  const to = rule.to === 'previous' ? (state.suspendedFrom ?? 'accepted') : rule.to;
  return {
    ok: true,
    state: {
      ...state,
      status: to,
      suspendedFrom: input.action === 'suspend' ? state.status : input.action === 'resume' ? null : state.suspendedFrom,
      reopenCount: state.reopenCount + (input.action === 'reopen' ? 1 : 0),
      rating: input.action === 'rate' ? (input.rating ?? null) : input.action === 'reopen' ? null : state.rating,
    },
  };
}

/** The finished statuses an open event moves into by an action (a rating only follows a close). */
export const ENDING_STATUSES: readonly EventStatus[] = FINISHED_STATUSES.filter((s) =>
  EVENT_ACTIONS.some((a) => RULES[a].to === s && RULES[a].from.some(isOpen)),
);

/** The actions a role may take in a state, for the event page's buttons. */
export function allowedActions(state: EventState, role: EventActorRole): EventAction[] {
  return EVENT_ACTIONS.filter(
    (a) =>
      RULES[a].from.includes(state.status) &&
      RULES[a].roles.includes(role) &&
      (a !== 'reopen' || (state.rating === 'unsatisfied' && state.reopenCount < 1)),
  );
}
