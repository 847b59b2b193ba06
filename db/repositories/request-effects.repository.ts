import type { Db } from '../client';

/** Whether a request (by its id) already took effect: the retry of a request whose first answer was lost. */
export function createRequestEffectsRepository(db: Db) {
  return {
    async inHistory(caseId: string, action: string, requestId: string): Promise<boolean> {
      const rows = await db.historyEntry.findMany({ where: { caseId, action }, select: { data: true } });
      return rows.some((r) => (r.data as { requestId?: unknown } | null)?.requestId === requestId);
    },
  };
}
export type RequestEffectsRepository = ReturnType<typeof createRequestEffectsRepository>;
