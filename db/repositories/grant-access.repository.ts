/**
 * Each use of granted data (POST /grants/{id}/access): the use and its audit
 * entry commit together, or neither does (Art. 24). A refused use is audited
 * too. The grant is read under the audit log's lock, which every projection
 * batch that ends a grant also takes first: a use is either wholly before a
 * revocation or sees it.
 */
import type { Db } from '../client';
import { appendAuditEntryWithin, lockHead, type AuditTx } from './audit.repository';
import { grantRefusal, type GrantRefusal } from '../../domain/grants/grant-access';

export interface GrantUse {
  grantId: string;
  /** The request's id (api/idempotency.ts): the same for every retry of one keyed request. */
  requestId: string;
  purpose: string;
  actor: { kind: 'user' | 'api-key'; id: string; name: string; orgName: string };
}

type GrantRow = NonNullable<Awaited<ReturnType<Db['accessGrant']['findUnique']>>>;
export type GrantUseResult =
  | { ok: true; grant: GrantRow; access: { id: string; at: Date } }
  | { ok: false; grant: GrantRow; refusal: GrantRefusal };

export interface GrantUseSummary {
  count: number;
  lastAt: Date | null;
}

export function createGrantAccessRepository(db: Db, opts: { auditKey: Buffer }) {
  const detailOf = (g: GrantRow, use: GrantUse) => ({ purpose: use.purpose, case: g.caseId, resource: g.resourceCode });

  return {
    /**
     * Records one use of a grant that exists (the caller has checked who may
     * use it), or audits the refusal when the grant has ended by the clock or
     * by revocation. A retry of a request that was recorded gets that record.
     */
    async use(use: GrantUse): Promise<GrantUseResult> {
      return db.$transaction(
        async (tx: AuditTx) => {
          await lockHead(tx);
          const grant = await tx.accessGrant.findUniqueOrThrow({ where: { id: use.grantId } });
          const earlier = await tx.grantAccess.findUnique({ where: { requestId: use.requestId } });
          if (earlier && earlier.grantId === grant.id) return { ok: true as const, grant, access: { id: earlier.id, at: earlier.at } };
          const now = new Date();
          const refusal = grantRefusal(grant, now);
          const auditBase = { actor: use.actor.name, actorOrg: use.actor.orgName, target: `grant:${grant.id}` };
          if (refusal) {
            await appendAuditEntryWithin(tx, opts.auditKey, {
              ...auditBase,
              key: `grant-access-refused:${use.requestId}`,
              action: 'grant-access-refused',
              detail: { ...detailOf(grant, use), status: refusal.status },
            });
            return { ok: false as const, grant, refusal };
          }
          const access = await tx.grantAccess.create({
            data: { grantId: grant.id, requestId: use.requestId, at: now, purpose: use.purpose, actorKind: use.actor.kind, actorId: use.actor.id, actorName: use.actor.name },
          });
          await appendAuditEntryWithin(tx, opts.auditKey, {
            ...auditBase,
            key: `grant-access:${use.requestId}`,
            action: 'grant-access',
            detail: { ...detailOf(grant, use), access: access.id, via: use.actor.kind },
          });
          return { ok: true as const, grant, access: { id: access.id, at: access.at } };
        },
        { maxWait: 15_000, timeout: 30_000 },
      );
    },
  };
}

/** How often each grant was used, and when last: for the case page (grants without a use are absent). */
export async function grantUseSummaries(db: Db, grantIds: readonly string[]): Promise<Map<string, GrantUseSummary>> {
  if (grantIds.length === 0) return new Map();
  const rows = await db.grantAccess.groupBy({ by: ['grantId'], where: { grantId: { in: [...grantIds] } }, _count: { _all: true }, _max: { at: true } });
  return new Map(rows.map((r) => [r.grantId, { count: r._count._all, lastAt: r._max.at }]));
}

export type GrantAccessRepository = ReturnType<typeof createGrantAccessRepository>;
