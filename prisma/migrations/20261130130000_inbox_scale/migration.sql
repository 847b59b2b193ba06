-- Written by hand: case counts and supervision at a city's scale (issue #10 item 5; `npm run bench:inbox`,
-- README "Performance").

-- The overdue view (GET /tasks/overdue) in its order, most late first, with no sort: (dueAt, createdAt, id) of the open tasks.
CREATE INDEX "Task_status_dueAt_createdAt_id_idx" ON "Task"("status", "dueAt", "createdAt", "id");

-- Supervision: the tasks answered in a period, counted per organisation and day from the index alone.
DROP INDEX "Task_status_completedAt_idx";
CREATE INDEX "Task_answered_idx" ON "Task"("status", "completedAt", "assigneeOrgId", "createdAt", "dueAt", "overdueSince");

-- Supervision: whether an organisation received a task in the period, one seek per organisation.
DROP INDEX "Task_createdAt_assigneeOrgId_idx";
CREATE INDEX "Task_assigneeOrgId_createdAt_idx" ON "Task"("assigneeOrgId", "createdAt");

-- Supervision: the problem reports filed in a period (with their status) and their providers, from the indexes alone.
CREATE INDEX "Case_type_createdAt_status_id_idx" ON "Case"("type", "createdAt", "status", "id");
CREATE INDEX "Task_caseId_assigneeRole_assigneeOrgId_idx" ON "Task"("caseId", "assigneeRole", "assigneeOrgId");

-- The late open tasks with their organisation and case: the cases with a late task (GET /cases?overdue=true)
-- and supervision's open-overdue count. Partial (open tasks only), so only the queries written for them
-- (status = 'open' as a literal) can use them: with caseId in an ordinary (status, …) index, SQLite without
-- statistics preferred it to Task(caseId) for every "the open tasks of these cases" and read all open tasks.
-- Not in prisma/schema.prisma, which cannot express a partial index.
CREATE INDEX "Task_open_dueAt_idx" ON "Task"("dueAt", "assigneeOrgId", "caseId") WHERE "status" = 'open';
CREATE INDEX "Task_open_overdueSince_idx" ON "Task"("overdueSince", "dueAt", "assigneeOrgId", "caseId") WHERE "status" = 'open';
