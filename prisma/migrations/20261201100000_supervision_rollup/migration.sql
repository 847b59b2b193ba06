-- Written by hand: the supervision rollup (issue #10 item 5; README "Performance"; db/repositories/supervision-rollup*.ts).
-- GET /stats/supervision reads (days × organisations) rows instead of every task and case of the period:
--   SupervisionDay        tasks answered per Shanghai day and organisation (count, on time, working days to answer),
--   SupervisionOpenDue    open tasks per Shanghai day of the deadline and organisation (and how many marked overdue),
--   SupervisionReportDay  problem reports per Shanghai day filed and provider ('' = the city's total, each case once).
-- Triggers on Task (and on Case for a report's type, filing time and closed status) keep them in the transaction that
-- writes the row, whoever writes it (the projection, a test, the bench's bulk INSERTs). A task counts as answered while
-- it is done with a time of answer, so a retried or replayed close (done → done) changes nothing and a cancelled task
-- never counts. Working days come from SupervisionCalendarYear, which prepareDatabase fills from the calendar before it
-- rebuilds SupervisionDay from the Task rows (that backfill needs the calendar, so it is TypeScript, not this file);
-- publishing or withdrawing a year rewrites both. The other two are backfilled at the end of this file.
-- The trigger and backfill text is what db/repositories/supervision-rollup-sql.ts writes (triggerSql, backfillSql).

-- WITHOUT ROWID: each rollup is read by a range of its key (days), so the rows are stored in key order.
CREATE TABLE "SupervisionDay" (
    "day" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "answered" INTEGER NOT NULL,
    "onTime" INTEGER NOT NULL,
    "workingDays" INTEGER,

    PRIMARY KEY ("day", "orgId")
) WITHOUT ROWID;

CREATE TABLE "SupervisionOpenDue" (
    "day" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "open" INTEGER NOT NULL,
    "marked" INTEGER NOT NULL,

    PRIMARY KEY ("day", "orgId")
) WITHOUT ROWID;

CREATE TABLE "SupervisionReportDay" (
    "day" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "received" INTEGER NOT NULL,
    "closed" INTEGER NOT NULL,

    PRIMARY KEY ("day", "orgId")
) WITHOUT ROWID;

CREATE TABLE "SupervisionCalendarYear" (
    "year" INTEGER NOT NULL PRIMARY KEY,
    "before" INTEGER NOT NULL,
    "days" TEXT NOT NULL
);

-- The cases put on the problem list in a period: escalation entries by time, from the index alone.
CREATE INDEX "HistoryEntry_action_at_caseId_idx" ON "HistoryEntry"("action", "at", "caseId");

CREATE TRIGGER "Task_supervision_insert" AFTER INSERT ON "Task" WHEN NEW."status" = 'done' AND NEW."completedAt" IS NOT NULL
BEGIN
  INSERT INTO "SupervisionDay" ("day", "orgId", "answered", "onTime", "workingDays") SELECT date(NEW."completedAt", '+8 hours'), NEW."assigneeOrgId", 1, (CASE WHEN (NEW."dueAt" IS NOT NULL AND NEW."completedAt" <= NEW."dueAt") OR (NEW."dueAt" IS NULL AND NEW."overdueSince" IS NULL) THEN 1 ELSE 0 END), (CASE WHEN date(NEW."completedAt", '+8 hours') > date(NEW."createdAt", '+8 hours') THEN (SELECT cy."before" + length(replace(substr(cy."days", 1, CAST(strftime('%j', NEW."completedAt", '+8 hours') AS INTEGER)), '0', '')) FROM "SupervisionCalendarYear" cy WHERE cy."year" = CAST(strftime('%Y', NEW."completedAt", '+8 hours') AS INTEGER)) - (SELECT cy."before" + length(replace(substr(cy."days", 1, CAST(strftime('%j', NEW."createdAt", '+8 hours') AS INTEGER)), '0', '')) FROM "SupervisionCalendarYear" cy WHERE cy."year" = CAST(strftime('%Y', NEW."createdAt", '+8 hours') AS INTEGER)) ELSE 0 END) WHERE NEW."status" = 'done' AND NEW."completedAt" IS NOT NULL ON CONFLICT ("day", "orgId") DO UPDATE SET "answered" = "SupervisionDay"."answered" + excluded."answered", "onTime" = "SupervisionDay"."onTime" + excluded."onTime", "workingDays" = "SupervisionDay"."workingDays" + excluded."workingDays";
END;

CREATE TRIGGER "Task_supervision_delete" AFTER DELETE ON "Task" WHEN OLD."status" = 'done' AND OLD."completedAt" IS NOT NULL
BEGIN
  INSERT INTO "SupervisionDay" ("day", "orgId", "answered", "onTime", "workingDays") SELECT date(OLD."completedAt", '+8 hours'), OLD."assigneeOrgId", -1, -(CASE WHEN (OLD."dueAt" IS NOT NULL AND OLD."completedAt" <= OLD."dueAt") OR (OLD."dueAt" IS NULL AND OLD."overdueSince" IS NULL) THEN 1 ELSE 0 END), -(CASE WHEN date(OLD."completedAt", '+8 hours') > date(OLD."createdAt", '+8 hours') THEN (SELECT cy."before" + length(replace(substr(cy."days", 1, CAST(strftime('%j', OLD."completedAt", '+8 hours') AS INTEGER)), '0', '')) FROM "SupervisionCalendarYear" cy WHERE cy."year" = CAST(strftime('%Y', OLD."completedAt", '+8 hours') AS INTEGER)) - (SELECT cy."before" + length(replace(substr(cy."days", 1, CAST(strftime('%j', OLD."createdAt", '+8 hours') AS INTEGER)), '0', '')) FROM "SupervisionCalendarYear" cy WHERE cy."year" = CAST(strftime('%Y', OLD."createdAt", '+8 hours') AS INTEGER)) ELSE 0 END) WHERE OLD."status" = 'done' AND OLD."completedAt" IS NOT NULL ON CONFLICT ("day", "orgId") DO UPDATE SET "answered" = "SupervisionDay"."answered" + excluded."answered", "onTime" = "SupervisionDay"."onTime" + excluded."onTime", "workingDays" = "SupervisionDay"."workingDays" + excluded."workingDays";
END;

CREATE TRIGGER "Task_supervision_update" AFTER UPDATE OF "status", "completedAt", "createdAt", "dueAt", "overdueSince", "assigneeOrgId" ON "Task" WHEN (OLD."status" = 'done' AND OLD."completedAt" IS NOT NULL) OR (NEW."status" = 'done' AND NEW."completedAt" IS NOT NULL)
BEGIN
  INSERT INTO "SupervisionDay" ("day", "orgId", "answered", "onTime", "workingDays") SELECT date(OLD."completedAt", '+8 hours'), OLD."assigneeOrgId", -1, -(CASE WHEN (OLD."dueAt" IS NOT NULL AND OLD."completedAt" <= OLD."dueAt") OR (OLD."dueAt" IS NULL AND OLD."overdueSince" IS NULL) THEN 1 ELSE 0 END), -(CASE WHEN date(OLD."completedAt", '+8 hours') > date(OLD."createdAt", '+8 hours') THEN (SELECT cy."before" + length(replace(substr(cy."days", 1, CAST(strftime('%j', OLD."completedAt", '+8 hours') AS INTEGER)), '0', '')) FROM "SupervisionCalendarYear" cy WHERE cy."year" = CAST(strftime('%Y', OLD."completedAt", '+8 hours') AS INTEGER)) - (SELECT cy."before" + length(replace(substr(cy."days", 1, CAST(strftime('%j', OLD."createdAt", '+8 hours') AS INTEGER)), '0', '')) FROM "SupervisionCalendarYear" cy WHERE cy."year" = CAST(strftime('%Y', OLD."createdAt", '+8 hours') AS INTEGER)) ELSE 0 END) WHERE OLD."status" = 'done' AND OLD."completedAt" IS NOT NULL ON CONFLICT ("day", "orgId") DO UPDATE SET "answered" = "SupervisionDay"."answered" + excluded."answered", "onTime" = "SupervisionDay"."onTime" + excluded."onTime", "workingDays" = "SupervisionDay"."workingDays" + excluded."workingDays";
  INSERT INTO "SupervisionDay" ("day", "orgId", "answered", "onTime", "workingDays") SELECT date(NEW."completedAt", '+8 hours'), NEW."assigneeOrgId", 1, (CASE WHEN (NEW."dueAt" IS NOT NULL AND NEW."completedAt" <= NEW."dueAt") OR (NEW."dueAt" IS NULL AND NEW."overdueSince" IS NULL) THEN 1 ELSE 0 END), (CASE WHEN date(NEW."completedAt", '+8 hours') > date(NEW."createdAt", '+8 hours') THEN (SELECT cy."before" + length(replace(substr(cy."days", 1, CAST(strftime('%j', NEW."completedAt", '+8 hours') AS INTEGER)), '0', '')) FROM "SupervisionCalendarYear" cy WHERE cy."year" = CAST(strftime('%Y', NEW."completedAt", '+8 hours') AS INTEGER)) - (SELECT cy."before" + length(replace(substr(cy."days", 1, CAST(strftime('%j', NEW."createdAt", '+8 hours') AS INTEGER)), '0', '')) FROM "SupervisionCalendarYear" cy WHERE cy."year" = CAST(strftime('%Y', NEW."createdAt", '+8 hours') AS INTEGER)) ELSE 0 END) WHERE NEW."status" = 'done' AND NEW."completedAt" IS NOT NULL ON CONFLICT ("day", "orgId") DO UPDATE SET "answered" = "SupervisionDay"."answered" + excluded."answered", "onTime" = "SupervisionDay"."onTime" + excluded."onTime", "workingDays" = "SupervisionDay"."workingDays" + excluded."workingDays";
END;

CREATE TRIGGER "Task_open_due_insert" AFTER INSERT ON "Task" WHEN NEW."status" = 'open' AND NEW."dueAt" IS NOT NULL
BEGIN
  INSERT INTO "SupervisionOpenDue" ("day", "orgId", "open", "marked") SELECT date(NEW."dueAt", '+8 hours'), NEW."assigneeOrgId", 1, (CASE WHEN NEW."overdueSince" IS NOT NULL THEN 1 ELSE 0 END) WHERE NEW."status" = 'open' AND NEW."dueAt" IS NOT NULL ON CONFLICT ("day", "orgId") DO UPDATE SET "open" = "SupervisionOpenDue"."open" + excluded."open", "marked" = "SupervisionOpenDue"."marked" + excluded."marked";
END;

CREATE TRIGGER "Task_open_due_delete" AFTER DELETE ON "Task" WHEN OLD."status" = 'open' AND OLD."dueAt" IS NOT NULL
BEGIN
  INSERT INTO "SupervisionOpenDue" ("day", "orgId", "open", "marked") SELECT date(OLD."dueAt", '+8 hours'), OLD."assigneeOrgId", -1, -(CASE WHEN OLD."overdueSince" IS NOT NULL THEN 1 ELSE 0 END) WHERE OLD."status" = 'open' AND OLD."dueAt" IS NOT NULL ON CONFLICT ("day", "orgId") DO UPDATE SET "open" = "SupervisionOpenDue"."open" + excluded."open", "marked" = "SupervisionOpenDue"."marked" + excluded."marked";
  DELETE FROM "SupervisionOpenDue" WHERE "day" = date(OLD."dueAt", '+8 hours') AND "orgId" = OLD."assigneeOrgId" AND "open" = 0;
END;

CREATE TRIGGER "Task_open_due_update" AFTER UPDATE OF "status", "dueAt", "overdueSince", "assigneeOrgId" ON "Task" WHEN (OLD."status" = 'open' AND OLD."dueAt" IS NOT NULL) OR (NEW."status" = 'open' AND NEW."dueAt" IS NOT NULL)
BEGIN
  INSERT INTO "SupervisionOpenDue" ("day", "orgId", "open", "marked") SELECT date(NEW."dueAt", '+8 hours'), NEW."assigneeOrgId", 1, (CASE WHEN NEW."overdueSince" IS NOT NULL THEN 1 ELSE 0 END) WHERE NEW."status" = 'open' AND NEW."dueAt" IS NOT NULL ON CONFLICT ("day", "orgId") DO UPDATE SET "open" = "SupervisionOpenDue"."open" + excluded."open", "marked" = "SupervisionOpenDue"."marked" + excluded."marked";
  INSERT INTO "SupervisionOpenDue" ("day", "orgId", "open", "marked") SELECT date(OLD."dueAt", '+8 hours'), OLD."assigneeOrgId", -1, -(CASE WHEN OLD."overdueSince" IS NOT NULL THEN 1 ELSE 0 END) WHERE OLD."status" = 'open' AND OLD."dueAt" IS NOT NULL ON CONFLICT ("day", "orgId") DO UPDATE SET "open" = "SupervisionOpenDue"."open" + excluded."open", "marked" = "SupervisionOpenDue"."marked" + excluded."marked";
  DELETE FROM "SupervisionOpenDue" WHERE "day" = date(OLD."dueAt", '+8 hours') AND "orgId" = OLD."assigneeOrgId" AND "open" = 0;
END;

CREATE TRIGGER "Task_problem_reports_insert" AFTER INSERT ON "Task" WHEN NEW."assigneeRole" = 'provider-reviewer'
BEGIN
  INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT date(c."createdAt", '+8 hours'), NEW."assigneeOrgId", 1, (CASE WHEN c."status" = 'closed' THEN 1 ELSE 0 END) FROM "Case" c WHERE c."id" = NEW."caseId" AND c."type" = 'problem-data' AND NEW."assigneeRole" = 'provider-reviewer' AND NOT EXISTS (SELECT 1 FROM "Task" o WHERE o."caseId" = NEW."caseId" AND o."assigneeRole" = 'provider-reviewer' AND o."assigneeOrgId" = NEW."assigneeOrgId" AND o."id" <> NEW."id") ON CONFLICT ("day", "orgId") DO UPDATE SET "received" = "SupervisionReportDay"."received" + excluded."received", "closed" = "SupervisionReportDay"."closed" + excluded."closed";
  INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT date(c."createdAt", '+8 hours'), '', 1, (CASE WHEN c."status" = 'closed' THEN 1 ELSE 0 END) FROM "Case" c WHERE c."id" = NEW."caseId" AND c."type" = 'problem-data' AND NEW."assigneeRole" = 'provider-reviewer' AND NOT EXISTS (SELECT 1 FROM "Task" o WHERE o."caseId" = NEW."caseId" AND o."assigneeRole" = 'provider-reviewer' AND o."id" <> NEW."id") ON CONFLICT ("day", "orgId") DO UPDATE SET "received" = "SupervisionReportDay"."received" + excluded."received", "closed" = "SupervisionReportDay"."closed" + excluded."closed";
END;

CREATE TRIGGER "Task_problem_reports_delete" AFTER DELETE ON "Task" WHEN OLD."assigneeRole" = 'provider-reviewer'
BEGIN
  INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT date(c."createdAt", '+8 hours'), OLD."assigneeOrgId", -1, -(CASE WHEN c."status" = 'closed' THEN 1 ELSE 0 END) FROM "Case" c WHERE c."id" = OLD."caseId" AND c."type" = 'problem-data' AND OLD."assigneeRole" = 'provider-reviewer' AND NOT EXISTS (SELECT 1 FROM "Task" o WHERE o."caseId" = OLD."caseId" AND o."assigneeRole" = 'provider-reviewer' AND o."assigneeOrgId" = OLD."assigneeOrgId" AND o."id" <> OLD."id") ON CONFLICT ("day", "orgId") DO UPDATE SET "received" = "SupervisionReportDay"."received" + excluded."received", "closed" = "SupervisionReportDay"."closed" + excluded."closed";
  INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT date(c."createdAt", '+8 hours'), '', -1, -(CASE WHEN c."status" = 'closed' THEN 1 ELSE 0 END) FROM "Case" c WHERE c."id" = OLD."caseId" AND c."type" = 'problem-data' AND OLD."assigneeRole" = 'provider-reviewer' AND NOT EXISTS (SELECT 1 FROM "Task" o WHERE o."caseId" = OLD."caseId" AND o."assigneeRole" = 'provider-reviewer' AND o."id" <> OLD."id") ON CONFLICT ("day", "orgId") DO UPDATE SET "received" = "SupervisionReportDay"."received" + excluded."received", "closed" = "SupervisionReportDay"."closed" + excluded."closed";
END;

CREATE TRIGGER "Task_problem_reports_update" AFTER UPDATE OF "caseId", "assigneeOrgId", "assigneeRole" ON "Task" WHEN OLD."caseId" <> NEW."caseId" OR OLD."assigneeOrgId" <> NEW."assigneeOrgId" OR OLD."assigneeRole" <> NEW."assigneeRole"
BEGIN
  INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT date(c."createdAt", '+8 hours'), OLD."assigneeOrgId", -1, -(CASE WHEN c."status" = 'closed' THEN 1 ELSE 0 END) FROM "Case" c WHERE c."id" = OLD."caseId" AND c."type" = 'problem-data' AND OLD."assigneeRole" = 'provider-reviewer' AND NOT EXISTS (SELECT 1 FROM "Task" o WHERE o."caseId" = OLD."caseId" AND o."assigneeRole" = 'provider-reviewer' AND o."assigneeOrgId" = OLD."assigneeOrgId" AND o."id" <> OLD."id") ON CONFLICT ("day", "orgId") DO UPDATE SET "received" = "SupervisionReportDay"."received" + excluded."received", "closed" = "SupervisionReportDay"."closed" + excluded."closed";
  INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT date(c."createdAt", '+8 hours'), '', -1, -(CASE WHEN c."status" = 'closed' THEN 1 ELSE 0 END) FROM "Case" c WHERE c."id" = OLD."caseId" AND c."type" = 'problem-data' AND OLD."assigneeRole" = 'provider-reviewer' AND NOT EXISTS (SELECT 1 FROM "Task" o WHERE o."caseId" = OLD."caseId" AND o."assigneeRole" = 'provider-reviewer' AND o."id" <> OLD."id") ON CONFLICT ("day", "orgId") DO UPDATE SET "received" = "SupervisionReportDay"."received" + excluded."received", "closed" = "SupervisionReportDay"."closed" + excluded."closed";
  INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT date(c."createdAt", '+8 hours'), NEW."assigneeOrgId", 1, (CASE WHEN c."status" = 'closed' THEN 1 ELSE 0 END) FROM "Case" c WHERE c."id" = NEW."caseId" AND c."type" = 'problem-data' AND NEW."assigneeRole" = 'provider-reviewer' AND NOT EXISTS (SELECT 1 FROM "Task" o WHERE o."caseId" = NEW."caseId" AND o."assigneeRole" = 'provider-reviewer' AND o."assigneeOrgId" = NEW."assigneeOrgId" AND o."id" <> NEW."id") ON CONFLICT ("day", "orgId") DO UPDATE SET "received" = "SupervisionReportDay"."received" + excluded."received", "closed" = "SupervisionReportDay"."closed" + excluded."closed";
  INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT date(c."createdAt", '+8 hours'), '', 1, (CASE WHEN c."status" = 'closed' THEN 1 ELSE 0 END) FROM "Case" c WHERE c."id" = NEW."caseId" AND c."type" = 'problem-data' AND NEW."assigneeRole" = 'provider-reviewer' AND NOT EXISTS (SELECT 1 FROM "Task" o WHERE o."caseId" = NEW."caseId" AND o."assigneeRole" = 'provider-reviewer' AND o."id" <> NEW."id") ON CONFLICT ("day", "orgId") DO UPDATE SET "received" = "SupervisionReportDay"."received" + excluded."received", "closed" = "SupervisionReportDay"."closed" + excluded."closed";
END;

CREATE TRIGGER "Case_problem_reports_update" AFTER UPDATE OF "status", "type", "createdAt" ON "Case" WHEN (OLD."type" = 'problem-data' OR NEW."type" = 'problem-data') AND ((CASE WHEN OLD."status" = 'closed' THEN 1 ELSE 0 END) <> (CASE WHEN NEW."status" = 'closed' THEN 1 ELSE 0 END) OR OLD."type" <> NEW."type" OR OLD."createdAt" <> NEW."createdAt")
BEGIN
  INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT date(OLD."createdAt", '+8 hours'), t."assigneeOrgId", -1, -(CASE WHEN OLD."status" = 'closed' THEN 1 ELSE 0 END) FROM "Task" t WHERE t."caseId" = OLD."id" AND t."assigneeRole" = 'provider-reviewer' AND OLD."type" = 'problem-data' GROUP BY t."assigneeOrgId" ON CONFLICT ("day", "orgId") DO UPDATE SET "received" = "SupervisionReportDay"."received" + excluded."received", "closed" = "SupervisionReportDay"."closed" + excluded."closed";
  INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT date(OLD."createdAt", '+8 hours'), '', -1, -(CASE WHEN OLD."status" = 'closed' THEN 1 ELSE 0 END) WHERE OLD."type" = 'problem-data' AND EXISTS (SELECT 1 FROM "Task" t WHERE t."caseId" = OLD."id" AND t."assigneeRole" = 'provider-reviewer') ON CONFLICT ("day", "orgId") DO UPDATE SET "received" = "SupervisionReportDay"."received" + excluded."received", "closed" = "SupervisionReportDay"."closed" + excluded."closed";
  INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT date(NEW."createdAt", '+8 hours'), t."assigneeOrgId", 1, (CASE WHEN NEW."status" = 'closed' THEN 1 ELSE 0 END) FROM "Task" t WHERE t."caseId" = NEW."id" AND t."assigneeRole" = 'provider-reviewer' AND NEW."type" = 'problem-data' GROUP BY t."assigneeOrgId" ON CONFLICT ("day", "orgId") DO UPDATE SET "received" = "SupervisionReportDay"."received" + excluded."received", "closed" = "SupervisionReportDay"."closed" + excluded."closed";
  INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT date(NEW."createdAt", '+8 hours'), '', 1, (CASE WHEN NEW."status" = 'closed' THEN 1 ELSE 0 END) WHERE NEW."type" = 'problem-data' AND EXISTS (SELECT 1 FROM "Task" t WHERE t."caseId" = NEW."id" AND t."assigneeRole" = 'provider-reviewer') ON CONFLICT ("day", "orgId") DO UPDATE SET "received" = "SupervisionReportDay"."received" + excluded."received", "closed" = "SupervisionReportDay"."closed" + excluded."closed";
END;

-- The backfill of the open deadlines and the problem reports (SupervisionDay's needs the calendar: prepareDatabase).
INSERT INTO "SupervisionOpenDue" ("day", "orgId", "open", "marked") SELECT date(t."dueAt", '+8 hours'), t."assigneeOrgId", COUNT(*), SUM(CASE WHEN t."overdueSince" IS NOT NULL THEN 1 ELSE 0 END) FROM "Task" t WHERE t."status" = 'open' AND t."dueAt" IS NOT NULL GROUP BY 1, 2;

INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT "day", "orgId", COUNT(*), SUM("closed") FROM (SELECT DISTINCT date(c."createdAt", '+8 hours') AS "day", t."assigneeOrgId" AS "orgId", c."id", CASE WHEN c."status" = 'closed' THEN 1 ELSE 0 END AS "closed" FROM "Case" c JOIN "Task" t ON t."caseId" = c."id" AND t."assigneeRole" = 'provider-reviewer' WHERE c."type" = 'problem-data') AS p GROUP BY "day", "orgId";

INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT date(c."createdAt", '+8 hours'), '', COUNT(*), SUM(CASE WHEN c."status" = 'closed' THEN 1 ELSE 0 END) FROM "Case" c WHERE c."type" = 'problem-data' AND EXISTS (SELECT 1 FROM "Task" t WHERE t."caseId" = c."id" AND t."assigneeRole" = 'provider-reviewer') GROUP BY 1;
