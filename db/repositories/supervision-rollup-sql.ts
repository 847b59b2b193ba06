/**
 * The SQL of the supervision rollup (SupervisionDay), in both dialects, from one
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

const ADD_TO_CELL =
  `ON CONFLICT ("day", "orgId") DO UPDATE SET "answered" = "SupervisionDay"."answered" + excluded."answered", ` +
  `"onTime" = "SupervisionDay"."onTime" + excluded."onTime", "workingDays" = "SupervisionDay"."workingDays" + excluded."workingDays"`;

/** Adds (sign 1) or takes away (sign -1) one task row's contribution to its cell, when it counts. */
export const applyRowSql = (d: Dialect, r: string, sign: 1 | -1) => {
  const s = sign === 1 ? '' : '-';
  return (
    `INSERT INTO "SupervisionDay" ("day", "orgId", "answered", "onTime", "workingDays") ` +
    `SELECT ${shanghaiDateSql(d, `${r}."completedAt"`)}, ${r}."assigneeOrgId", ${s}1, ${s}(${onTimeSql(r)}), ${s}(${workingDaysSql(d, r)}) ` +
    `WHERE ${answeredSql(r)} ${ADD_TO_CELL}`
  );
};

/** PostgreSQL advisory lock key: triggers share it, a calendar rewrite takes it alone (supervision-rollup.ts). */
export const CALENDAR_LOCK_KEY = 727275;

/** The Task columns a task's contribution depends on: an update of any other column leaves the rollup alone. */
export const COUNTED_COLUMNS = ['status', 'completedAt', 'createdAt', 'dueAt', 'overdueSince', 'assigneeOrgId'] as const;

/** The trigger statements of the migration (printed once by hand; the migration is the committed text). */
export function triggerSql(d: Dialect): string {
  const cols = COUNTED_COLUMNS.map((c) => `"${c}"`).join(', ');
  if (d === 'sqlite') {
    return [
      `CREATE TRIGGER "Task_supervision_insert" AFTER INSERT ON "Task" WHEN ${answeredSql('NEW')}\nBEGIN\n  ${applyRowSql(d, 'NEW', 1)};\nEND;`,
      `CREATE TRIGGER "Task_supervision_delete" AFTER DELETE ON "Task" WHEN ${answeredSql('OLD')}\nBEGIN\n  ${applyRowSql(d, 'OLD', -1)};\nEND;`,
      `CREATE TRIGGER "Task_supervision_update" AFTER UPDATE OF ${cols} ON "Task" WHEN (${answeredSql('OLD')}) OR (${answeredSql('NEW')})\n` +
        `BEGIN\n  ${applyRowSql(d, 'OLD', -1)};\n  ${applyRowSql(d, 'NEW', 1)};\nEND;`,
    ].join('\n\n');
  }
  return [
    `CREATE FUNCTION "Task_supervision_day"() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n` +
      `  IF TG_OP <> 'INSERT' THEN\n    IF ${answeredSql('OLD')} THEN\n      PERFORM pg_advisory_xact_lock_shared(${CALENDAR_LOCK_KEY});\n      ${applyRowSql(d, 'OLD', -1)};\n    END IF;\n  END IF;\n` +
      `  IF TG_OP <> 'DELETE' THEN\n    IF ${answeredSql('NEW')} THEN\n      PERFORM pg_advisory_xact_lock_shared(${CALENDAR_LOCK_KEY});\n      ${applyRowSql(d, 'NEW', 1)};\n    END IF;\n  END IF;\n` +
      `  RETURN NULL;\nEND;\n$$;`,
    `CREATE TRIGGER "Task_supervision_day" AFTER INSERT OR DELETE OR UPDATE OF ${cols} ON "Task" FOR EACH ROW EXECUTE FUNCTION "Task_supervision_day"();`,
  ].join('\n\n');
}
