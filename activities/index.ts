/**
 * createActivities(deps): every activity the workflows call, built over their
 * dependencies. Workflows import only the *type* below.
 */
import type { Db } from '../db/client';
import { createCalendarRepository } from '../db/repositories/calendar.repository';
import { createDeadlineActivities, createPlanAhead } from './deadline.activities';
import { createProjectionActivities } from './projection.activities';
import { createItProjectActivities } from './it-project.activities';

/** What the activities need besides the database. */
export interface ActivityDeps {
  /**
   * The audit log's HMAC key, the same as the API's (config/audit-key.ts): the
   * projection appends audit entries in its own transaction (db/repositories/audit.repository.ts `appendAuditEntryWithin`).
   */
  auditKey: Buffer;
}

export function createActivities(db: Db, deps: ActivityDeps) {
  const calendar = createCalendarRepository(db);
  const publishedYears = () => calendar.publishedYears();
  return {
    ...createProjectionActivities(db, deps.auditKey, createPlanAhead(publishedYears)),
    ...createDeadlineActivities(publishedYears),
    ...createItProjectActivities(db),
  };
}

export type WorkflowActivities = ReturnType<typeof createActivities>;
