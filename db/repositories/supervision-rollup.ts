/**
 * The supervision rollup: tasks answered per Shanghai day and organisation
 * (SupervisionDay), kept by triggers on Task (migration
 * 20261201100000_supervision_rollup), with the sum of their working days to
 * answer by the calendar in SupervisionCalendarYear.
 *
 * The working days depend on the calendar in force, so whenever it may have
 * changed — at start-up (a release may bring new bundled data), when a year is
 * published or withdrawn, or when a task's date lies outside the years held —
 * `refreshSupervisionCalendar` recomputes the years from the calendar, and from
 * the first year that differs rewrites them and rebuilds the rollup from the Task
 * rows (the tasks answered since that year: the only ones whose working days can
 * have moved). On PostgreSQL it holds an advisory lock the triggers share, so no
 * task is counted by the old calendar into a rebuilt day; SQLite has one writer.
 */
import { isPostgres, type Db } from '../client';
import { createWorkingDayCalendar, type PublishedYear } from '../../domain/calendar';
import type { AnsweredTally, ProblemReportCount } from '../../domain/supervision/figures';
import type { SupervisionPeriod } from '../../domain/supervision/period';
import { fromJson } from '../json';
import { SqlParams } from '../sql-params';
import { answeredSql, CALENDAR_LOCK_KEY, CITY_TOTAL, GRAINS, onTimeSql, shanghaiDateSql, shanghaiMonthSql, workingDaysSql, type Dialect } from './supervision-rollup-sql';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

const dialectOf = (db: unknown): Dialect => (isPostgres(db) ? 'postgres' : 'sqlite');

/** Years held besides those the tasks need: this one, the next (a year's first answers land before any restart), the two before. */
const YEARS_AROUND_NOW = { before: 2, after: 1 };

/** One character per day of `year` (1 working, 0 not), by the calendar. */
function dayFlags(calendar: ReturnType<typeof createWorkingDayCalendar>, year: number): string {
  let flags = '';
  for (let m = 1; m <= 12; m++) for (const d of calendar.month(year, m)) flags += d.working ? '1' : '0';
  return flags;
}

/** Flags of the years with no published schedule depend only on the code (bundled or provisional): computed once per process. */
const unpublishedFlags = new Map<number, string>();

/** 00:00 Shanghai of 1 January of `year`, as an instant. */
const startOfYear = (year: number) => new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000);

async function taskYears(db: Tx, d: Dialect): Promise<{ first: number | null; last: number | null }> {
  // Receipt and answer years of the answered tasks: the ones whose working days the rollup holds.
  const [row] = await db.$queryRawUnsafe<{ first: string | null; last: string | null }[]>(
    `SELECT MIN(${shanghaiDateSql(d, '"createdAt"')}) AS "first", MAX(${shanghaiDateSql(d, '"completedAt"')}) AS "last" FROM "Task" WHERE "status" = 'done' AND "completedAt" IS NOT NULL`,
  );
  return { first: row?.first ? Number(row.first.slice(0, 4)) : null, last: row?.last ? Number(row.last.slice(0, 4)) : null };
}

/**
 * Brings SupervisionCalendarYear to the calendar in force and rebuilds the
 * rollup from the first year that changed. Runs inside the caller's transaction
 * (the calendar publish path) or its own. Returns the first year rebuilt, or null.
 */
export async function refreshSupervisionCalendar(db: Db | Tx, now: Date = new Date()): Promise<number | null> {
  const d = dialectOf(db);
  const run = async (tx: Tx): Promise<number | null> => {
    if (d === 'postgres') await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${CALENDAR_LOCK_KEY})`);
    // SQLite: a write first takes the write lock, so no other writer can commit a task between our reads and writes.
    else await tx.$executeRawUnsafe(`UPDATE "SupervisionCalendarYear" SET "year" = "year" WHERE "year" = -1`);
    const published: PublishedYear[] = (await tx.calendarYear.findMany({ orderBy: { year: 'asc' } })).map((r) => ({
      year: r.year,
      holidays: fromJson<PublishedYear['holidays']>(r.holidays),
      workdays: fromJson<PublishedYear['workdays']>(r.workdays),
    }));
    const stored = new Map((await tx.supervisionCalendarYear.findMany()).map((r) => [r.year, r]));
    const tasks = await taskYears(tx, d);
    const thisYear = new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear();
    const years = [thisYear - YEARS_AROUND_NOW.before, thisYear + YEARS_AROUND_NOW.after, ...stored.keys(), ...published.map((p) => p.year)];
    if (tasks.first !== null) years.push(tasks.first);
    if (tasks.last !== null) years.push(tasks.last);
    const first = Math.min(...years);
    const last = Math.max(...years);

    const calendar = createWorkingDayCalendar(published);
    const publishedYears = new Set(published.map((p) => p.year));
    const wanted: { year: number; before: number; days: string }[] = [];
    let before = 0;
    for (let year = first; year <= last; year++) {
      let days = publishedYears.has(year) ? undefined : unpublishedFlags.get(year);
      if (days === undefined) {
        days = dayFlags(calendar, year);
        if (!publishedYears.has(year)) unpublishedFlags.set(year, days);
      }
      wanted.push({ year, before, days });
      before += days.replaceAll('0', '').length;
    }
    const changed = wanted.find((w) => {
      const s = stored.get(w.year);
      return !s || s.before !== w.before || s.days !== w.days;
    });
    if (!changed) return null;
    const from = changed.year;
    await tx.supervisionCalendarYear.deleteMany({ where: { year: { gte: from } } });
    await tx.supervisionCalendarYear.createMany({ data: wanted.filter((w) => w.year >= from) });
    // Every day answered since `from` is rebuilt from its tasks; days before it cannot have moved.
    const fromDay = `${from}-01-01`;
    for (const [table, key, keySql, since] of [
      ['SupervisionDay', 'day', shanghaiDateSql(d, 't."completedAt"'), fromDay],
      ['SupervisionMonth', 'month', shanghaiMonthSql(d, 't."completedAt"'), fromDay.slice(0, 7)],
    ] as const) {
      await tx.$executeRawUnsafe(`DELETE FROM "${table}" WHERE "${key}" >= ${d === 'postgres' ? '$1' : '?'}`, since);
      await tx.$executeRawUnsafe(
        `INSERT INTO "${table}" ("${key}", "orgId", "answered", "onTime", "workingDays") ` +
          `SELECT ${keySql}, t."assigneeOrgId", COUNT(*), SUM(${onTimeSql('t')}), SUM(${workingDaysSql(d, 't')}) ` +
          `FROM "Task" t WHERE ${answeredSql('t')} AND t."completedAt" >= ${d === 'postgres' ? '$1' : '?'} GROUP BY 1, 2`,
        startOfYear(from),
      );
    }
    return from;
  };
  if ('$transaction' in db) return db.$transaction(run, { timeout: 120_000, maxWait: 30_000 });
  return run(db);
}

const DAY_MS = 86_400_000;
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const lastOfMonth = (date: string) => addDays(`${addDays(`${date.slice(0, 7)}-28`, 4).slice(0, 7)}-01`, -1);

/** A period as the whole months inside it (month rows) and the days at either end (day rows). */
export function periodGrains(from: string, to: string): { days: [string, string][]; months: [string, string] | null } {
  const firstFull = from.endsWith('-01') ? from : addDays(lastOfMonth(from), 1);
  const lastFull = to === lastOfMonth(to) ? to : addDays(`${to.slice(0, 7)}-01`, -1);
  if (firstFull > lastFull) return { days: [[from, to]], months: null };
  const days: [string, string][] = [];
  if (from < firstFull) days.push([from, addDays(firstFull, -1)]);
  if (lastFull < to) days.push([addDays(lastFull, 1), to]);
  return { days, months: [firstFull.slice(0, 7), lastFull.slice(0, 7)] };
}

/** SELECT `columns` of one rollup over the period: its month twin for whole months, its day rows for the rest (one key range each). */
function overPeriod(sql: SqlParams, grains: (typeof GRAINS)[number], columns: string, period: SupervisionPeriod): string {
  const parts = periodGrains(period.from, period.to);
  const selects = parts.days.map(([a, b]) => `SELECT ${columns} FROM "${grains.day}" WHERE "day" >= ${sql.p(a)} AND "day" <= ${sql.p(b)}`);
  if (parts.months) {
    selects.push(`SELECT ${columns} FROM "${grains.month}" WHERE "month" >= ${sql.p(parts.months[0])} AND "month" <= ${sql.p(parts.months[1])}`);
  }
  return selects.join(' UNION ALL ');
}

/**
 * Each organisation's tasks answered in the period, from the rollups: at most
 * (months + days at the ends) × organisations rows. A row whose working days
 * are unknown (a task dated outside the calendar years held) makes it refresh
 * the calendar once and read again.
 */
export async function answeredPerOrg(db: Db, period: SupervisionPeriod, now: Date = new Date()): Promise<Map<string, AnsweredTally>> {
  const sql = SqlParams.of(db);
  const rows = overPeriod(sql, GRAINS[0], '"orgId", "answered", "onTime", "workingDays"', period);
  const read = () =>
    db.$queryRawUnsafe<{ orgId: string; handled: number | bigint; onTime: number | bigint; workingDays: number | bigint | null; unknown: number | bigint }[]>(
      `SELECT "orgId", SUM("answered") AS "handled", SUM("onTime") AS "onTime", SUM("workingDays") AS "workingDays", ` +
        `SUM(CASE WHEN "workingDays" IS NULL THEN 1 ELSE 0 END) AS "unknown" FROM (${rows}) AS r GROUP BY "orgId"`,
      ...sql.values,
    );
  let answered = await read();
  if (answered.some((r) => Number(r.unknown) > 0)) {
    await refreshSupervisionCalendar(db, now);
    answered = await read();
  }
  const tallies = new Map<string, AnsweredTally>();
  for (const r of answered) {
    // A day whose tasks were all taken back (deleted, or no longer done) stays with zeros: not a task handled.
    if (Number(r.handled) === 0) continue;
    tallies.set(r.orgId, { handled: Number(r.handled), onTime: Number(r.onTime), workingDays: Number(r.workingDays) });
  }
  return tallies;
}

/** The Shanghai day of `now` (yyyy-MM-dd) with the instants it starts and ends at. */
function shanghaiToday(now: Date): { day: string; start: Date; end: Date } {
  const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const start = Date.parse(`${day}T00:00:00Z`) - 8 * 3_600_000;
  return { day, start: new Date(start), end: new Date(start + 86_400_000) };
}

/**
 * The open overdue tasks now per organisation, exactly the rows of 逾期督办: an
 * open task past its deadline, or marked overdue by its workflow (with a
 * deadline). A task becomes late by the clock, not by a write, so the rollup
 * holds open tasks by the day of their deadline and the read splits at now:
 * every open task due today or before and every marked one due after today
 * from SupervisionOpenDue ((organisations × days) rows), less today's not yet
 * due and not marked, from Task(status, overdueSince, dueAt, assigneeOrgId):
 * the rest of one day's deadlines — none when deadlines fall at 00:00, as the
 * calendar sets them — never the city's backlog.
 */
export async function openOverduePerOrg(db: Db, now: Date): Promise<Map<string, number>> {
  const sql = SqlParams.of(db);
  const today = shanghaiToday(now);
  // SQLite's statistics could prefer Task(status, dueAt, …) and look up every task due later today.
  const notYet = `"Task"${sql.pg ? '' : ' INDEXED BY "Task_status_overdueSince_dueAt_assigneeOrgId_idx"'}`;
  const rows = await db.$queryRawUnsafe<{ orgId: string; n: number | bigint }[]>(
    `SELECT "orgId", SUM("n") AS "n" FROM (` +
      `SELECT "orgId", "open" AS "n" FROM "SupervisionOpenDue" WHERE "day" <= ${sql.p(today.day)} ` +
      `UNION ALL SELECT "orgId", "marked" AS "n" FROM "SupervisionOpenDue" WHERE "day" > ${sql.p(today.day)} AND "marked" > 0 ` +
      `UNION ALL SELECT "assigneeOrgId" AS "orgId", -1 AS "n" FROM ${notYet} WHERE "status" = 'open' AND "overdueSince" IS NULL AND "dueAt" > ${sql.p(now)} AND "dueAt" < ${sql.p(today.end)}` +
      `) AS late GROUP BY "orgId"`,
    ...sql.values,
  );
  // An organisation whose only tasks of today are not yet due nets 0: nothing overdue.
  return new Map(rows.filter((r) => Number(r.n) > 0).map((r) => [r.orgId, Number(r.n)]));
}

/** The problem reports filed in the period per provider and in all (each case once), with how many are closed, from SupervisionReport{Month,Day}. */
export async function problemReportsPerOrg(db: Db, period: SupervisionPeriod): Promise<{ perOrg: Map<string, ProblemReportCount>; total: ProblemReportCount }> {
  const sql = SqlParams.of(db);
  const reports = overPeriod(sql, GRAINS[1], '"orgId", "received", "closed"', period);
  const rows = await db.$queryRawUnsafe<{ orgId: string; received: number | bigint; closed: number | bigint }[]>(
    `SELECT "orgId", SUM("received") AS "received", SUM("closed") AS "closed" FROM (${reports}) AS r GROUP BY "orgId"`,
    ...sql.values,
  );
  const perOrg = new Map<string, ProblemReportCount>();
  let total: ProblemReportCount = { received: 0, closed: 0 };
  for (const r of rows) {
    const count = { received: Number(r.received), closed: Number(r.closed) };
    if (r.orgId === CITY_TOTAL) total = count;
    // An organisation whose reports of the period were all taken back is not a provider of any.
    else if (count.received > 0) perOrg.set(r.orgId, count);
  }
  return { perOrg, total };
}
