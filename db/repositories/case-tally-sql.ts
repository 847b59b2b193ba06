/**
 * CaseTally, in both dialects from one place (migration 20261202100000_case_tally was written from these
 * statements; a test checks it still holds them): how many cases there are of each type and status, kept by
 * triggers on Case in the transaction that writes the case. The BDB's plain case list (with or without a type or
 * status filter) counts the city's cases exactly from it — a few rows — instead of every case's index entry
 * (52 000 at 100k tasks, 7 ms on PostgreSQL).
 */
export type Dialect = 'sqlite' | 'postgres';

const add = (r: string, n: 1 | -1) =>
  `INSERT INTO "CaseTally" ("type", "status", "cases") VALUES (${r}."type", ${r}."status", ${n}) ON CONFLICT ("type", "status") DO UPDATE SET "cases" = "CaseTally"."cases" + (${n});`;
/** A tally at 0 goes, so the table holds only the pairs that exist. */
const prune = (r: string) => `DELETE FROM "CaseTally" WHERE "type" = ${r}."type" AND "status" = ${r}."status" AND "cases" = 0;`;
const changed = `OLD."type" <> NEW."type" OR OLD."status" <> NEW."status"`;

/** Fills CaseTally from the cases (empty before): the migration's backfill. */
export const caseTallyBackfillSql = (): string => `INSERT INTO "CaseTally" ("type", "status", "cases") SELECT "type", "status", COUNT(*) FROM "Case" GROUP BY "type", "status";`;

export function caseTallyTriggerSql(d: Dialect): string {
  if (d === 'sqlite') {
    return [
      `CREATE TRIGGER "Case_tally_insert" AFTER INSERT ON "Case"\nBEGIN\n  ${add('NEW', 1)}\nEND;`,
      `CREATE TRIGGER "Case_tally_delete" AFTER DELETE ON "Case"\nBEGIN\n  ${add('OLD', -1)}\n  ${prune('OLD')}\nEND;`,
      `CREATE TRIGGER "Case_tally_update" AFTER UPDATE OF "type", "status" ON "Case" WHEN ${changed}\nBEGIN\n  ${add('OLD', -1)}\n  ${prune('OLD')}\n  ${add('NEW', 1)}\nEND;`,
    ].join('\n\n');
  }
  return [
    `CREATE FUNCTION "Case_tally"() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n` +
      `  IF TG_OP <> 'INSERT' THEN\n    ${add('OLD', -1)}\n    ${prune('OLD')}\n  END IF;\n` +
      `  IF TG_OP <> 'DELETE' THEN\n    ${add('NEW', 1)}\n  END IF;\n  RETURN NULL;\nEND;\n$$;`,
    `CREATE TRIGGER "Case_tally" AFTER INSERT OR DELETE ON "Case" FOR EACH ROW EXECUTE FUNCTION "Case_tally"();`,
    `CREATE TRIGGER "Case_tally_update" AFTER UPDATE OF "type", "status" ON "Case" FOR EACH ROW WHEN (${changed}) EXECUTE FUNCTION "Case_tally"();`,
  ].join('\n\n');
}
