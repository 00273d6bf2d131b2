import { createContext, type ReactNode, useContext } from 'react';
import type { Me, Permission } from './api/client';

/** The signed-in user; the abilities come from the server's policies (`me.permissions` of /api/auth/me). */
export const MeContext = createContext<Me | null>(null);

export function canWith(me: Me | null, permission: Permission): boolean {
  return !!me && me.permissions.includes(permission);
}

/** `can('event:create')`: whether the signed-in user may do it, so the screen shows only what they may do. */
export function useCan(): (permission: Permission) => boolean {
  const me = useContext(MeContext);
  return (permission) => canWith(me, permission);
}

/** Renders its children only when the signed-in user holds the permission. */
export function Can({ permission, children }: { permission: Permission; children: ReactNode }) {
  return useCan()(permission) ? <>{children}</> : null;
}
