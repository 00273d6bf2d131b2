/** Roles add permissions; they never widen the area scope, which is a property of the user. */
export const ROLES = ['admin', 'operator', 'handler', 'grid_worker', 'mediator', 'leader'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'area:read',
  'area:write',
  'user:read',
  'user:write',
  'unit:read',
  'unit:write',
  'grid_worker:read',
  'grid_worker:write',
  'audit:read',
  'audit:verify',
  'personal:read_full',
  'registry:read',
  'registry:write',
  'registry:import',
  'event:read',
  'event:create',
  'event:operate',
  'event:handle',
  'calendar:write',
  'mediation:act',
  'event:configure',
  // Risk assessment: read; record the assessors' work (operators keep it for firms, who have no accounts);
  // record the collective decision (谁决策谁负责: the accountable leader, not the clerk); edit firms and the scoring rule.
  'risk:read',
  'risk:write',
  'risk:decide',
  'risk:configure',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_ONLY: Permission[] = ['area:read', 'unit:read', 'grid_worker:read', 'registry:read', 'event:read'];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  operator: [
    ...READ_ONLY,
    'grid_worker:write',
    'user:read',
    'personal:read_full',
    'registry:write',
    'registry:import',
    'event:create',
    'event:operate',
    'mediation:act',
    'risk:read',
    'risk:write',
  ],
  handler: [...READ_ONLY, 'event:handle', 'mediation:act'],
  grid_worker: [...READ_ONLY, 'personal:read_full', 'registry:write', 'event:create', 'mediation:act'],
  mediator: [...READ_ONLY, 'personal:read_full', 'event:create', 'mediation:act'],
  leader: [...READ_ONLY, 'audit:read', 'risk:read', 'risk:decide'],
};

export function permissionsOf(roles: readonly string[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const role of roles) {
    for (const p of ROLE_PERMISSIONS[role as Role] ?? []) out.add(p);
  }
  return out;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
