/**
 * A case row is written before its workflow starts and is never deleted:
 * while the start is unconfirmed (`startState = pending`) it keeps the start
 * input, so the reconciler can ask Temporal and start it, or mark it failed.
 */
import type { Db } from '../client';
import { toJson } from '../json';
import type { CaseType } from '../../domain/cases/case-types';
import { writeCaseSearchTerms } from './case-search';

export function createCaseStartRepository(db: Db) {
  return {
    async createPending(c: { id: string; type: CaseType; title: string; applicantOrgId: string; applicantUserId: string | null; payload: unknown; workflowId: string; startInput: unknown }) {
      const createdAt = new Date();
      // The search's terms with the row (case-search.ts): a case is findable by q from the moment it is listed.
      await db.$transaction(async (tx) => {
        await tx.case.create({ data: { ...c, createdAt, status: 'in-progress', startState: 'pending', payload: toJson(c.payload), startInput: toJson(c.startInput) } });
        await writeCaseSearchTerms(tx, { id: c.id, title: c.title, applicantOrgId: c.applicantOrgId, createdAt });
      });
    },

    async markStarted(id: string): Promise<void> {
      await db.case.updateMany({ where: { id, startState: { not: 'started' } }, data: { startState: 'started', startInput: undefined, startError: null } });
    },

    async recordStartError(id: string, error: string): Promise<void> {
      await db.case.updateMany({ where: { id, startState: 'pending' }, data: { startError: error.slice(0, 2000) } });
    },

    /** Gives up on a start: the case shows as failed, with why, and stays for the record. */
    async markFailed(id: string, error: string): Promise<void> {
      await db.case.updateMany({ where: { id, startState: 'pending' }, data: { startState: 'failed', startError: error.slice(0, 2000), closedAt: new Date() } });
    },

    /** Starts not confirmed for `olderThanMs`: the filer's process may have died between the row and the start. */
    async pending(olderThanMs: number, limit = 100) {
      return db.case.findMany({
        where: { startState: 'pending', createdAt: { lt: new Date(Date.now() - olderThanMs) } },
        select: { id: true, type: true, workflowId: true, startInput: true, createdAt: true, startError: true },
        orderBy: { createdAt: 'asc' },
        take: limit,
      });
    },

    async unstarted() {
      return db.case.findMany({ where: { startState: { in: ['pending', 'failed'] } }, orderBy: { createdAt: 'asc' }, take: 500 });
    },
  };
}
export type CaseStartRepository = ReturnType<typeof createCaseStartRepository>;
