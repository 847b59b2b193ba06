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

    CONSTRAINT "SupervisionDay_pkey" PRIMARY KEY ("day","orgId")
);

CREATE TABLE "SupervisionCalendarYear" (
    "year" INTEGER NOT NULL,
    "before" INTEGER NOT NULL,
    "days" TEXT NOT NULL,

    CONSTRAINT "SupervisionCalendarYear_pkey" PRIMARY KEY ("year")
);

CREATE FUNCTION "Task_supervision_day"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF OLD."status" = 'done' AND OLD."completedAt" IS NOT NULL THEN
      PERFORM pg_advisory_xact_lock_shared(727275);
      INSERT INTO "SupervisionDay" ("day", "orgId", "answered", "onTime", "workingDays") SELECT to_char(OLD."completedAt" + interval '8 hours', 'YYYY-MM-DD'), OLD."assigneeOrgId", -1, -(CASE WHEN (OLD."dueAt" IS NOT NULL AND OLD."completedAt" <= OLD."dueAt") OR (OLD."dueAt" IS NULL AND OLD."overdueSince" IS NULL) THEN 1 ELSE 0 END), -(CASE WHEN to_char(OLD."completedAt" + interval '8 hours', 'YYYY-MM-DD') > to_char(OLD."createdAt" + interval '8 hours', 'YYYY-MM-DD') THEN (SELECT cy."before" + length(replace(substr(cy."days", 1, CAST(to_char(OLD."completedAt" + interval '8 hours', 'DDD') AS INTEGER)), '0', '')) FROM "SupervisionCalendarYear" cy WHERE cy."year" = CAST(to_char(OLD."completedAt" + interval '8 hours', 'YYYY') AS INTEGER)) - (SELECT cy."before" + length(replace(substr(cy."days", 1, CAST(to_char(OLD."createdAt" + interval '8 hours', 'DDD') AS INTEGER)), '0', '')) FROM "SupervisionCalendarYear" cy WHERE cy."year" = CAST(to_char(OLD."createdAt" + interval '8 hours', 'YYYY') AS INTEGER)) ELSE 0 END) WHERE OLD."status" = 'done' AND OLD."completedAt" IS NOT NULL ON CONFLICT ("day", "orgId") DO UPDATE SET "answered" = "SupervisionDay"."answered" + excluded."answered", "onTime" = "SupervisionDay"."onTime" + excluded."onTime", "workingDays" = "SupervisionDay"."workingDays" + excluded."workingDays";
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF NEW."status" = 'done' AND NEW."completedAt" IS NOT NULL THEN
      PERFORM pg_advisory_xact_lock_shared(727275);
      INSERT INTO "SupervisionDay" ("day", "orgId", "answered", "onTime", "workingDays") SELECT to_char(NEW."completedAt" + interval '8 hours', 'YYYY-MM-DD'), NEW."assigneeOrgId", 1, (CASE WHEN (NEW."dueAt" IS NOT NULL AND NEW."completedAt" <= NEW."dueAt") OR (NEW."dueAt" IS NULL AND NEW."overdueSince" IS NULL) THEN 1 ELSE 0 END), (CASE WHEN to_char(NEW."completedAt" + interval '8 hours', 'YYYY-MM-DD') > to_char(NEW."createdAt" + interval '8 hours', 'YYYY-MM-DD') THEN (SELECT cy."before" + length(replace(substr(cy."days", 1, CAST(to_char(NEW."completedAt" + interval '8 hours', 'DDD') AS INTEGER)), '0', '')) FROM "SupervisionCalendarYear" cy WHERE cy."year" = CAST(to_char(NEW."completedAt" + interval '8 hours', 'YYYY') AS INTEGER)) - (SELECT cy."before" + length(replace(substr(cy."days", 1, CAST(to_char(NEW."createdAt" + interval '8 hours', 'DDD') AS INTEGER)), '0', '')) FROM "SupervisionCalendarYear" cy WHERE cy."year" = CAST(to_char(NEW."createdAt" + interval '8 hours', 'YYYY') AS INTEGER)) ELSE 0 END) WHERE NEW."status" = 'done' AND NEW."completedAt" IS NOT NULL ON CONFLICT ("day", "orgId") DO UPDATE SET "answered" = "SupervisionDay"."answered" + excluded."answered", "onTime" = "SupervisionDay"."onTime" + excluded."onTime", "workingDays" = "SupervisionDay"."workingDays" + excluded."workingDays";
    END IF;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Task_supervision_day" AFTER INSERT OR DELETE OR UPDATE OF "status", "completedAt", "createdAt", "dueAt", "overdueSince", "assigneeOrgId" ON "Task" FOR EACH ROW EXECUTE FUNCTION "Task_supervision_day"();
