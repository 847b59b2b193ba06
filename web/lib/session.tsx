'use client';
/** The signed-in user, loaded once by the app shell and shared with every page. */
import { createContext, useContext } from 'react';
import type { MeView } from '../../domain/views';
import type { Role } from '../../domain/auth/roles';

export const MeContext = createContext<MeView | null>(null);

export function useMe(): MeView {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() outside the signed-in app shell');
  return me;
}

export function hasRole(me: MeView, role: Role): boolean {
  return me.roles.includes(role);
}
