import type { Db } from '../client';
import { isUniqueViolation } from '../errors';
import { toJson } from '../json';


/** status 0 marks a key whose first request is still being processed. */
export const IN_PROGRESS = 0;

export function createIdempotencyRepository(db: Db) {
  return {
    find: (scope: string, key: string) => db.idempotencyKey.findUnique({ where: { scope_key: { scope, key } } }),

    /** Takes the key for this request; false when another request holds it already. */
    async claim(scope: string, key: string, requestHash: string): Promise<boolean> {
      try {
        await db.idempotencyKey.create({ data: { scope, key, requestHash, status: IN_PROGRESS, body: {} } });
        return true;
      } catch (e) {
        if (isUniqueViolation(e)) return false;
        throw e;
      }
    },

    async complete(scope: string, key: string, status: number, body: unknown): Promise<void> {
      await db.idempotencyKey.update({ where: { scope_key: { scope, key } }, data: { status, body: toJson(body ?? null) } });
    },

    /** Lets the key go (the request failed on our side), so a retry does the work for real. */
    async release(scope: string, key: string): Promise<void> {
      await db.idempotencyKey.deleteMany({ where: { scope, key, status: IN_PROGRESS } });
    },
  };
}
export type IdempotencyRepository = ReturnType<typeof createIdempotencyRepository>;
