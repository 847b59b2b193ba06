/**
 * Using granted data (API.md "Conditional open: the agreement and the grant"):
 * each use is recorded with its purpose and audited (Art. 24), by the
 * organisation the grant was issued to and nobody else, and only while the
 * grant lasts. Restricted-share and conditional-open grants behave alike.
 */
import { z } from '../zod-locale';
import type { Role } from '../auth/roles';
import { dueText } from '../cases/due-text';

/** The roles that use data on their organisation's behalf: people filing, and business systems' keys (domain/auth/api-key-roles). */
export const GRANT_USER_ROLES = ['applicant', 'public-applicant'] as const satisfies readonly Role[];

export const grantAccessBodySchema = z.strictObject({
  purpose: z
    .string({ error: '请填写本次使用数据的用途' })
    .trim()
    .min(1, '请填写本次使用数据的用途')
    .max(500, '用途不能超过 500 个字符'),
});
export type GrantAccessBody = z.infer<typeof grantAccessBodySchema>;

export type GrantStatus = 'active' | 'expired' | 'revoked';

/**
 * The grant's status by the clock: once `expiresAt` has passed it is expired,
 * even while the workflow's timer has not fired and the row still says active.
 */
export function grantStatusAt(g: { status: string; expiresAt: Date }, now: Date): GrantStatus {
  if (g.status === 'revoked') return 'revoked';
  if (g.status === 'expired' || g.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** Whether the caller acts for the grant's organisation in a role that uses data; anyone else is not told the grant exists. */
export const mayUseGrant = (caller: { org: { id: string }; roles: readonly string[] }, grant: { orgId: string }): boolean =>
  caller.org.id === grant.orgId && GRANT_USER_ROLES.some((r) => caller.roles.includes(r));

export interface GrantRefusal {
  status: Exclude<GrantStatus, 'active'>;
  message: string;
}

/** Why the grant can no longer be used; null while it may. */
export function grantRefusal(g: { status: string; expiresAt: Date; endedAt?: Date | null }, now: Date): GrantRefusal | null {
  const status = grantStatusAt(g, now);
  if (status === 'active') return null;
  if (status === 'revoked') return { status, message: '该访问授权已被撤销，不能再使用数据' };
  return { status, message: `该访问授权已于${dueText(g.expiresAt.toISOString())}到期，不能再使用数据` };
}
