import { iso, isoOrNull } from '../../http/common.schemas.js';
import type { Actor } from '../../lib/context.js';
import type { UserPublic } from './user.repository.js';

/** An account as the user administration shows it (never its password hash). */
export function presentUser(u: UserPublic) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    roles: u.roles,
    scopeCode: u.scope_code,
    unitId: u.unit_id,
    status: u.status,
    createdAt: iso(u.created_at),
    lastLoginAt: isoOrNull(u.last_login_at),
  };
}

/** The signed-in user: who, with which roles, permissions (sorted, for a stable answer) and scope. */
export function presentMe(a: Actor) {
  return {
    id: a.userId,
    username: a.username,
    displayName: a.displayName,
    roles: a.roles,
    permissions: [...a.permissions].sort(),
    unitId: a.unitId,
    scope: { code: a.scope.code, level: a.scope.level },
  };
}
