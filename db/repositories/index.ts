import type { Db } from '../client';
import { createAgreementsRepository } from './agreements.repository';
import { createAuditRepository } from './audit.repository';
import { createCalendarRepository } from './calendar.repository';
import { createCasesRepository } from './cases.repository';
import { createCaseStartRepository } from './case-start.repository';
import { createCatalogRepository } from './catalog.repository';
import { createGrantAccessRepository } from './grant-access.repository';
import { createIdempotencyRepository } from './idempotency.repository';
import { createOpinionsRepository } from './opinions.repository';
import { createRequestEffectsRepository } from './request-effects.repository';
import { createStuckCasesRepository } from './stuck-cases.repository';
import { createSignInRepository } from './sign-in.repository';
import { createTaskClaimsRepository } from './task-claims.repository';
import { createSupervisionRepository } from './supervision.repository';
import { createUsersRepository } from './users.repository';

export interface RepositoryOptions {
  /** The audit log's HMAC key (config/audit-key.ts). */
  auditKey: Buffer;
}

export function createRepositories(db: Db, opts: RepositoryOptions) {
  return {
    users: createUsersRepository(db),
    catalog: createCatalogRepository(db),
    cases: createCasesRepository(db),
    calendar: createCalendarRepository(db),
    audit: createAuditRepository(db, { auditKey: opts.auditKey }),
    idempotency: createIdempotencyRepository(db),
    caseStarts: createCaseStartRepository(db),
    stuckCases: createStuckCasesRepository(db),
    requestEffects: createRequestEffectsRepository(db),
    signIn: createSignInRepository(db),
    grantAccess: createGrantAccessRepository(db, { auditKey: opts.auditKey }),
    agreements: createAgreementsRepository(db),
    taskClaims: createTaskClaimsRepository(db, { auditKey: opts.auditKey }),
    supervision: createSupervisionRepository(db),
    opinions: createOpinionsRepository(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
