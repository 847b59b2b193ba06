import type { Principal } from '../../domain/auth/principal';
import type { Actor } from '../../workflows/kernel/types';

/** The caller as a workflow records it. */
export const actorOf = (p: Principal): Actor => ({ id: p.id, name: p.name, orgId: p.org.id, orgName: p.org.name, roles: p.roles });
