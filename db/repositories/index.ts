import type { Db } from '../client';
import { createAuditRepository } from './audit.repository';
import { createCalendarRepository } from './calendar.repository';
import { createCasesRepository } from './cases.repository';
import { createCaseStartRepository } from './case-start.repository';
import { createCatalogRepository } from './catalog.repository';
import { createIdempotencyRepository } from './idempotency.repository';
import { createRequestEffectsRepository } from './request-effects.repository';
import { createStuckCasesRepository } from './stuck-cases.repository';
import { createUsersRepository } from './users.repository';

export function createRepositories(db: Db) {
  return {
    users: createUsersRepository(db),
    catalog: createCatalogRepository(db),
    cases: createCasesRepository(db),
    calendar: createCalendarRepository(db),
    audit: createAuditRepository(db),
    idempotency: createIdempotencyRepository(db),
    caseStarts: createCaseStartRepository(db),
    stuckCases: createStuckCasesRepository(db),
    requestEffects: createRequestEffectsRepository(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
