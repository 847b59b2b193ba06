-- Written by hand: the case search at a city's scale (issue #10 item 5; README "Performance").
-- Mirrors prisma/migrations/20261201090000_case_search for PostgreSQL.
-- One row per distinct bigram (two code points, ASCII folded to lower case) of a case's id, title and applicant
-- organisation's name, keyed (term, createdAt, caseId): a search walks one bigram's range backwards, newest
-- first in the list's order.
CREATE TABLE "CaseSearchTerm" (
    "term" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "caseId" TEXT NOT NULL,

    CONSTRAINT "CaseSearchTerm_pkey" PRIMARY KEY ("term", "createdAt", "caseId")
);

-- The terms of the cases already filed, as domain/cases/search-terms.ts computes them: translate() folds
-- ASCII only (lower() would fold other letters too under some locales); substr counts characters.
INSERT INTO "CaseSearchTerm" ("term", "createdAt", "caseId")
SELECT DISTINCT substr(src."s", i, 2), src."createdAt", src."caseId"
FROM (
    SELECT "id" AS "caseId", "createdAt", "id" AS "s" FROM "Case"
    UNION ALL SELECT "id", "createdAt", "title" FROM "Case"
    UNION ALL SELECT c."id", c."createdAt", o."name" FROM "Case" c JOIN "Organisation" o ON o."id" = c."applicantOrgId"
) AS src0
CROSS JOIN LATERAL (SELECT src0."caseId", src0."createdAt", translate(src0."s", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') AS "s") AS src
CROSS JOIN LATERAL generate_series(1, char_length(src."s") - 1) AS i
ON CONFLICT DO NOTHING;

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
