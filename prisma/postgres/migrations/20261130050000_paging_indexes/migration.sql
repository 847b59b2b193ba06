-- Written by hand: Prisma's JS schema engine cannot diff PostgreSQL schemas here.
-- Mirrors prisma/migrations/20261130050000_paging_indexes for PostgreSQL.

-- CreateIndex
CREATE INDEX "Case_createdAt_id_idx" ON "Case"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Case_applicantOrgId_createdAt_id_idx" ON "Case"("applicantOrgId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Task_assigneeOrgId_assigneeRole_status_dueAt_createdAt_id_idx" ON "Task"("assigneeOrgId", "assigneeRole", "status", "dueAt", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Task_assigneeOrgId_assigneeRole_status_completedAt_id_idx" ON "Task"("assigneeOrgId", "assigneeRole", "status", "completedAt", "id");

-- CreateIndex
CREATE INDEX "Task_assigneeOrgId_caseId_idx" ON "Task"("assigneeOrgId", "caseId");
