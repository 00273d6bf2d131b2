import { type Scope, UNRESTRICTED } from '../db/scope.js';
import { PERMISSIONS, type Permission, type Role } from '../kernel/permissions.js';

/** Who is acting. Built from the session by the HTTP layer, or by a job or the seeder for itself. */
export interface Actor {
  userId: string | null;
  username: string;
  displayName: string;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  scope: Scope;
  unitId: string | null;
  sessionId: string | null;
  ip: string | null;
}

/** The platform itself (seeding, jobs, CLI): every permission, no scope limit. */
export function systemActor(name: string): Actor {
  return {
    userId: null,
    username: `system:${name}`,
    displayName: name,
    roles: ['admin'],
    permissions: new Set(PERMISSIONS),
    scope: UNRESTRICTED,
    unitId: null,
    sessionId: null,
    ip: null,
  };
}
