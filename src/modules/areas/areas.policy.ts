import type { AreaRow } from '../../db/schema.js';
import { type Scope, withinScope } from '../../db/scope.js';

/**
 * Who may edit which area. Reading and writing areas needs area:read / area:write (checked by the route); the
 * repository finds only areas in the actor's scope; these are the rules left over.
 */

/** A top-level area (no parent) may only be created inside the actor's own subtree. */
export function rootAreaAllowed(scope: Scope, code: string): boolean {
  return withinScope(scope, code);
}

/** Why an area may not be retired by this actor, or null. Active children are checked separately (a query). */
export function retireProblem(
  scope: Scope,
  area: Pick<AreaRow, 'code' | 'status'>,
): 'area_retired' | 'cannot_retire_own_scope' | null {
  if (area.status === 'retired') return 'area_retired';
  // Retiring one's own scope area would leave the actor's accounts pointing at a retired root.
  if (area.code === scope.code) return 'cannot_retire_own_scope';
  return null;
}
