/**
 * What the IT project review asks of the world (Art. 9, 11): its opinion's
 * number (db/repositories/opinions.repository.ts allocates it in one
 * transaction, keyed by the deciding task), the instants of its completion
 * reminders, and the automatic acceptance check over the catalog.
 */
import type { Db } from '../db/client';
import { createOpinionsRepository, type IssuedOpinion } from '../db/repositories/opinions.repository';
import { checkAcceptance, nextCompletionReminder, type AcceptanceCheck } from '../domain/cases/it-project/completion';
import type { OpinionDecision } from '../domain/cases/it-project/opinion';

export interface IssueOpinionRequest {
  taskId: string;
  caseId: string;
  decision: OpinionDecision;
  conditions?: string;
  comment?: string;
  /** ISO instant of the decision (workflow time). */
  decidedAt: string;
}

export function createItProjectActivities(db: Db) {
  const opinions = createOpinionsRepository(db);
  return {
    /** The opinion of this deciding task: numbered once, the same number on every retry. */
    async issueOpinion(r: IssueOpinionRequest): Promise<IssuedOpinion> {
      return opinions.allocate({ ...r, decidedAt: new Date(r.decidedAt) });
    },

    /** The next completion reminder strictly after `after` (policy: at the planned completion date, then monthly). */
    async nextCompletionReminder(r: { plannedCompletion: string; after: string }): Promise<{ n: number; at: string }> {
      return nextCompletionReminder(r.plannedCompletion, new Date(r.after));
    },

    /** The acceptance check of each project catalog entry against the public catalog as it is now (Art. 11, 26). */
    async checkAcceptance(r: { ownerOrgId: string; entries: { name: string; resourceCode: string }[] }): Promise<AcceptanceCheck> {
      const rows = await db.resource.findMany({ where: { code: { in: r.entries.map((e) => e.resourceCode) } }, select: { code: true, providerId: true, updateCycle: true, lastUpdatedAt: true } });
      return checkAcceptance({ ownerOrgId: r.ownerOrgId, entries: r.entries, catalog: rows, now: new Date() });
    },
  };
}
