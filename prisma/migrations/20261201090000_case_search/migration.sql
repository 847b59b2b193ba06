-- Written by hand: the case search at a city's scale (issue #10 item 5; README "Performance").
-- One row per distinct bigram (two code points, ASCII folded to lower case) of a case's id, title and applicant
-- organisation's name, keyed (term, createdAt, caseId): a search walks one bigram's range backwards, newest
-- first in the list's order. WITHOUT ROWID: the key is the table, no second copy of every row.
CREATE TABLE "CaseSearchTerm" (
    "term" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "caseId" TEXT NOT NULL,
    PRIMARY KEY ("term", "createdAt", "caseId")
) WITHOUT ROWID;

-- The terms of the cases already filed, as domain/cases/search-terms.ts computes them (SQLite's substr and
-- length count characters, its lower() folds ASCII only).
WITH RECURSIVE "src"("caseId", "createdAt", "s") AS (
    SELECT "id", "createdAt", lower("id") FROM "Case"
    UNION ALL SELECT "id", "createdAt", lower("title") FROM "Case"
    UNION ALL SELECT c."id", c."createdAt", lower(o."name") FROM "Case" c JOIN "Organisation" o ON o."id" = c."applicantOrgId"
), "pos"("caseId", "createdAt", "s", "i") AS (
    SELECT "caseId", "createdAt", "s", 1 FROM "src" WHERE length("s") >= 2
    UNION ALL SELECT "caseId", "createdAt", "s", "i" + 1 FROM "pos" WHERE "i" + 2 <= length("s")
)
INSERT OR IGNORE INTO "CaseSearchTerm" ("term", "createdAt", "caseId") SELECT substr("s", "i", 2), "createdAt", "caseId" FROM "pos";

-- The count of cases with a late task (GET /cases?overdue=true) reads late tasks until it has counted past its cap.
-- A provider's own late tasks, from the index alone (with Task(assigneeOrgId, createdAt) SQLite read all of its tasks).
-- Partial like Task_open_dueAt_idx (20261130130000_inbox_scale); not in prisma/schema.prisma.
CREATE INDEX "Task_open_assigneeOrgId_dueAt_idx" ON "Task"("assigneeOrgId", "dueAt", "caseId") WHERE "status" = 'open';

-- The cases with a late task, newest first (GET /cases?overdue=true): the page walks the cases in list order and asks
-- of each whether it has a late open task (of the provider's, for a provider). From the index alone: the open tasks
-- by case (partial, as the late-task indexes above), and the cases' order with their applicant.
CREATE INDEX "Task_open_caseId_idx" ON "Task"("caseId", "dueAt", "overdueSince", "assigneeOrgId") WHERE "status" = 'open';
DROP INDEX "Case_createdAt_id_idx";
CREATE INDEX "Case_createdAt_id_applicantOrgId_idx" ON "Case"("createdAt", "id", "applicantOrgId");
