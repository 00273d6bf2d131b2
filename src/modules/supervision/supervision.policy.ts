import { type Scope, withinScope } from '../../db/scope.js';
import type { Actor } from '../../lib/context.js';
import {
  allowedSupervisionActions,
  type MoveResult,
  type Side,
  type SupervisionAction,
  type SupervisionStatus,
  supervisionMove,
} from './supervision-rules.js';

/**
 * Who may do what in 挂牌督办. Pure: the service asks before it writes (and refuses), the presenters ask
 * for the abilities the web shows (canDecide on a flag, the actions on a case), so both always agree.
 */

/** Which side a reader with `scope` is on for a flag or case in `areaCode`; null when outside. */
export function sideOf(scope: Scope, areaCode: string): Side | null {
  if (!withinScope(scope, areaCode)) return null;
  // Inside the subtree and not the area itself means strictly above it.
  return scope.code === areaCode ? 'supervised' : 'supervisor';
}

/** Only the level above confirms or dismisses a flag: the area under supervision must not judge itself. */
export function canDecideFlag(scope: Scope, areaCode: string): boolean {
  return sideOf(scope, areaCode) === 'supervisor';
}

/** The actions the actor may take on the case now; none without event:operate. */
export function caseActions(
  actor: Pick<Actor, 'scope' | 'permissions'>,
  c: { status: SupervisionStatus; area_code: string },
): SupervisionAction[] {
  const side = sideOf(actor.scope, c.area_code);
  if (!side || !actor.permissions.has('event:operate')) return [];
  return allowedSupervisionActions(c.status, side);
}

/** Where `action` takes the case, or why the actor may not take it. */
export function caseMove(
  scope: Scope,
  c: { status: SupervisionStatus; area_code: string },
  action: SupervisionAction,
  note: string | null,
): MoveResult {
  const side = sideOf(scope, c.area_code);
  if (!side) return { ok: false, error: 'forbidden' };
  return supervisionMove(c.status, action, side, note);
}

/**
 * The subtree a rule is evaluated over for the actor: the narrower of the rule's and the actor's, null when
 * they do not meet. A rule's subtree is a bare prefix ('' = everywhere), not a Scope, hence the second test.
 */
export function ruleReach(scope: Scope, rulePrefix: string): string | null {
  if (withinScope(scope, rulePrefix)) return rulePrefix;
  return scope.prefix.startsWith(rulePrefix) ? scope.prefix : null;
}

/** Anyone reading events sees the rules that reach into their scope. */
export function canSeeRule(scope: Scope, rulePrefix: string): boolean {
  return ruleReach(scope, rulePrefix) !== null;
}

/** A rule is edited only from its own subtree or above; one from above the actor is not theirs. */
export function canEditRule(scope: Scope, rulePrefix: string): boolean {
  return withinScope(scope, rulePrefix);
}

/** A rule for everywhere (no area) is written only from the city or an installation-wide scope. */
export function canWriteRuleEverywhere(scope: Scope): boolean {
  return scope.prefix === '' || scope.level === 'city';
}
