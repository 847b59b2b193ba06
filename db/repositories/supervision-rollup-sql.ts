/**
 * The SQL of the supervision rollups (SupervisionDay and the others), in both dialects, from one
 * place: the triggers of migration 20261201100000_supervision_rollup were written
 * from these expressions, and the rebuild (supervision-rollup.ts) uses them, so a
 * task counts the same whether a trigger or a rebuild counted it.
 *
 * A task's working days to answer (domain/supervision/figures.ts) are W(answer
 * date) − W(receipt date), W counting working days from a fixed origin, or 0 when
 * it was answered on the day of receipt. W of a Shanghai date is read from
 * SupervisionCalendarYear: `before` + the 1s among the first day-of-year
 * characters of `days` — one primary-key seek, no loop over days.
 */
export type Dialect = 'sqlite' | 'postgres';

/** Shanghai (fixed UTC+8 since 1992, as figures.ts reckons it) date, year and day of year of a timestamp expression. */
const shanghai = (d: Dialect, ts: string) =>
  d === 'postgres'
    ? {
        date: `to_char(${ts} + interval '8 hours', 'YYYY-MM-DD')`,
        year: `CAST(to_char(${ts} + interval '8 hours', 'YYYY') AS INTEGER)`,
        dayOfYear: `CAST(to_char(${ts} + interval '8 hours', 'DDD') AS INTEGER)`,
      }
    : {
        date: `date(${ts}, '+8 hours')`,
        year: `CAST(strftime('%Y', ${ts}, '+8 hours') AS INTEGER)`,
        dayOfYear: `CAST(strftime('%j', ${ts}, '+8 hours') AS INTEGER)`,
      };

export const shanghaiDateSql = (d: Dialect, ts: string) => shanghai(d, ts).date;
/** yyyy-MM of a timestamp, Shanghai: the key of the month rollups. */
export const shanghaiMonthSql = (d: Dialect, ts: string) => `substr(${shanghaiDateSql(d, ts)}, 1, 7)`;

/**
 * Each rollup by day has a twin by month (SupervisionMonth, SupervisionReportMonth),
 * kept by the same triggers: a period of whole months — the page's presets —
 * reads organisations × months rows, and any other period its whole months
 * there and only the days at either end by day.
 */
export const GRAINS = [
  { day: 'SupervisionDay', month: 'SupervisionMonth' },
  { day: 'SupervisionReportDay', month: 'SupervisionReportMonth' },
] as const;
const keyOf = (d: Dialect, grain: 'day' | 'month', ts: string) => (grain === 'day' ? shanghaiDateSql(d, ts) : shanghaiMonthSql(d, ts));

/** W(Shanghai date of ts); null when the calendar table does not hold its year. */
const workingIndexSql = (d: Dialect, ts: string) => {
  const s = shanghai(d, ts);
  return `(SELECT cy."before" + length(replace(substr(cy."days", 1, ${s.dayOfYear}), '0', '')) FROM "SupervisionCalendarYear" cy WHERE cy."year" = ${s.year})`;
};

/** The working days from receipt to answer of a task row (`r` its alias or OLD/NEW). */
export const workingDaysSql = (d: Dialect, r: string) =>
  `CASE WHEN ${shanghaiDateSql(d, `${r}."completedAt"`)} > ${shanghaiDateSql(d, `${r}."createdAt"`)} ` +
  `THEN ${workingIndexSql(d, `${r}."completedAt"`)} - ${workingIndexSql(d, `${r}."createdAt"`)} ELSE 0 END`;

/** answeredOnTime (figures.ts) of a task row: by the deadline in force; without one, on time unless marked overdue. */
export const onTimeSql = (r: string) =>
  `CASE WHEN (${r}."dueAt" IS NOT NULL AND ${r}."completedAt" <= ${r}."dueAt") OR (${r}."dueAt" IS NULL AND ${r}."overdueSince" IS NULL) THEN 1 ELSE 0 END`;

/** A task that counts: answered (done, cancelled never), with its time of answer. */
export const answeredSql = (r: string) => `${r}."status" = 'done' AND ${r}."completedAt" IS NOT NULL`;

const addToCell = (table: string, key: string) =>
  `ON CONFLICT ("${key}", "orgId") DO UPDATE SET "answered" = "${table}"."answered" + excluded."answered", ` +
  `"onTime" = "${table}"."onTime" + excluded."onTime", "workingDays" = "${table}"."workingDays" + excluded."workingDays"`;

/** Adds (sign 1) or takes away (sign -1) one task row's contribution to its cell, when it counts. */
export const applyRowSql = (d: Dialect, r: string, sign: 1 | -1): string[] => {
  const s = sign === 1 ? '' : '-';
  return (['day', 'month'] as const).map((grain) => {
    const table = GRAINS[0][grain];
    return (
      `INSERT INTO "${table}" ("${grain}", "orgId", "answered", "onTime", "workingDays") ` +
      `SELECT ${keyOf(d, grain, `${r}."completedAt"`)}, ${r}."assigneeOrgId", ${s}1, ${s}(${onTimeSql(r)}), ${s}(${workingDaysSql(d, r)}) ` +
      `WHERE ${answeredSql(r)} ${addToCell(table, grain)}`
    );
  });
};

/** PostgreSQL advisory lock key: triggers share it, a calendar rewrite takes it alone (supervision-rollup.ts). */
export const CALENDAR_LOCK_KEY = 727275;

/** The Task columns a task's contribution depends on: an update of any other column leaves the rollup alone. */
export const COUNTED_COLUMNS = ['status', 'completedAt', 'createdAt', 'dueAt', 'overdueSince', 'assigneeOrgId'] as const;

/**
 * Open tasks with a deadline per Shanghai day of the deadline and organisation,
 * and how many of them are marked overdue (SupervisionOpenDue): a day whose
 * count falls to 0 is deleted, so the days before today are those with a late
 * task, however many tasks the city holds.
 */
const openDueSql = (r: string) => `${r}."status" = 'open' AND ${r}."dueAt" IS NOT NULL`;
const applyOpenDueSql = (d: Dialect, r: string, sign: 1 | -1) =>
  `INSERT INTO "SupervisionOpenDue" ("day", "orgId", "open", "marked") ` +
  `SELECT ${shanghaiDateSql(d, `${r}."dueAt"`)}, ${r}."assigneeOrgId", ${sign}, ${sign === 1 ? '' : '-'}(CASE WHEN ${r}."overdueSince" IS NOT NULL THEN 1 ELSE 0 END) WHERE ${openDueSql(r)} ` +
  `ON CONFLICT ("day", "orgId") DO UPDATE SET "open" = "SupervisionOpenDue"."open" + excluded."open", "marked" = "SupervisionOpenDue"."marked" + excluded."marked"`;
const dropEmptyOpenDueSql = (d: Dialect, r: string) =>
  `DELETE FROM "SupervisionOpenDue" WHERE "day" = ${shanghaiDateSql(d, `${r}."dueAt"`)} AND "orgId" = ${r}."assigneeOrgId" AND "open" = 0`;
const OPEN_DUE_COLUMNS = '"status", "dueAt", "overdueSince", "assigneeOrgId"';

/**
 * Problem reports (problem-data cases) per Shanghai day of filing and provider
 * (SupervisionReportDay; orgId '' is the city's total, each case once): a case
 * counts for an organisation while it holds a provider-reviewer task on it, and
 * as closed while the case is closed (figures.ts problemReportsReceived/Closed).
 */
export const PROVIDER_ROLE = 'provider-reviewer';
export const CITY_TOTAL = '';
const addToReports = (table: string, key: string) =>
  `ON CONFLICT ("${key}", "orgId") DO UPDATE SET "received" = "${table}"."received" + excluded."received", "closed" = "${table}"."closed" + excluded."closed"`;
const BOTH_GRAINS = ['day', 'month'] as const;
const closedSql = (c: string) => `CASE WHEN ${c}."status" = 'closed' THEN 1 ELSE 0 END`;
/** One provider task row `r` joining (sign 1) or leaving (sign -1) its case's counts: only the organisation's first task on the case, and the case's first provider task, count. */
const applyProviderTaskSql = (d: Dialect, r: string, sign: 1 | -1) => {
  const s = sign === 1 ? '' : '-';
  const others = (sameOrg: boolean) =>
    `NOT EXISTS (SELECT 1 FROM "Task" o WHERE o."caseId" = ${r}."caseId" AND o."assigneeRole" = '${PROVIDER_ROLE}'${sameOrg ? ` AND o."assigneeOrgId" = ${r}."assigneeOrgId"` : ''} AND o."id" <> ${r}."id")`;
  const row = (grain: 'day' | 'month', orgId: string, sameOrg: boolean) =>
    `INSERT INTO "${GRAINS[1][grain]}" ("${grain}", "orgId", "received", "closed") SELECT ${keyOf(d, grain, 'c."createdAt"')}, ${orgId}, ${s}1, ${s}(${closedSql('c')}) FROM "Case" c ` +
    `WHERE c."id" = ${r}."caseId" AND c."type" = 'problem-data' AND ${r}."assigneeRole" = '${PROVIDER_ROLE}' AND ${others(sameOrg)} ${addToReports(GRAINS[1][grain], grain)}`;
  return BOTH_GRAINS.flatMap((g) => [row(g, `${r}."assigneeOrgId"`, true), row(g, `'${CITY_TOTAL}'`, false)]);
};
/** A case `c` (OLD or NEW) adding or taking away its counts for every provider, and for the total. */
const applyReportCaseSql = (d: Dialect, c: string, sign: 1 | -1) => {
  const s = sign === 1 ? '' : '-';
  return BOTH_GRAINS.flatMap((g) => [
    `INSERT INTO "${GRAINS[1][g]}" ("${g}", "orgId", "received", "closed") SELECT ${keyOf(d, g, `${c}."createdAt"`)}, t."assigneeOrgId", ${s}1, ${s}(${closedSql(c)}) FROM "Task" t ` +
      `WHERE t."caseId" = ${c}."id" AND t."assigneeRole" = '${PROVIDER_ROLE}' AND ${c}."type" = 'problem-data' GROUP BY t."assigneeOrgId" ${addToReports(GRAINS[1][g], g)}`,
    `INSERT INTO "${GRAINS[1][g]}" ("${g}", "orgId", "received", "closed") SELECT ${keyOf(d, g, `${c}."createdAt"`)}, '${CITY_TOTAL}', ${s}1, ${s}(${closedSql(c)}) ` +
      `WHERE ${c}."type" = 'problem-data' AND EXISTS (SELECT 1 FROM "Task" t WHERE t."caseId" = ${c}."id" AND t."assigneeRole" = '${PROVIDER_ROLE}') ${addToReports(GRAINS[1][g], g)}`,
  ]);
};
const reportTaskChanged = `OLD."caseId" <> NEW."caseId" OR OLD."assigneeOrgId" <> NEW."assigneeOrgId" OR OLD."assigneeRole" <> NEW."assigneeRole"`;
const reportCaseChanged =
  `(OLD."type" = 'problem-data' OR NEW."type" = 'problem-data') AND ` +
  `((${closedSql('OLD')}) <> (${closedSql('NEW')}) OR OLD."type" <> NEW."type" OR OLD."createdAt" <> NEW."createdAt")`;

/** The backfill of the two rollups that need no calendar, from the rows already there (the migration runs it). */
export function backfillSql(d: Dialect): string[] {
  return [
    `INSERT INTO "SupervisionOpenDue" ("day", "orgId", "open", "marked") SELECT ${shanghaiDateSql(d, 't."dueAt"')}, t."assigneeOrgId", COUNT(*), ` +
      `SUM(CASE WHEN t."overdueSince" IS NOT NULL THEN 1 ELSE 0 END) FROM "Task" t WHERE ${openDueSql('t')} GROUP BY 1, 2`,
    ...BOTH_GRAINS.flatMap((g) => [
      `INSERT INTO "${GRAINS[1][g]}" ("${g}", "orgId", "received", "closed") SELECT "k", "orgId", COUNT(*), SUM("closed") FROM (` +
        `SELECT DISTINCT ${keyOf(d, g, 'c."createdAt"')} AS "k", t."assigneeOrgId" AS "orgId", c."id", ${closedSql('c')} AS "closed" FROM "Case" c JOIN "Task" t ON t."caseId" = c."id" AND t."assigneeRole" = '${PROVIDER_ROLE}' WHERE c."type" = 'problem-data'` +
        `) AS p GROUP BY "k", "orgId"`,
      `INSERT INTO "${GRAINS[1][g]}" ("${g}", "orgId", "received", "closed") SELECT ${keyOf(d, g, 'c."createdAt"')}, '${CITY_TOTAL}', COUNT(*), SUM(${closedSql('c')}) FROM "Case" c ` +
        `WHERE c."type" = 'problem-data' AND EXISTS (SELECT 1 FROM "Task" t WHERE t."caseId" = c."id" AND t."assigneeRole" = '${PROVIDER_ROLE}') GROUP BY 1`,
    ]),
  ];
}

/** The trigger statements of the migration (printed once by hand; the migration is the committed text). */
export function triggerSql(d: Dialect): string {
  const cols = COUNTED_COLUMNS.map((c) => `"${c}"`).join(', ');
  const body = (stmts: string[], indent = '  ') => stmts.map((x) => `${indent}${x};`).join('\n');
  if (d === 'sqlite') {
    const trigger = (name: string, event: string, when: string, stmts: string[]) => `CREATE TRIGGER "${name}" ${event} WHEN ${when}\nBEGIN\n${body(stmts)}\nEND;`;
    return [
      trigger('Task_supervision_insert', 'AFTER INSERT ON "Task"', answeredSql('NEW'), applyRowSql(d, 'NEW', 1)),
      trigger('Task_supervision_delete', 'AFTER DELETE ON "Task"', answeredSql('OLD'), applyRowSql(d, 'OLD', -1)),
      trigger('Task_supervision_update', `AFTER UPDATE OF ${cols} ON "Task"`, `(${answeredSql('OLD')}) OR (${answeredSql('NEW')})`, [...applyRowSql(d, 'OLD', -1), ...applyRowSql(d, 'NEW', 1)]),
      trigger('Task_open_due_insert', 'AFTER INSERT ON "Task"', openDueSql('NEW'), [applyOpenDueSql(d, 'NEW', 1)]),
      trigger('Task_open_due_delete', 'AFTER DELETE ON "Task"', openDueSql('OLD'), [applyOpenDueSql(d, 'OLD', -1), dropEmptyOpenDueSql(d, 'OLD')]),
      trigger('Task_open_due_update', `AFTER UPDATE OF ${OPEN_DUE_COLUMNS} ON "Task"`, `(${openDueSql('OLD')}) OR (${openDueSql('NEW')})`, [
        applyOpenDueSql(d, 'NEW', 1),
        applyOpenDueSql(d, 'OLD', -1),
        dropEmptyOpenDueSql(d, 'OLD'),
      ]),
      trigger('Task_problem_reports_insert', 'AFTER INSERT ON "Task"', `NEW."assigneeRole" = '${PROVIDER_ROLE}'`, applyProviderTaskSql(d, 'NEW', 1)),
      trigger('Task_problem_reports_delete', 'AFTER DELETE ON "Task"', `OLD."assigneeRole" = '${PROVIDER_ROLE}'`, applyProviderTaskSql(d, 'OLD', -1)),
      trigger('Task_problem_reports_update', 'AFTER UPDATE OF "caseId", "assigneeOrgId", "assigneeRole" ON "Task"', reportTaskChanged, [
        ...applyProviderTaskSql(d, 'OLD', -1),
        ...applyProviderTaskSql(d, 'NEW', 1),
      ]),
      trigger('Case_problem_reports_update', 'AFTER UPDATE OF "status", "type", "createdAt" ON "Case"', reportCaseChanged, [
        ...applyReportCaseSql(d, 'OLD', -1),
        ...applyReportCaseSql(d, 'NEW', 1),
      ]),
    ].join('\n\n');
  }
  const fn = (name: string, blocks: string) => `CREATE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n${blocks}  RETURN NULL;\nEND;\n$$;`;
  const onOld = (when: string, stmts: string[], lock = false) =>
    `  IF TG_OP <> 'INSERT' THEN\n    IF ${when} THEN\n${lock ? `      PERFORM pg_advisory_xact_lock_shared(${CALENDAR_LOCK_KEY});\n` : ''}${body(stmts, '      ')}\n    END IF;\n  END IF;\n`;
  const onNew = (when: string, stmts: string[], lock = false) =>
    `  IF TG_OP <> 'DELETE' THEN\n    IF ${when} THEN\n${lock ? `      PERFORM pg_advisory_xact_lock_shared(${CALENDAR_LOCK_KEY});\n` : ''}${body(stmts, '      ')}\n    END IF;\n  END IF;\n`;
  return [
    fn('Task_supervision_day', onOld(answeredSql('OLD'), applyRowSql(d, 'OLD', -1), true) + onNew(answeredSql('NEW'), applyRowSql(d, 'NEW', 1), true)),
    `CREATE TRIGGER "Task_supervision_day" AFTER INSERT OR DELETE OR UPDATE OF ${cols} ON "Task" FOR EACH ROW EXECUTE FUNCTION "Task_supervision_day"();`,
    fn('Task_open_due', onNew(openDueSql('NEW'), [applyOpenDueSql(d, 'NEW', 1)]) + onOld(openDueSql('OLD'), [applyOpenDueSql(d, 'OLD', -1), dropEmptyOpenDueSql(d, 'OLD')])),
    `CREATE TRIGGER "Task_open_due" AFTER INSERT OR DELETE OR UPDATE OF ${OPEN_DUE_COLUMNS} ON "Task" FOR EACH ROW EXECUTE FUNCTION "Task_open_due"();`,
    fn('Task_problem_reports', onOld(`OLD."assigneeRole" = '${PROVIDER_ROLE}'`, applyProviderTaskSql(d, 'OLD', -1)) + onNew(`NEW."assigneeRole" = '${PROVIDER_ROLE}'`, applyProviderTaskSql(d, 'NEW', 1))),
    `CREATE TRIGGER "Task_problem_reports" AFTER INSERT OR DELETE ON "Task" FOR EACH ROW EXECUTE FUNCTION "Task_problem_reports"();`,
    `CREATE TRIGGER "Task_problem_reports_update" AFTER UPDATE OF "caseId", "assigneeOrgId", "assigneeRole" ON "Task" FOR EACH ROW WHEN (${reportTaskChanged}) EXECUTE FUNCTION "Task_problem_reports"();`,
    fn('Case_problem_reports', body([...applyReportCaseSql(d, 'OLD', -1), ...applyReportCaseSql(d, 'NEW', 1)]) + '\n'),
    `CREATE TRIGGER "Case_problem_reports" AFTER UPDATE OF "status", "type", "createdAt" ON "Case" FOR EACH ROW WHEN (${reportCaseChanged}) EXECUTE FUNCTION "Case_problem_reports"();`,
  ].join('\n\n');
}
