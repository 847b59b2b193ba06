-- Written by hand: the count of cases per type and status (issue #10 item 5; README "Performance";
-- db/repositories/case-tally-sql.ts). The BDB's plain case list counted every case's index entry (52 000 at 100k
-- tasks: 7 ms on PostgreSQL, growing with the city); CaseTally holds one row per (type, status) with its count, kept
-- by triggers on Case in the transaction that writes the case. The trigger and backfill text is what
-- case-tally-sql.ts writes (caseTallyTriggerSql, caseTallyBackfillSql).

CREATE TABLE "CaseTally" (
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "cases" INTEGER NOT NULL,

    CONSTRAINT "CaseTally_pkey" PRIMARY KEY ("type","status")
);

CREATE FUNCTION "Case_tally"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO "CaseTally" ("type", "status", "cases") VALUES (OLD."type", OLD."status", -1) ON CONFLICT ("type", "status") DO UPDATE SET "cases" = "CaseTally"."cases" + (-1);
    DELETE FROM "CaseTally" WHERE "type" = OLD."type" AND "status" = OLD."status" AND "cases" = 0;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO "CaseTally" ("type", "status", "cases") VALUES (NEW."type", NEW."status", 1) ON CONFLICT ("type", "status") DO UPDATE SET "cases" = "CaseTally"."cases" + (1);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Case_tally" AFTER INSERT OR DELETE ON "Case" FOR EACH ROW EXECUTE FUNCTION "Case_tally"();

CREATE TRIGGER "Case_tally_update" AFTER UPDATE OF "type", "status" ON "Case" FOR EACH ROW WHEN (OLD."type" <> NEW."type" OR OLD."status" <> NEW."status") EXECUTE FUNCTION "Case_tally"();

INSERT INTO "CaseTally" ("type", "status", "cases") SELECT "type", "status", COUNT(*) FROM "Case" GROUP BY "type", "status";
