import type { EventRow } from '../../db/schema.js';
import type { Actor } from '../../lib/context.js';
import {
  ACCEPTED_OPEN_STATUSES,
  allowedActions,
  type EventAction,
  type EventActorRole,
  type EventStatus,
  isFinished,
  isOpen,
  type Rating,
  RULES,
} from './event-state-machine.js';

/**
 * What an account may do with an event: one place decides, the event page shows it (actions, canAddCoHandler,
 * canMerge, mediationActions) and the services refuse with the same answers. Pure: the caller loads the rows.
 */
type PolicyActor = Pick<Actor, 'permissions' | 'unitId'>;

/** Which side of the state machine an account acts on for this action; null when it may act on neither. */
export function actingRole(actor: Pick<Actor, 'permissions'>, action: EventAction): EventActorRole | null {
  const rule = RULES[action];
  if (rule.roles.includes('operator') && actor.permissions.has('event:operate')) return 'operator';
  if (rule.roles.includes('handler') && actor.permissions.has('event:handle')) return 'handler';
  return null;
}

/** The account belongs to the event's lead unit: a handler acts only for the unit the event is dispatched to. */
export function isOfLeadUnit(actor: Pick<Actor, 'unitId'> | null, leadUnitId: string | null): boolean {
  return !!actor?.unitId && actor.unitId === leadUnitId;
}

/** May this account act as the handler on this event (a state machine 'handler' action)? */
export function mayHandle(actor: Pick<Actor, 'unitId'> | null, e: Pick<EventRow, 'lead_unit_id'>): boolean {
  return isOfLeadUnit(actor, e.lead_unit_id);
}

/** Operators lead from the centre; a handler leads only for the event's lead unit. */
export function mayLead(actor: PolicyActor, leadUnitId: string | null): boolean {
  if (actor.permissions.has('event:operate')) return true;
  return actor.permissions.has('event:handle') && isOfLeadUnit(actor, leadUnitId);
}

/**
 * The closed-loop actions the event page offers. Rating and reopening are the resident's, on the tracking page, so
 * they are left out here although an operator may take them for a resident on the phone.
 */
export function eventActions(
  actor: PolicyActor,
  e: Pick<EventRow, 'status' | 'reopen_count' | 'rating' | 'lead_unit_id'>,
): EventAction[] {
  const state = {
    status: e.status as EventStatus,
    suspendedFrom: null,
    reopenCount: e.reopen_count,
    rating: (e.rating as Rating | null) ?? null,
    openCoHandlerTasks: 0,
  };
  const asHandler = actor.permissions.has('event:handle') && mayHandle(actor, e);
  return [
    ...(actor.permissions.has('event:operate') ? allowedActions(state, 'operator') : []),
    ...(asHandler ? allowedActions(state, 'handler') : []),
  ].filter((a, i, all) => all.indexOf(a) === i && a !== 'rate' && a !== 'reopen');
}

/** Other units may be asked to co-handle an accepted, open event, by whoever leads it. */
export function isOpenForCoHandlers(e: Pick<EventRow, 'status'>): boolean {
  return (ACCEPTED_OPEN_STATUSES as readonly string[]).includes(e.status);
}

export function canAddCoHandler(actor: PolicyActor, e: Pick<EventRow, 'status' | 'lead_unit_id'>): boolean {
  return mayLead(actor, e.lead_unit_id) && isOpenForCoHandlers(e);
}

/** An open event not merged already may be merged into another, or take another in. */
export function isMergeable(e: Pick<EventRow, 'status' | 'merged_into'>): boolean {
  return isOpen(e.status) && !e.merged_into;
}

/** A duplicate goes into an open original of the same kind (the same top-level category). */
export function isMergeTarget(
  into: Pick<EventRow, 'status' | 'merged_into' | 'category_code'>,
  duplicate: Pick<EventRow, 'category_code'>,
): boolean {
  return isMergeable(into) && into.category_code.slice(0, 2) === duplicate.category_code.slice(0, 2);
}

/** The page offers a merge for an event flagged as a possible duplicate, to an operator. */
export function canMerge(
  actor: Pick<Actor, 'permissions'>,
  e: Pick<EventRow, 'status' | 'merged_into' | 'possible_duplicate_of'>,
): boolean {
  return actor.permissions.has('event:operate') && e.possible_duplicate_of !== null && isMergeable(e);
}

/** The mediation buttons: both or none, as the mediation module says the account may act on the case. */
export function mediationActions<C>(mediationCase: C | null, mayAct: (c: C) => boolean): Array<'resolve' | 'fail'> {
  return mediationCase !== null && mayAct(mediationCase) ? ['resolve', 'fail'] : [];
}

/** A resident rates a closed event once; a merged one is rated on the event it went into. */
export function canRate(e: { status: string; merged_into_number: string | null }): boolean {
  return e.status === 'closed' && e.merged_into_number === null;
}

/** Why an account may not attach a file to an event: nothing to do with it, or not in this state. */
export type AttachRefusal = 'forbidden' | 'state';

/** The statuses in which the lead unit's handler works on the event (after feedback it is the centre's again). */
const HANDLING_STATUSES: readonly string[] = ['dispatched', 'handling'];

/** How long after taking a step its author may still attach its evidence (a photo of the result, say). */
export const STEP_FILE_WINDOW_MS = 30 * 60_000;

/**
 * Who may attach a file to an event: those who act on it in its current state. The receiving centre's operators
 * while it is open; the lead unit's handlers while they handle it; a unit with an open co-handling task. Never on a
 * finished (rejected, closed, rated) or merged event, never a read-only account. Residents add photos through their
 * tracking code (attachment.service addPublic), not here. Answers null when allowed.
 */
export function attachRefusal(
  actor: PolicyActor,
  e: Pick<EventRow, 'status' | 'merged_into' | 'lead_unit_id'>,
  openTaskUnitIds: readonly string[],
): AttachRefusal | null {
  const operator = actor.permissions.has('event:operate');
  const leadHandler = actor.permissions.has('event:handle') && isOfLeadUnit(actor, e.lead_unit_id);
  const coHandler = actor.permissions.has('event:handle') && !!actor.unitId && openTaskUnitIds.includes(actor.unitId);
  if (!operator && !leadHandler && !coHandler) return 'forbidden';
  if (isFinished(e.status) || e.merged_into) return 'state';
  if (operator || coHandler) return null;
  return HANDLING_STATUSES.includes(e.status) ? null : 'state';
}

export function canAttach(
  actor: PolicyActor,
  e: Pick<EventRow, 'status' | 'merged_into' | 'lead_unit_id'>,
  openTaskUnitIds: readonly string[],
): boolean {
  return attachRefusal(actor, e, openTaskUnitIds) === null;
}

/** Accounts that report, operate or handle events; only they may ever attach files (checked before the upload is read). */
export function writesEvents(actor: Pick<Actor, 'permissions'>): boolean {
  return (['event:create', 'event:operate', 'event:handle'] as const).some((p) => actor.permissions.has(p));
}

/**
 * The evidence of a step goes with it: the account that just took a step (reported the event, fed back, closed it)
 * may attach files to that step for a short while, even when the step finished the event. Only accounts that write
 * events take steps, so a read-only account never qualifies.
 */
export function mayAttachToOwnStep(
  actor: Pick<Actor, 'permissions' | 'userId'>,
  step: { actor_id: string | null; at: Date },
  now: Date,
): boolean {
  if (!writesEvents(actor)) return false;
  if (step.actor_id === null || step.actor_id !== actor.userId) return false;
  const age = now.getTime() - step.at.getTime();
  return age >= 0 && age <= STEP_FILE_WINDOW_MS;
}
