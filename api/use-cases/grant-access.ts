/**
 * POST /grants/{id}/access: the grant's organisation records one use of the
 * data (API.md). Anyone else is told nothing of the grant (404); an ended
 * grant refuses (409), and both the use and the refusal are audited.
 */
import { AppError } from '../../domain/errors';
import type { Principal } from '../../domain/auth/principal';
import { formatShanghai } from '../../domain/calendar';
import { grantStatusAt, mayUseGrant } from '../../domain/grants/grant-access';
import type { ApiDeps } from '../deps';

export interface GrantAccessView {
  grant: { id: string; resource: string; resourceCode: string; status: 'active' | 'expired' | 'revoked'; expiresAt: string };
  access: { id: string; at: string };
}

export async function recordGrantAccess(deps: ApiDeps, p: Principal, grantId: string, purpose: string, requestId: string): Promise<GrantAccessView> {
  const g = await deps.repos.cases.grant(grantId);
  if (!g || !mayUseGrant(p, g)) throw new AppError('not_found', '没有这个访问授权');
  const r = await deps.repos.grantAccess.use({ grantId: g.id, requestId, purpose, actor: { kind: p.kind, id: p.id, name: p.name, orgName: p.org.name } });
  if (!r.ok) throw new AppError('conflict', r.refusal.message);
  return {
    grant: { id: r.grant.id, resource: r.grant.resourceCode, resourceCode: r.grant.resourceCode, status: grantStatusAt(r.grant, r.access.at), expiresAt: formatShanghai(r.grant.expiresAt) },
    access: { id: r.access.id, at: formatShanghai(r.access.at) },
  };
}
