import type { Principal } from '../domain/auth/principal';

declare global {
  namespace Express {
    interface Request {
      principal?: Principal | null;
      /** POSTs: stable across retries of one Idempotency-Key, fresh otherwise (api/idempotency.ts). */
      requestId?: string;
      /** This request took over a key whose first holder died: the work may already have been done. */
      idempotentRetry?: boolean;
    }
  }
}
export {};
