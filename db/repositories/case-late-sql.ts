/**
 * CaseLateParty, in both dialects from one place (migration 20261202090000_case_late was written from these
 * statements; a test checks it still holds them): for each case with an open task its workflow marked overdue,
 * one row per party that sees the case as late — '' for the city (the BDB's and administrators' view), the
 * task's organisation, and the case's applicant — with how many such tasks there are. `GET /cases?overdue=true`
 * walks it in list order (orgId, caseCreatedAt, caseId) instead of asking every case for a late task.
 *
 * A task becomes late by the clock too (dueAt ≤ now, before its workflow's timer marks it, normally seconds):
 * those are read from Task's partial index of open, unmarked tasks by deadline (cases.repository.ts), so the two
 * together are exactly "an open task past its deadline or marked overdue".
 *
 * The triggers keep it in the transaction that writes the task. A task whose organisation is also the
 * applicant adds 1 to that row twice, and takes 2 off alike: only "more than 0" is read.
 */
export type Dialect = 'sqlite' | 'postgres';

const CITY = `''`;
const late = (r: string) => `${r}."status" = 'open' AND ${r}."overdueSince" IS NOT NULL`;
const upsert = `ON CONFLICT ("caseId", "orgId") DO UPDATE SET "lateTasks" = "CaseLateParty"."lateTasks" + 1`;

/** +1 for each party of a late task row `r` (NEW): one statement per party, so no statement touches a row twice. */
const addLate = (r: string) =>
  [CITY, `${r}."assigneeOrgId"`, `c."applicantOrgId"`].map(
    (party) =>
      `INSERT INTO "CaseLateParty" ("caseId", "orgId", "caseCreatedAt", "lateTasks") SELECT c."id", ${party}, c."createdAt", 1 FROM "Case" c WHERE c."id" = ${r}."caseId" AND ${late(r)} ${upsert};`,
  );

/** −1 for each party of a task row `r` (OLD) that was late; a row at 0 goes. */
const removeLate = (r: string) => [
  ...[CITY, `${r}."assigneeOrgId"`, `(SELECT c."applicantOrgId" FROM "Case" c WHERE c."id" = ${r}."caseId")`].map(
    (party) => `UPDATE "CaseLateParty" SET "lateTasks" = "lateTasks" - 1 WHERE "caseId" = ${r}."caseId" AND "orgId" = ${party} AND ${late(r)};`,
  ),
  `DELETE FROM "CaseLateParty" WHERE "caseId" = ${r}."caseId" AND "lateTasks" <= 0;`,
];

/** Every party's count of the late tasks of the cases `where` selects (alias c): the backfill, and a case's rebuild. */
const rebuildSql = (where: string) =>
  `INSERT INTO "CaseLateParty" ("caseId", "orgId", "caseCreatedAt", "lateTasks") ` +
  `SELECT c."id", p."orgId", c."createdAt", COUNT(*) FROM (` +
  `SELECT t."caseId", ${CITY} AS "orgId" FROM "Task" t WHERE ${late('t')} ` +
  `UNION ALL SELECT t."caseId", t."assigneeOrgId" FROM "Task" t WHERE ${late('t')} ` +
  `UNION ALL SELECT t."caseId", a."applicantOrgId" FROM "Task" t JOIN "Case" a ON a."id" = t."caseId" WHERE ${late('t')}` +
  `) p JOIN "Case" c ON c."id" = p."caseId"${where} GROUP BY c."id", p."orgId", c."createdAt";`;

/** Fills CaseLateParty from the tasks (empty before): the migration's backfill, and the tests' fresh computation. */
export const caseLateBackfillSql = (): string => rebuildSql('');

/** The changed late-ness of a task: its old parties' counts down, its new parties' up. */
const taskChanged = `(${late('OLD')}) <> (${late('NEW')}) OR (${late('OLD')} AND (OLD."assigneeOrgId" <> NEW."assigneeOrgId" OR OLD."caseId" <> NEW."caseId"))`;
/** A case's own keys moved (never in the application; the rows follow anyway). */
const caseChanged = `OLD."createdAt" <> NEW."createdAt" OR OLD."applicantOrgId" <> NEW."applicantOrgId"`;
const caseRebuild = [`DELETE FROM "CaseLateParty" WHERE "caseId" = NEW."id";`, rebuildSql(` WHERE c."id" = NEW."id"`)];

export function caseLateTriggerSql(d: Dialect): string {
  const indent = (lines: string[]) => lines.map((l) => `  ${l}`).join('\n');
  if (d === 'sqlite') {
    return [
      `CREATE TRIGGER "Task_case_late_insert" AFTER INSERT ON "Task" WHEN ${late('NEW')}\nBEGIN\n${indent(addLate('NEW'))}\nEND;`,
      `CREATE TRIGGER "Task_case_late_delete" AFTER DELETE ON "Task" WHEN ${late('OLD')}\nBEGIN\n${indent(removeLate('OLD'))}\nEND;`,
      `CREATE TRIGGER "Task_case_late_update" AFTER UPDATE OF "status", "overdueSince", "assigneeOrgId", "caseId" ON "Task" WHEN ${taskChanged}\nBEGIN\n${indent([...removeLate('OLD'), ...addLate('NEW')])}\nEND;`,
      `CREATE TRIGGER "Case_case_late_update" AFTER UPDATE OF "createdAt", "applicantOrgId" ON "Case" WHEN ${caseChanged}\nBEGIN\n${indent(caseRebuild)}\nEND;`,
    ].join('\n\n');
  }
  const block = (cond: string, lines: string[]) => `  IF ${cond} THEN\n${lines.map((l) => `    ${l}`).join('\n')}\n  END IF;`;
  return [
    `CREATE FUNCTION "Task_case_late"() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n` +
      `${block(`TG_OP <> 'INSERT'`, removeLate('OLD'))}\n${block(`TG_OP <> 'DELETE'`, addLate('NEW'))}\n  RETURN NULL;\nEND;\n$$;`,
    `CREATE TRIGGER "Task_case_late" AFTER INSERT OR DELETE ON "Task" FOR EACH ROW EXECUTE FUNCTION "Task_case_late"();`,
    `CREATE TRIGGER "Task_case_late_update" AFTER UPDATE OF "status", "overdueSince", "assigneeOrgId", "caseId" ON "Task" FOR EACH ROW WHEN (${taskChanged}) EXECUTE FUNCTION "Task_case_late"();`,
    `CREATE FUNCTION "Case_case_late"() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n${indent(caseRebuild)}\n  RETURN NULL;\nEND;\n$$;`,
    `CREATE TRIGGER "Case_case_late_update" AFTER UPDATE OF "createdAt", "applicantOrgId" ON "Case" FOR EACH ROW WHEN (${caseChanged}) EXECUTE FUNCTION "Case_case_late"();`,
  ].join('\n\n');
}
