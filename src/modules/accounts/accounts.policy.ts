import type { AreaRow } from '../../db/schema.js';
import type { Role } from '../../kernel/permissions.js';
import type { UserPublic } from './user.repository.js';

/**
 * Account management rules. Managing accounts needs user:write (checked by the route) and reaches only accounts
 * whose scope lies inside the manager's (the repository's scope predicate); these are the decisions left over.
 */

export interface PlacementProblem {
  field: 'scopeCode' | 'roles' | 'unitId';
  key: string;
}

/**
 * Why an account may not be placed at this area with these roles, or null. `area` is the account's scope area as
 * found inside the manager's scope (undefined outside it). Whether its unit lies in scope is checked after this.
 */
export function placementProblem(
  area: Pick<AreaRow, 'status'> | undefined,
  roles: readonly Role[],
  unitId: string | null,
): PlacementProblem | null {
  if (!area) return { field: 'scopeCode', key: 'scope_outside_yours' };
  if (area.status !== 'active') return { field: 'scopeCode', key: 'area_retired' };
  if (roles.length === 0) return { field: 'roles', key: 'role_not_grantable' };
  // A handler works the events routed to a unit, so the account must belong to one.
  if (roles.includes('handler') && !unitId) return { field: 'unitId', key: 'handler_needs_unit' };
  return null;
}

/** A disabled account, a moved scope or changed roles must not keep the sessions opened under the old ones. */
export function sessionsMustEnd(
  before: Pick<UserPublic, 'scope_code' | 'roles'>,
  after: Pick<UserPublic, 'status' | 'scope_code' | 'roles'>,
): boolean {
  if (after.status === 'disabled') return true;
  return after.scope_code !== before.scope_code || after.roles.join() !== before.roles.join();
}
