import type { Db } from '../client';

export function createIdempotencyRepository(db: Db) {
  return {
    find: (scope: string, key: string) => db.idempotencyKey.findUnique({ where: { scope_key: { scope, key } } }),
    async save(scope: string, key: string, requestHash: string, status: number, body: unknown): Promise<void> {
      // A concurrent twin may have saved first; its answer stands.
      await db.idempotencyKey.upsert({
        where: { scope_key: { scope, key } },
        create: { scope, key, requestHash, status, body: body as object },
        update: {},
      });
    },
  };
}
export type IdempotencyRepository = ReturnType<typeof createIdempotencyRepository>;
