-- Written by hand: the count of cases per type and status (issue #10 item 5; README "Performance";
-- db/repositories/case-tally-sql.ts). The BDB's plain case list counted every case's index entry (52 000 at 100k
-- tasks: 7 ms on PostgreSQL, growing with the city); CaseTally holds one row per (type, status) with its count, kept
-- by triggers on Case in the transaction that writes the case. The trigger and backfill text is what
-- case-tally-sql.ts writes (caseTallyTriggerSql, caseTallyBackfillSql).

CREATE TABLE "CaseTally" (
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "cases" INTEGER NOT NULL,

    PRIMARY KEY ("type", "status")
);

CREATE TRIGGER "Case_tally_insert" AFTER INSERT ON "Case"
BEGIN
  INSERT INTO "CaseTally" ("type", "status", "cases") VALUES (NEW."type", NEW."status", 1) ON CONFLICT ("type", "status") DO UPDATE SET "cases" = "CaseTally"."cases" + (1);
END;

CREATE TRIGGER "Case_tally_delete" AFTER DELETE ON "Case"
BEGIN
  INSERT INTO "CaseTally" ("type", "status", "cases") VALUES (OLD."type", OLD."status", -1) ON CONFLICT ("type", "status") DO UPDATE SET "cases" = "CaseTally"."cases" + (-1);
  DELETE FROM "CaseTally" WHERE "type" = OLD."type" AND "status" = OLD."status" AND "cases" = 0;
END;

CREATE TRIGGER "Case_tally_update" AFTER UPDATE OF "type", "status" ON "Case" WHEN OLD."type" <> NEW."type" OR OLD."status" <> NEW."status"
BEGIN
  INSERT INTO "CaseTally" ("type", "status", "cases") VALUES (OLD."type", OLD."status", -1) ON CONFLICT ("type", "status") DO UPDATE SET "cases" = "CaseTally"."cases" + (-1);
  DELETE FROM "CaseTally" WHERE "type" = OLD."type" AND "status" = OLD."status" AND "cases" = 0;
  INSERT INTO "CaseTally" ("type", "status", "cases") VALUES (NEW."type", NEW."status", 1) ON CONFLICT ("type", "status") DO UPDATE SET "cases" = "CaseTally"."cases" + (1);
END;

INSERT INTO "CaseTally" ("type", "status", "cases") SELECT "type", "status", COUNT(*) FROM "Case" GROUP BY "type", "status";
