-- Written by hand: indexes for supervision (GET /stats/supervision) and the problem list (GET /cases?problemList=true).

-- CreateIndex
CREATE INDEX "Case_problemList_createdAt_id_idx" ON "Case"("problemList", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Task_status_completedAt_idx" ON "Task"("status", "completedAt");

-- CreateIndex
CREATE INDEX "Task_createdAt_assigneeOrgId_idx" ON "Task"("createdAt", "assigneeOrgId");

-- CreateIndex
CREATE INDEX "Task_status_dueAt_assigneeOrgId_idx" ON "Task"("status", "dueAt", "assigneeOrgId");

-- CreateIndex
CREATE INDEX "Task_status_overdueSince_dueAt_assigneeOrgId_idx" ON "Task"("status", "overdueSince", "dueAt", "assigneeOrgId");
