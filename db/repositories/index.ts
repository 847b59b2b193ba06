import type { Db } from '../client';
import { createAuditRepository } from './audit.repository';
import { createCalendarRepository } from './calendar.repository';
import { createCasesRepository } from './cases.repository';
import { createCatalogRepository } from './catalog.repository';
import { createIdempotencyRepository } from './idempotency.repository';
import { createSignInRepository } from './sign-in.repository';
import { createUsersRepository } from './users.repository';

export function createRepositories(db: Db) {
  return {
    users: createUsersRepository(db),
    catalog: createCatalogRepository(db),
    cases: createCasesRepository(db),
    calendar: createCalendarRepository(db),
    audit: createAuditRepository(db),
    idempotency: createIdempotencyRepository(db),
    signIn: createSignInRepository(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
