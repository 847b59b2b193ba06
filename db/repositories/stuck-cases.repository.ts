/** Cases whose projection is parked (data the database refused, or retries exhausted): the admin's stuck-cases view. */
import type { Db } from '../client';
import { fromJson } from '../json';

export function createStuckCasesRepository(db: Db) {
  return {
    async open() {
      const rows = await db.stuckCase.findMany({ where: { resolvedAt: null }, orderBy: { since: 'asc' }, take: 500 });
      const cases = new Map((await db.case.findMany({ where: { id: { in: rows.map((r) => r.caseId) } } })).map((c) => [c.id, c]));
      return rows.map((r) => ({ ...r, detail: fromJson<{ kind?: string; waitingBatches?: number }>(r.detail), case: cases.get(r.caseId) ?? null }));
    },
    find: (caseId: string) => db.stuckCase.findUnique({ where: { caseId } }),
  };
}
export type StuckCasesRepository = ReturnType<typeof createStuckCasesRepository>;

