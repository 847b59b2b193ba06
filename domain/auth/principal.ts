import type { Role } from './roles';

/** Who is calling: a signed-in person, or a business system with an API key (Art. 28). */
export interface Principal {
  kind: 'user' | 'api-key';
  id: string; // user id or api key id
  name: string; // display name, for history and audit
  username: string | null;
  org: { id: string; name: string };
  roles: Role[];
}

export const hasRole = (p: Principal, role: Role): boolean => p.roles.includes(role);
export const actorLabel = (p: Principal): string => `${p.org.name} / ${p.name}`;
