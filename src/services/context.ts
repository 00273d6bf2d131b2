import type { Scope } from '../db/scope.js';
import type { Permission, Role } from '../domain/permissions.js';

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
