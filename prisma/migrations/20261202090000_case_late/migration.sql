-- Written by hand: the cases with a late task per party (issue #10 item 5; README "Performance";
-- db/repositories/case-late-sql.ts). GET /cases?overdue=true walked the cases newest first asking each for a late
-- task: for an organisation with few of the city's cases that read most of them. CaseLateParty holds, per case with
-- an open task its workflow marked overdue, a row for the city ('') and for each party that sees it late (the task's
-- organisation, the applicant), in list order by (orgId, caseCreatedAt, caseId). The tasks past their deadline and not
-- yet marked (seconds, normally) come from Task_open_overdueSince_idx. Triggers on Task keep it in the transaction that
-- writes the task; the trigger and backfill text is what case-late-sql.ts writes (caseLateTriggerSql, caseLateBackfillSql).

CREATE TABLE "CaseLateParty" (
    "caseId" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "caseCreatedAt" DATETIME NOT NULL,
    "lateTasks" INTEGER NOT NULL,

    PRIMARY KEY ("caseId", "orgId")
);

CREATE INDEX "CaseLateParty_orgId_caseCreatedAt_caseId_idx" ON "CaseLateParty"("orgId", "caseCreatedAt", "caseId");

CREATE TRIGGER "Task_case_late_insert" AFTER INSERT ON "Task" WHEN NEW."status" = 'open' AND NEW."overdueSince" IS NOT NULL
BEGIN
  INSERT INTO "CaseLateParty" ("caseId", "orgId", "caseCreatedAt", "lateTasks") SELECT c."id", '', c."createdAt", 1 FROM "Case" c WHERE c."id" = NEW."caseId" AND NEW."status" = 'open' AND NEW."overdueSince" IS NOT NULL ON CONFLICT ("caseId", "orgId") DO UPDATE SET "lateTasks" = "CaseLateParty"."lateTasks" + 1;
  INSERT INTO "CaseLateParty" ("caseId", "orgId", "caseCreatedAt", "lateTasks") SELECT c."id", NEW."assigneeOrgId", c."createdAt", 1 FROM "Case" c WHERE c."id" = NEW."caseId" AND NEW."status" = 'open' AND NEW."overdueSince" IS NOT NULL ON CONFLICT ("caseId", "orgId") DO UPDATE SET "lateTasks" = "CaseLateParty"."lateTasks" + 1;
  INSERT INTO "CaseLateParty" ("caseId", "orgId", "caseCreatedAt", "lateTasks") SELECT c."id", c."applicantOrgId", c."createdAt", 1 FROM "Case" c WHERE c."id" = NEW."caseId" AND NEW."status" = 'open' AND NEW."overdueSince" IS NOT NULL ON CONFLICT ("caseId", "orgId") DO UPDATE SET "lateTasks" = "CaseLateParty"."lateTasks" + 1;
END;

CREATE TRIGGER "Task_case_late_delete" AFTER DELETE ON "Task" WHEN OLD."status" = 'open' AND OLD."overdueSince" IS NOT NULL
BEGIN
  UPDATE "CaseLateParty" SET "lateTasks" = "lateTasks" - 1 WHERE "caseId" = OLD."caseId" AND "orgId" = '' AND OLD."status" = 'open' AND OLD."overdueSince" IS NOT NULL;
  UPDATE "CaseLateParty" SET "lateTasks" = "lateTasks" - 1 WHERE "caseId" = OLD."caseId" AND "orgId" = OLD."assigneeOrgId" AND OLD."status" = 'open' AND OLD."overdueSince" IS NOT NULL;
  UPDATE "CaseLateParty" SET "lateTasks" = "lateTasks" - 1 WHERE "caseId" = OLD."caseId" AND "orgId" = (SELECT c."applicantOrgId" FROM "Case" c WHERE c."id" = OLD."caseId") AND OLD."status" = 'open' AND OLD."overdueSince" IS NOT NULL;
  DELETE FROM "CaseLateParty" WHERE "caseId" = OLD."caseId" AND "lateTasks" <= 0;
END;

CREATE TRIGGER "Task_case_late_update" AFTER UPDATE OF "status", "overdueSince", "assigneeOrgId", "caseId" ON "Task" WHEN (OLD."status" = 'open' AND OLD."overdueSince" IS NOT NULL) <> (NEW."status" = 'open' AND NEW."overdueSince" IS NOT NULL) OR (OLD."status" = 'open' AND OLD."overdueSince" IS NOT NULL AND (OLD."assigneeOrgId" <> NEW."assigneeOrgId" OR OLD."caseId" <> NEW."caseId"))
BEGIN
  UPDATE "CaseLateParty" SET "lateTasks" = "lateTasks" - 1 WHERE "caseId" = OLD."caseId" AND "orgId" = '' AND OLD."status" = 'open' AND OLD."overdueSince" IS NOT NULL;
  UPDATE "CaseLateParty" SET "lateTasks" = "lateTasks" - 1 WHERE "caseId" = OLD."caseId" AND "orgId" = OLD."assigneeOrgId" AND OLD."status" = 'open' AND OLD."overdueSince" IS NOT NULL;
  UPDATE "CaseLateParty" SET "lateTasks" = "lateTasks" - 1 WHERE "caseId" = OLD."caseId" AND "orgId" = (SELECT c."applicantOrgId" FROM "Case" c WHERE c."id" = OLD."caseId") AND OLD."status" = 'open' AND OLD."overdueSince" IS NOT NULL;
  DELETE FROM "CaseLateParty" WHERE "caseId" = OLD."caseId" AND "lateTasks" <= 0;
  INSERT INTO "CaseLateParty" ("caseId", "orgId", "caseCreatedAt", "lateTasks") SELECT c."id", '', c."createdAt", 1 FROM "Case" c WHERE c."id" = NEW."caseId" AND NEW."status" = 'open' AND NEW."overdueSince" IS NOT NULL ON CONFLICT ("caseId", "orgId") DO UPDATE SET "lateTasks" = "CaseLateParty"."lateTasks" + 1;
  INSERT INTO "CaseLateParty" ("caseId", "orgId", "caseCreatedAt", "lateTasks") SELECT c."id", NEW."assigneeOrgId", c."createdAt", 1 FROM "Case" c WHERE c."id" = NEW."caseId" AND NEW."status" = 'open' AND NEW."overdueSince" IS NOT NULL ON CONFLICT ("caseId", "orgId") DO UPDATE SET "lateTasks" = "CaseLateParty"."lateTasks" + 1;
  INSERT INTO "CaseLateParty" ("caseId", "orgId", "caseCreatedAt", "lateTasks") SELECT c."id", c."applicantOrgId", c."createdAt", 1 FROM "Case" c WHERE c."id" = NEW."caseId" AND NEW."status" = 'open' AND NEW."overdueSince" IS NOT NULL ON CONFLICT ("caseId", "orgId") DO UPDATE SET "lateTasks" = "CaseLateParty"."lateTasks" + 1;
END;

CREATE TRIGGER "Case_case_late_update" AFTER UPDATE OF "createdAt", "applicantOrgId" ON "Case" WHEN OLD."createdAt" <> NEW."createdAt" OR OLD."applicantOrgId" <> NEW."applicantOrgId"
BEGIN
  DELETE FROM "CaseLateParty" WHERE "caseId" = NEW."id";
  INSERT INTO "CaseLateParty" ("caseId", "orgId", "caseCreatedAt", "lateTasks") SELECT c."id", p."orgId", c."createdAt", COUNT(*) FROM (SELECT t."caseId", '' AS "orgId" FROM "Task" t WHERE t."status" = 'open' AND t."overdueSince" IS NOT NULL UNION ALL SELECT t."caseId", t."assigneeOrgId" FROM "Task" t WHERE t."status" = 'open' AND t."overdueSince" IS NOT NULL UNION ALL SELECT t."caseId", a."applicantOrgId" FROM "Task" t JOIN "Case" a ON a."id" = t."caseId" WHERE t."status" = 'open' AND t."overdueSince" IS NOT NULL) p JOIN "Case" c ON c."id" = p."caseId" WHERE c."id" = NEW."id" GROUP BY c."id", p."orgId", c."createdAt";
END;

INSERT INTO "CaseLateParty" ("caseId", "orgId", "caseCreatedAt", "lateTasks") SELECT c."id", p."orgId", c."createdAt", COUNT(*) FROM (SELECT t."caseId", '' AS "orgId" FROM "Task" t WHERE t."status" = 'open' AND t."overdueSince" IS NOT NULL UNION ALL SELECT t."caseId", t."assigneeOrgId" FROM "Task" t WHERE t."status" = 'open' AND t."overdueSince" IS NOT NULL UNION ALL SELECT t."caseId", a."applicantOrgId" FROM "Task" t JOIN "Case" a ON a."id" = t."caseId" WHERE t."status" = 'open' AND t."overdueSince" IS NOT NULL) p JOIN "Case" c ON c."id" = p."caseId" GROUP BY c."id", p."orgId", c."createdAt";
