-- Written by hand: the supervision rollup (issue #10 item 5; README "Performance", db/repositories/supervision-rollup.ts).
-- GET /stats/supervision reads the tasks answered per Shanghai day and organisation from SupervisionDay,
-- (days × organisations) rows, instead of every task answered in the period. Triggers on Task keep it in the
-- transaction that writes the task, whoever writes it (the projection, a test, the bench's bulk INSERTs): a task
-- counts while it is done with a time of answer, so a retried or replayed close (done → done) changes nothing and a
-- cancelled task never counts. The working days to answer are read from SupervisionCalendarYear, which
-- prepareDatabase fills from the calendar and then rebuilds SupervisionDay from the Task rows (the backfill: it
-- needs the calendar, so it is TypeScript, not this file); publishing or withdrawing a year rewrites both.
-- The trigger text is what db/repositories/supervision-rollup-sql.ts writes (triggerSql).

CREATE TABLE "SupervisionDay" (
    "day" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "answered" INTEGER NOT NULL,
    "onTime" INTEGER NOT NULL,
    "workingDays" INTEGER,

    PRIMARY KEY ("day", "orgId")
);

CREATE TABLE "SupervisionCalendarYear" (
    "year" INTEGER NOT NULL PRIMARY KEY,
    "before" INTEGER NOT NULL,
    "days" TEXT NOT NULL
);

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
