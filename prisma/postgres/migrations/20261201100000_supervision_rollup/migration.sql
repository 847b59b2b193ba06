-- Written by hand: the supervision rollup (issue #10 item 5; README "Performance"; db/repositories/supervision-rollup*.ts).
-- GET /stats/supervision reads (days × organisations) rows instead of every task and case of the period:
--   SupervisionDay        tasks answered per Shanghai day and organisation (count, on time, working days to answer),
--   SupervisionOpenDue    open tasks per Shanghai day of the deadline and organisation (and how many marked overdue),
--   SupervisionReportDay  problem reports per Shanghai day filed and provider ('' = the city's total, each case once),
--   SupervisionMonth, SupervisionReportMonth  the same two by month: a period of whole months reads those.
-- Triggers on Task (and on Case for a report's type, filing time and closed status) keep them in the transaction that
-- writes the row, whoever writes it (the projection, a test, the bench's bulk INSERTs). A task counts as answered while
-- it is done with a time of answer, so a retried or replayed close (done → done) changes nothing and a cancelled task
-- never counts. Working days come from SupervisionCalendarYear, which prepareDatabase fills from the calendar before it
-- rebuilds SupervisionDay from the Task rows (that backfill needs the calendar, so it is TypeScript, not this file);
-- publishing or withdrawing a year rewrites both. The other two are backfilled at the end of this file.
-- The trigger and backfill text is what db/repositories/supervision-rollup-sql.ts writes (triggerSql, backfillSql).

CREATE TABLE "SupervisionDay" (
    "day" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "answered" INTEGER NOT NULL,
    "onTime" INTEGER NOT NULL,
    "workingDays" INTEGER,

    CONSTRAINT "SupervisionDay_pkey" PRIMARY KEY ("day","orgId")
);

CREATE TABLE "SupervisionMonth" (
    "month" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "answered" INTEGER NOT NULL,
    "onTime" INTEGER NOT NULL,
    "workingDays" INTEGER,

    CONSTRAINT "SupervisionMonth_pkey" PRIMARY KEY ("month","orgId")
);

CREATE TABLE "SupervisionOpenDue" (
    "day" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "open" INTEGER NOT NULL,
    "marked" INTEGER NOT NULL,

    CONSTRAINT "SupervisionOpenDue_pkey" PRIMARY KEY ("day","orgId")
);

CREATE TABLE "SupervisionReportDay" (
    "day" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "received" INTEGER NOT NULL,
    "closed" INTEGER NOT NULL,

    CONSTRAINT "SupervisionReportDay_pkey" PRIMARY KEY ("day","orgId")
);

CREATE TABLE "SupervisionReportMonth" (
    "month" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "received" INTEGER NOT NULL,
    "closed" INTEGER NOT NULL,

    CONSTRAINT "SupervisionReportMonth_pkey" PRIMARY KEY ("month","orgId")
);

CREATE TABLE "SupervisionCalendarYear" (
    "year" INTEGER NOT NULL,
    "before" INTEGER NOT NULL,
    "days" TEXT NOT NULL,

    CONSTRAINT "SupervisionCalendarYear_pkey" PRIMARY KEY ("year")
);

-- The cases put on the problem list in a period: escalation entries by time, from the index alone.
CREATE INDEX "HistoryEntry_action_at_caseId_idx" ON "HistoryEntry"("action", "at", "caseId");

CREATE FUNCTION "Task_supervision_day"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF OLD."status" = 'done' AND OLD."completedAt" IS NOT NULL THEN
      PERFORM pg_advisory_xact_lock_shared(727275);
      INSERT INTO "SupervisionDay" ("day", "orgId", "answered", "onTime", "workingDays") SELECT to_char(OLD."completedAt" + interval '8 hours', 'YYYY-MM-DD'), OLD."assigneeOrgId", -1, -(CASE WHEN (OLD."dueAt" IS NOT NULL AND OLD."completedAt" <= OLD."dueAt") OR (OLD."dueAt" IS NULL AND OLD."overdueSince" IS NULL) THEN 1 ELSE 0 END), -(CASE WHEN to_char(OLD."completedAt" + interval '8 hours', 'YYYY-MM-DD') > to_char(OLD."createdAt" + interval '8 hours', 'YYYY-MM-DD') THEN (SELECT cy."before" + length(replace(substr(cy."days", 1, CAST(to_char(OLD."completedAt" + interval '8 hours', 'DDD') AS INTEGER)), '0', '')) FROM "SupervisionCalendarYear" cy WHERE cy."year" = CAST(to_char(OLD."completedAt" + interval '8 hours', 'YYYY') AS INTEGER)) - (SELECT cy."before" + length(replace(substr(cy."days", 1, CAST(to_char(OLD."createdAt" + interval '8 hours', 'DDD') AS INTEGER)), '0', '')) FROM "SupervisionCalendarYear" cy WHERE cy."year" = CAST(to_char(OLD."createdAt" + interval '8 hours', 'YYYY') AS INTEGER)) ELSE 0 END) WHERE OLD."status" = 'done' AND OLD."completedAt" IS NOT NULL ON CONFLICT ("day", "orgId") DO UPDATE SET "answered" = "SupervisionDay"."answered" + excluded."answered", "onTime" = "SupervisionDay"."onTime" + excluded."onTime", "workingDays" = "SupervisionDay"."workingDays" + excluded."workingDays";
      INSERT INTO "SupervisionMonth" ("month", "orgId", "answered", "onTime", "workingDays") SELECT substr(to_char(OLD."completedAt" + interval '8 hours', 'YYYY-MM-DD'), 1, 7), OLD."assigneeOrgId", -1, -(CASE WHEN (OLD."dueAt" IS NOT NULL AND OLD."completedAt" <= OLD."dueAt") OR (OLD."dueAt" IS NULL AND OLD."overdueSince" IS NULL) THEN 1 ELSE 0 END), -(CASE WHEN to_char(OLD."completedAt" + interval '8 hours', 'YYYY-MM-DD') > to_char(OLD."createdAt" + interval '8 hours', 'YYYY-MM-DD') THEN (SELECT cy."before" + length(replace(substr(cy."days", 1, CAST(to_char(OLD."completedAt" + interval '8 hours', 'DDD') AS INTEGER)), '0', '')) FROM "SupervisionCalendarYear" cy WHERE cy."year" = CAST(to_char(OLD."completedAt" + interval '8 hours', 'YYYY') AS INTEGER)) - (SELECT cy."before" + length(replace(substr(cy."days", 1, CAST(to_char(OLD."createdAt" + interval '8 hours', 'DDD') AS INTEGER)), '0', '')) FROM "SupervisionCalendarYear" cy WHERE cy."year" = CAST(to_char(OLD."createdAt" + interval '8 hours', 'YYYY') AS INTEGER)) ELSE 0 END) WHERE OLD."status" = 'done' AND OLD."completedAt" IS NOT NULL ON CONFLICT ("month", "orgId") DO UPDATE SET "answered" = "SupervisionMonth"."answered" + excluded."answered", "onTime" = "SupervisionMonth"."onTime" + excluded."onTime", "workingDays" = "SupervisionMonth"."workingDays" + excluded."workingDays";
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF NEW."status" = 'done' AND NEW."completedAt" IS NOT NULL THEN
      PERFORM pg_advisory_xact_lock_shared(727275);
      INSERT INTO "SupervisionDay" ("day", "orgId", "answered", "onTime", "workingDays") SELECT to_char(NEW."completedAt" + interval '8 hours', 'YYYY-MM-DD'), NEW."assigneeOrgId", 1, (CASE WHEN (NEW."dueAt" IS NOT NULL AND NEW."completedAt" <= NEW."dueAt") OR (NEW."dueAt" IS NULL AND NEW."overdueSince" IS NULL) THEN 1 ELSE 0 END), (CASE WHEN to_char(NEW."completedAt" + interval '8 hours', 'YYYY-MM-DD') > to_char(NEW."createdAt" + interval '8 hours', 'YYYY-MM-DD') THEN (SELECT cy."before" + length(replace(substr(cy."days", 1, CAST(to_char(NEW."completedAt" + interval '8 hours', 'DDD') AS INTEGER)), '0', '')) FROM "SupervisionCalendarYear" cy WHERE cy."year" = CAST(to_char(NEW."completedAt" + interval '8 hours', 'YYYY') AS INTEGER)) - (SELECT cy."before" + length(replace(substr(cy."days", 1, CAST(to_char(NEW."createdAt" + interval '8 hours', 'DDD') AS INTEGER)), '0', '')) FROM "SupervisionCalendarYear" cy WHERE cy."year" = CAST(to_char(NEW."createdAt" + interval '8 hours', 'YYYY') AS INTEGER)) ELSE 0 END) WHERE NEW."status" = 'done' AND NEW."completedAt" IS NOT NULL ON CONFLICT ("day", "orgId") DO UPDATE SET "answered" = "SupervisionDay"."answered" + excluded."answered", "onTime" = "SupervisionDay"."onTime" + excluded."onTime", "workingDays" = "SupervisionDay"."workingDays" + excluded."workingDays";
      INSERT INTO "SupervisionMonth" ("month", "orgId", "answered", "onTime", "workingDays") SELECT substr(to_char(NEW."completedAt" + interval '8 hours', 'YYYY-MM-DD'), 1, 7), NEW."assigneeOrgId", 1, (CASE WHEN (NEW."dueAt" IS NOT NULL AND NEW."completedAt" <= NEW."dueAt") OR (NEW."dueAt" IS NULL AND NEW."overdueSince" IS NULL) THEN 1 ELSE 0 END), (CASE WHEN to_char(NEW."completedAt" + interval '8 hours', 'YYYY-MM-DD') > to_char(NEW."createdAt" + interval '8 hours', 'YYYY-MM-DD') THEN (SELECT cy."before" + length(replace(substr(cy."days", 1, CAST(to_char(NEW."completedAt" + interval '8 hours', 'DDD') AS INTEGER)), '0', '')) FROM "SupervisionCalendarYear" cy WHERE cy."year" = CAST(to_char(NEW."completedAt" + interval '8 hours', 'YYYY') AS INTEGER)) - (SELECT cy."before" + length(replace(substr(cy."days", 1, CAST(to_char(NEW."createdAt" + interval '8 hours', 'DDD') AS INTEGER)), '0', '')) FROM "SupervisionCalendarYear" cy WHERE cy."year" = CAST(to_char(NEW."createdAt" + interval '8 hours', 'YYYY') AS INTEGER)) ELSE 0 END) WHERE NEW."status" = 'done' AND NEW."completedAt" IS NOT NULL ON CONFLICT ("month", "orgId") DO UPDATE SET "answered" = "SupervisionMonth"."answered" + excluded."answered", "onTime" = "SupervisionMonth"."onTime" + excluded."onTime", "workingDays" = "SupervisionMonth"."workingDays" + excluded."workingDays";
    END IF;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Task_supervision_day" AFTER INSERT OR DELETE OR UPDATE OF "status", "completedAt", "createdAt", "dueAt", "overdueSince", "assigneeOrgId" ON "Task" FOR EACH ROW EXECUTE FUNCTION "Task_supervision_day"();

CREATE FUNCTION "Task_open_due"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    IF NEW."status" = 'open' AND NEW."dueAt" IS NOT NULL THEN
      INSERT INTO "SupervisionOpenDue" ("day", "orgId", "open", "marked") SELECT to_char(NEW."dueAt" + interval '8 hours', 'YYYY-MM-DD'), NEW."assigneeOrgId", 1, (CASE WHEN NEW."overdueSince" IS NOT NULL THEN 1 ELSE 0 END) WHERE NEW."status" = 'open' AND NEW."dueAt" IS NOT NULL ON CONFLICT ("day", "orgId") DO UPDATE SET "open" = "SupervisionOpenDue"."open" + excluded."open", "marked" = "SupervisionOpenDue"."marked" + excluded."marked";
    END IF;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    IF OLD."status" = 'open' AND OLD."dueAt" IS NOT NULL THEN
      INSERT INTO "SupervisionOpenDue" ("day", "orgId", "open", "marked") SELECT to_char(OLD."dueAt" + interval '8 hours', 'YYYY-MM-DD'), OLD."assigneeOrgId", -1, -(CASE WHEN OLD."overdueSince" IS NOT NULL THEN 1 ELSE 0 END) WHERE OLD."status" = 'open' AND OLD."dueAt" IS NOT NULL ON CONFLICT ("day", "orgId") DO UPDATE SET "open" = "SupervisionOpenDue"."open" + excluded."open", "marked" = "SupervisionOpenDue"."marked" + excluded."marked";
      DELETE FROM "SupervisionOpenDue" WHERE "day" = to_char(OLD."dueAt" + interval '8 hours', 'YYYY-MM-DD') AND "orgId" = OLD."assigneeOrgId" AND "open" = 0;
    END IF;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Task_open_due" AFTER INSERT OR DELETE OR UPDATE OF "status", "dueAt", "overdueSince", "assigneeOrgId" ON "Task" FOR EACH ROW EXECUTE FUNCTION "Task_open_due"();

CREATE FUNCTION "Task_problem_reports"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF OLD."assigneeRole" = 'provider-reviewer' THEN
      INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT to_char(c."createdAt" + interval '8 hours', 'YYYY-MM-DD'), OLD."assigneeOrgId", -1, -(CASE WHEN c."status" = 'closed' THEN 1 ELSE 0 END) FROM "Case" c WHERE c."id" = OLD."caseId" AND c."type" = 'problem-data' AND OLD."assigneeRole" = 'provider-reviewer' AND NOT EXISTS (SELECT 1 FROM "Task" o WHERE o."caseId" = OLD."caseId" AND o."assigneeRole" = 'provider-reviewer' AND o."assigneeOrgId" = OLD."assigneeOrgId" AND o."id" <> OLD."id") ON CONFLICT ("day", "orgId") DO UPDATE SET "received" = "SupervisionReportDay"."received" + excluded."received", "closed" = "SupervisionReportDay"."closed" + excluded."closed";
      INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT to_char(c."createdAt" + interval '8 hours', 'YYYY-MM-DD'), '', -1, -(CASE WHEN c."status" = 'closed' THEN 1 ELSE 0 END) FROM "Case" c WHERE c."id" = OLD."caseId" AND c."type" = 'problem-data' AND OLD."assigneeRole" = 'provider-reviewer' AND NOT EXISTS (SELECT 1 FROM "Task" o WHERE o."caseId" = OLD."caseId" AND o."assigneeRole" = 'provider-reviewer' AND o."id" <> OLD."id") ON CONFLICT ("day", "orgId") DO UPDATE SET "received" = "SupervisionReportDay"."received" + excluded."received", "closed" = "SupervisionReportDay"."closed" + excluded."closed";
      INSERT INTO "SupervisionReportMonth" ("month", "orgId", "received", "closed") SELECT substr(to_char(c."createdAt" + interval '8 hours', 'YYYY-MM-DD'), 1, 7), OLD."assigneeOrgId", -1, -(CASE WHEN c."status" = 'closed' THEN 1 ELSE 0 END) FROM "Case" c WHERE c."id" = OLD."caseId" AND c."type" = 'problem-data' AND OLD."assigneeRole" = 'provider-reviewer' AND NOT EXISTS (SELECT 1 FROM "Task" o WHERE o."caseId" = OLD."caseId" AND o."assigneeRole" = 'provider-reviewer' AND o."assigneeOrgId" = OLD."assigneeOrgId" AND o."id" <> OLD."id") ON CONFLICT ("month", "orgId") DO UPDATE SET "received" = "SupervisionReportMonth"."received" + excluded."received", "closed" = "SupervisionReportMonth"."closed" + excluded."closed";
      INSERT INTO "SupervisionReportMonth" ("month", "orgId", "received", "closed") SELECT substr(to_char(c."createdAt" + interval '8 hours', 'YYYY-MM-DD'), 1, 7), '', -1, -(CASE WHEN c."status" = 'closed' THEN 1 ELSE 0 END) FROM "Case" c WHERE c."id" = OLD."caseId" AND c."type" = 'problem-data' AND OLD."assigneeRole" = 'provider-reviewer' AND NOT EXISTS (SELECT 1 FROM "Task" o WHERE o."caseId" = OLD."caseId" AND o."assigneeRole" = 'provider-reviewer' AND o."id" <> OLD."id") ON CONFLICT ("month", "orgId") DO UPDATE SET "received" = "SupervisionReportMonth"."received" + excluded."received", "closed" = "SupervisionReportMonth"."closed" + excluded."closed";
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF NEW."assigneeRole" = 'provider-reviewer' THEN
      INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT to_char(c."createdAt" + interval '8 hours', 'YYYY-MM-DD'), NEW."assigneeOrgId", 1, (CASE WHEN c."status" = 'closed' THEN 1 ELSE 0 END) FROM "Case" c WHERE c."id" = NEW."caseId" AND c."type" = 'problem-data' AND NEW."assigneeRole" = 'provider-reviewer' AND NOT EXISTS (SELECT 1 FROM "Task" o WHERE o."caseId" = NEW."caseId" AND o."assigneeRole" = 'provider-reviewer' AND o."assigneeOrgId" = NEW."assigneeOrgId" AND o."id" <> NEW."id") ON CONFLICT ("day", "orgId") DO UPDATE SET "received" = "SupervisionReportDay"."received" + excluded."received", "closed" = "SupervisionReportDay"."closed" + excluded."closed";
      INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT to_char(c."createdAt" + interval '8 hours', 'YYYY-MM-DD'), '', 1, (CASE WHEN c."status" = 'closed' THEN 1 ELSE 0 END) FROM "Case" c WHERE c."id" = NEW."caseId" AND c."type" = 'problem-data' AND NEW."assigneeRole" = 'provider-reviewer' AND NOT EXISTS (SELECT 1 FROM "Task" o WHERE o."caseId" = NEW."caseId" AND o."assigneeRole" = 'provider-reviewer' AND o."id" <> NEW."id") ON CONFLICT ("day", "orgId") DO UPDATE SET "received" = "SupervisionReportDay"."received" + excluded."received", "closed" = "SupervisionReportDay"."closed" + excluded."closed";
      INSERT INTO "SupervisionReportMonth" ("month", "orgId", "received", "closed") SELECT substr(to_char(c."createdAt" + interval '8 hours', 'YYYY-MM-DD'), 1, 7), NEW."assigneeOrgId", 1, (CASE WHEN c."status" = 'closed' THEN 1 ELSE 0 END) FROM "Case" c WHERE c."id" = NEW."caseId" AND c."type" = 'problem-data' AND NEW."assigneeRole" = 'provider-reviewer' AND NOT EXISTS (SELECT 1 FROM "Task" o WHERE o."caseId" = NEW."caseId" AND o."assigneeRole" = 'provider-reviewer' AND o."assigneeOrgId" = NEW."assigneeOrgId" AND o."id" <> NEW."id") ON CONFLICT ("month", "orgId") DO UPDATE SET "received" = "SupervisionReportMonth"."received" + excluded."received", "closed" = "SupervisionReportMonth"."closed" + excluded."closed";
      INSERT INTO "SupervisionReportMonth" ("month", "orgId", "received", "closed") SELECT substr(to_char(c."createdAt" + interval '8 hours', 'YYYY-MM-DD'), 1, 7), '', 1, (CASE WHEN c."status" = 'closed' THEN 1 ELSE 0 END) FROM "Case" c WHERE c."id" = NEW."caseId" AND c."type" = 'problem-data' AND NEW."assigneeRole" = 'provider-reviewer' AND NOT EXISTS (SELECT 1 FROM "Task" o WHERE o."caseId" = NEW."caseId" AND o."assigneeRole" = 'provider-reviewer' AND o."id" <> NEW."id") ON CONFLICT ("month", "orgId") DO UPDATE SET "received" = "SupervisionReportMonth"."received" + excluded."received", "closed" = "SupervisionReportMonth"."closed" + excluded."closed";
    END IF;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Task_problem_reports" AFTER INSERT OR DELETE ON "Task" FOR EACH ROW EXECUTE FUNCTION "Task_problem_reports"();

CREATE TRIGGER "Task_problem_reports_update" AFTER UPDATE OF "caseId", "assigneeOrgId", "assigneeRole" ON "Task" FOR EACH ROW WHEN (OLD."caseId" <> NEW."caseId" OR OLD."assigneeOrgId" <> NEW."assigneeOrgId" OR OLD."assigneeRole" <> NEW."assigneeRole") EXECUTE FUNCTION "Task_problem_reports"();

CREATE FUNCTION "Case_problem_reports"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT to_char(OLD."createdAt" + interval '8 hours', 'YYYY-MM-DD'), t."assigneeOrgId", -1, -(CASE WHEN OLD."status" = 'closed' THEN 1 ELSE 0 END) FROM "Task" t WHERE t."caseId" = OLD."id" AND t."assigneeRole" = 'provider-reviewer' AND OLD."type" = 'problem-data' GROUP BY t."assigneeOrgId" ON CONFLICT ("day", "orgId") DO UPDATE SET "received" = "SupervisionReportDay"."received" + excluded."received", "closed" = "SupervisionReportDay"."closed" + excluded."closed";
  INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT to_char(OLD."createdAt" + interval '8 hours', 'YYYY-MM-DD'), '', -1, -(CASE WHEN OLD."status" = 'closed' THEN 1 ELSE 0 END) WHERE OLD."type" = 'problem-data' AND EXISTS (SELECT 1 FROM "Task" t WHERE t."caseId" = OLD."id" AND t."assigneeRole" = 'provider-reviewer') ON CONFLICT ("day", "orgId") DO UPDATE SET "received" = "SupervisionReportDay"."received" + excluded."received", "closed" = "SupervisionReportDay"."closed" + excluded."closed";
  INSERT INTO "SupervisionReportMonth" ("month", "orgId", "received", "closed") SELECT substr(to_char(OLD."createdAt" + interval '8 hours', 'YYYY-MM-DD'), 1, 7), t."assigneeOrgId", -1, -(CASE WHEN OLD."status" = 'closed' THEN 1 ELSE 0 END) FROM "Task" t WHERE t."caseId" = OLD."id" AND t."assigneeRole" = 'provider-reviewer' AND OLD."type" = 'problem-data' GROUP BY t."assigneeOrgId" ON CONFLICT ("month", "orgId") DO UPDATE SET "received" = "SupervisionReportMonth"."received" + excluded."received", "closed" = "SupervisionReportMonth"."closed" + excluded."closed";
  INSERT INTO "SupervisionReportMonth" ("month", "orgId", "received", "closed") SELECT substr(to_char(OLD."createdAt" + interval '8 hours', 'YYYY-MM-DD'), 1, 7), '', -1, -(CASE WHEN OLD."status" = 'closed' THEN 1 ELSE 0 END) WHERE OLD."type" = 'problem-data' AND EXISTS (SELECT 1 FROM "Task" t WHERE t."caseId" = OLD."id" AND t."assigneeRole" = 'provider-reviewer') ON CONFLICT ("month", "orgId") DO UPDATE SET "received" = "SupervisionReportMonth"."received" + excluded."received", "closed" = "SupervisionReportMonth"."closed" + excluded."closed";
  INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT to_char(NEW."createdAt" + interval '8 hours', 'YYYY-MM-DD'), t."assigneeOrgId", 1, (CASE WHEN NEW."status" = 'closed' THEN 1 ELSE 0 END) FROM "Task" t WHERE t."caseId" = NEW."id" AND t."assigneeRole" = 'provider-reviewer' AND NEW."type" = 'problem-data' GROUP BY t."assigneeOrgId" ON CONFLICT ("day", "orgId") DO UPDATE SET "received" = "SupervisionReportDay"."received" + excluded."received", "closed" = "SupervisionReportDay"."closed" + excluded."closed";
  INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT to_char(NEW."createdAt" + interval '8 hours', 'YYYY-MM-DD'), '', 1, (CASE WHEN NEW."status" = 'closed' THEN 1 ELSE 0 END) WHERE NEW."type" = 'problem-data' AND EXISTS (SELECT 1 FROM "Task" t WHERE t."caseId" = NEW."id" AND t."assigneeRole" = 'provider-reviewer') ON CONFLICT ("day", "orgId") DO UPDATE SET "received" = "SupervisionReportDay"."received" + excluded."received", "closed" = "SupervisionReportDay"."closed" + excluded."closed";
  INSERT INTO "SupervisionReportMonth" ("month", "orgId", "received", "closed") SELECT substr(to_char(NEW."createdAt" + interval '8 hours', 'YYYY-MM-DD'), 1, 7), t."assigneeOrgId", 1, (CASE WHEN NEW."status" = 'closed' THEN 1 ELSE 0 END) FROM "Task" t WHERE t."caseId" = NEW."id" AND t."assigneeRole" = 'provider-reviewer' AND NEW."type" = 'problem-data' GROUP BY t."assigneeOrgId" ON CONFLICT ("month", "orgId") DO UPDATE SET "received" = "SupervisionReportMonth"."received" + excluded."received", "closed" = "SupervisionReportMonth"."closed" + excluded."closed";
  INSERT INTO "SupervisionReportMonth" ("month", "orgId", "received", "closed") SELECT substr(to_char(NEW."createdAt" + interval '8 hours', 'YYYY-MM-DD'), 1, 7), '', 1, (CASE WHEN NEW."status" = 'closed' THEN 1 ELSE 0 END) WHERE NEW."type" = 'problem-data' AND EXISTS (SELECT 1 FROM "Task" t WHERE t."caseId" = NEW."id" AND t."assigneeRole" = 'provider-reviewer') ON CONFLICT ("month", "orgId") DO UPDATE SET "received" = "SupervisionReportMonth"."received" + excluded."received", "closed" = "SupervisionReportMonth"."closed" + excluded."closed";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Case_problem_reports" AFTER UPDATE OF "status", "type", "createdAt" ON "Case" FOR EACH ROW WHEN ((OLD."type" = 'problem-data' OR NEW."type" = 'problem-data') AND ((CASE WHEN OLD."status" = 'closed' THEN 1 ELSE 0 END) <> (CASE WHEN NEW."status" = 'closed' THEN 1 ELSE 0 END) OR OLD."type" <> NEW."type" OR OLD."createdAt" <> NEW."createdAt")) EXECUTE FUNCTION "Case_problem_reports"();

-- The backfill of the open deadlines and the problem reports (SupervisionDay's needs the calendar: prepareDatabase).
INSERT INTO "SupervisionOpenDue" ("day", "orgId", "open", "marked") SELECT to_char(t."dueAt" + interval '8 hours', 'YYYY-MM-DD'), t."assigneeOrgId", COUNT(*), SUM(CASE WHEN t."overdueSince" IS NOT NULL THEN 1 ELSE 0 END) FROM "Task" t WHERE t."status" = 'open' AND t."dueAt" IS NOT NULL GROUP BY 1, 2;

INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT "k", "orgId", COUNT(*), SUM("closed") FROM (SELECT DISTINCT to_char(c."createdAt" + interval '8 hours', 'YYYY-MM-DD') AS "k", t."assigneeOrgId" AS "orgId", c."id", CASE WHEN c."status" = 'closed' THEN 1 ELSE 0 END AS "closed" FROM "Case" c JOIN "Task" t ON t."caseId" = c."id" AND t."assigneeRole" = 'provider-reviewer' WHERE c."type" = 'problem-data') AS p GROUP BY "k", "orgId";

INSERT INTO "SupervisionReportDay" ("day", "orgId", "received", "closed") SELECT to_char(c."createdAt" + interval '8 hours', 'YYYY-MM-DD'), '', COUNT(*), SUM(CASE WHEN c."status" = 'closed' THEN 1 ELSE 0 END) FROM "Case" c WHERE c."type" = 'problem-data' AND EXISTS (SELECT 1 FROM "Task" t WHERE t."caseId" = c."id" AND t."assigneeRole" = 'provider-reviewer') GROUP BY 1;

INSERT INTO "SupervisionReportMonth" ("month", "orgId", "received", "closed") SELECT "k", "orgId", COUNT(*), SUM("closed") FROM (SELECT DISTINCT substr(to_char(c."createdAt" + interval '8 hours', 'YYYY-MM-DD'), 1, 7) AS "k", t."assigneeOrgId" AS "orgId", c."id", CASE WHEN c."status" = 'closed' THEN 1 ELSE 0 END AS "closed" FROM "Case" c JOIN "Task" t ON t."caseId" = c."id" AND t."assigneeRole" = 'provider-reviewer' WHERE c."type" = 'problem-data') AS p GROUP BY "k", "orgId";

INSERT INTO "SupervisionReportMonth" ("month", "orgId", "received", "closed") SELECT substr(to_char(c."createdAt" + interval '8 hours', 'YYYY-MM-DD'), 1, 7), '', COUNT(*), SUM(CASE WHEN c."status" = 'closed' THEN 1 ELSE 0 END) FROM "Case" c WHERE c."type" = 'problem-data' AND EXISTS (SELECT 1 FROM "Task" t WHERE t."caseId" = c."id" AND t."assigneeRole" = 'provider-reviewer') GROUP BY 1;
