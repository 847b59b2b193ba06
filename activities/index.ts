/**
 * createActivities(deps): every activity the workflows call, built over their
 * dependencies. Workflows import only the *type* below.
 */
import type { Db } from '../db/client';
import { createCalendarRepository } from '../db/repositories/calendar.repository';
import { createDeadlineActivities } from './deadline.activities';
import { createProjectionActivities } from './projection.activities';

export function createActivities(db: Db) {
  const calendar = createCalendarRepository(db);
  return {
    ...createProjectionActivities(db),
    ...createDeadlineActivities(() => calendar.publishedYears()),
  };
}

export type WorkflowActivities = ReturnType<typeof createActivities>;
