import type { Db } from '../client';
import { isUniqueViolation } from '../errors';
import { toJson } from '../json';

/** status 0 marks a key whose first request is still being processed. */
export const IN_PROGRESS = 0;

export type Claim = 'claimed' | 'taken-over' | 'held';

/**
 * Idempotency keys with a lease: the process working on a key renews it while
 * it works; a key whose lease lapsed (its process died) is taken over by the
 * next retry, which then finishes the work.
 */
export function createIdempotencyRepository(db: Db) {
  return {
    find: (scope: string, key: string) => db.idempotencyKey.findUnique({ where: { scope_key: { scope, key } } }),

    /** Takes the key for this request: 'claimed' (new), 'taken-over' (the holder's lease lapsed), or 'held' by a live request or settled. */
    async claim(scope: string, key: string, requestHash: string, leaseMs: number, now = new Date()): Promise<Claim> {
      const leaseUntil = new Date(now.getTime() + leaseMs);
      try {
        await db.idempotencyKey.create({ data: { scope, key, requestHash, status: IN_PROGRESS, body: {}, leaseUntil } });
        return 'claimed';
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
      const row = await db.idempotencyKey.findUnique({ where: { scope_key: { scope, key } } });
      if (!row || row.status !== IN_PROGRESS || row.requestHash !== requestHash) return 'held';
      // Rows from before leases existed count from their creation.
      const lapsedAt = row.leaseUntil ?? new Date(row.createdAt.getTime() + leaseMs);
      if (lapsedAt > now) return 'held';
      // Compare-and-set on the old lease: of several retries, one takes over.
      const taken = await db.idempotencyKey.updateMany({
        where: { scope, key, status: IN_PROGRESS, leaseUntil: row.leaseUntil },
        data: { leaseUntil },
      });
      return taken.count === 1 ? 'taken-over' : 'held';
    },

    /** Keeps a live request's claim; false when it was lost (settled or taken over). */
    async renew(scope: string, key: string, leaseMs: number): Promise<boolean> {
      const r = await db.idempotencyKey.updateMany({ where: { scope, key, status: IN_PROGRESS }, data: { leaseUntil: new Date(Date.now() + leaseMs) } });
      return r.count === 1;
    },

    async complete(scope: string, key: string, status: number, body: unknown): Promise<void> {
      await db.idempotencyKey.update({ where: { scope_key: { scope, key } }, data: { status, body: toJson(body ?? null), leaseUntil: null } });
    },

    /** Lets the key go (the request failed on our side), so a retry does the work for real. */
    async release(scope: string, key: string): Promise<void> {
      await db.idempotencyKey.deleteMany({ where: { scope, key, status: IN_PROGRESS } });
    },
  };
}
export type IdempotencyRepository = ReturnType<typeof createIdempotencyRepository>;
