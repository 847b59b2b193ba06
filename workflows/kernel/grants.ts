/**
 * Access grants of one case: issued with an expiry (natural days, planned by an
 * activity), ended by their timer (`expired`) or an administrator (`revoked`).
 * Ids are `<case>-g<n>`.
 */
import type { ProcedureSpec } from '../../domain/procedures';
import { now, SYSTEM, type CaseRecord } from './case-record';
import { planDeadline } from './deadline-clock';
import type { DeadlinePlans } from './deadline-plans';
import type { GrantState } from './types';

export interface GrantRequest {
  resourceCode: string;
  orgId: string;
  naturalDays: number;
  scope: string[];
  method: string;
  desensitized?: unknown;
}

export interface GrantBook {
  readonly grants: GrantState[];
  has(resourceCode: string): boolean;
  anyActive(): boolean;
  /** Issues them in order; the case's timers are re-planned once, after the last. */
  issue(rs: readonly GrantRequest[]): Promise<GrantState[]>;
  end(g: GrantState, how: 'expired' | 'revoked', by: string, reason?: string, requestId?: string): void;
  seq(): number;
}

export function createGrantBook(o: { caseId: string; spec: ProcedureSpec; record: CaseRecord; changed: () => void; grants?: GrantState[]; seqFrom?: number; plans?: DeadlinePlans }): GrantBook {
  const { caseId, record } = o;
  const grants: GrantState[] = o.grants ?? [];
  let seq = o.seqFrom ?? 0;

  async function issueOne(r: GrantRequest): Promise<GrantState> {
    const grantedAt = now();
    const expiry = o.plans?.lookup({ from: grantedAt, naturalDays: r.naturalDays }) ?? (await planDeadline({ from: grantedAt, naturalDays: r.naturalDays }));
    const grant: GrantState = { id: `${caseId}-g${++seq}`, resourceCode: r.resourceCode, expiresAt: expiry.dueAt, status: 'active' };
    grants.push(grant);
    record.push({
      op: 'grant-issue',
      id: grant.id,
      caseId,
      resourceCode: r.resourceCode,
      orgId: r.orgId,
      scope: r.scope,
      method: r.method,
      desensitized: r.desensitized,
      grantedAt,
      expiresAt: grant.expiresAt,
    });
    return grant;
  }

  return {
    grants,
    has: (code) => grants.some((g) => g.resourceCode === code),
    anyActive: () => grants.some((g) => g.status === 'active'),
    async issue(rs) {
      const issued: GrantState[] = [];
      for (const r of rs) issued.push(await issueOne(r));
      o.changed();
      return issued;
    },
    end(g, how, by, reason, requestId) {
      g.status = how;
      record.push({ op: 'grant-end', id: g.id, status: how, at: now(), by });
      record.history({
        actor: how === 'revoked' ? { id: null, name: by, orgId: null } : SYSTEM,
        action: how === 'expired' ? 'grant-expired' : 'grant-revoked',
        comment: `${g.resourceCode}${reason ? `：${reason}` : ''}`,
        article: o.spec.article,
        ...(requestId ? { data: { grantId: g.id, requestId } } : {}),
      });
      o.changed();
    },
    seq: () => seq,
  };
}
