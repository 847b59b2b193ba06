import type { Principal } from '../domain/auth/principal';

declare global {
  namespace Express {
    interface Request {
      principal?: Principal | null;
    }
  }
}
export {};
