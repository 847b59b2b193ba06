/**
 * The supervision rollup (SupervisionDay) always equals a fresh computation from
 * the Task rows with the domain's own arithmetic (answeredOnTime,
 * createWorkingDaysToAnswer over the calendar in force): after closes through the
 * projection, a retried batch, cancellations, a deadline moved after the answer,
 * a year published and withdrawn, a task dated outside the calendar years held,
 * and the backfill of a database whose tasks predate the rollup.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '../client';
import { toJson } from '../json';
import { prepareDatabase } from '../../scripts/prepare-database';
import { createPlanAhead } from '../../activities/deadline.activities';
import { createProjectionActivities } from '../../activities/projection.activities';
import { createCalendarRepository } from './calendar.repository';
import { createSupervisionRepository } from './supervision.repository';
import { createWorkingDayCalendar, toShanghaiDate } from '../../domain/calendar';
import { answeredOnTime, createWorkingDaysToAnswer } from '../../domain/supervision/figures';
import { resolvePeriod, type SupervisionPeriod } from '../../domain/supervision/period';
import type { ProjectionOp } from '../../domain/cases/projection';
import { backfillSql, triggerSql } from './supervision-rollup-sql';
import { answeredPerOrg, periodGrains, problemReportsPerOrg } from './supervision-rollup';

const NOW = new Date('2026-10-16T10:00:00+08:00');
const OCTOBER = resolvePeriod({ from: '2026-10-01', to: '2026-10-31' }, NOW) as SupervisionPeriod;
const A = 'roll-a';
const B = 'roll-b';

let dir: string;
let url: string;
let db: Db;
let project: (ops: ProjectionOp[]) => Promise<unknown>;

type Cells = Map<string, { answered: number; onTime: number; workingDays: number }>;

/** What the rollup should hold: every done task of the Task table, tallied by the domain per Shanghai day of answer and organisation. */
async function fresh(): Promise<Cells> {
  const calendar = createWorkingDayCalendar(await createCalendarRepository(db).publishedYears());
  const days = createWorkingDaysToAnswer(calendar);
  const cells: Cells = new Map();
  const tasks = await db.task.findMany({ where: { status: 'done', completedAt: { not: null } }, orderBy: { createdAt: 'asc' } });
  for (const t of tasks) {
    const completedAt = t.completedAt as Date;
    const key = `${toShanghaiDate(completedAt)} ${t.assigneeOrgId}`;
    const c = cells.get(key) ?? { answered: 0, onTime: 0, workingDays: 0 };
    c.answered++;
    c.onTime += answeredOnTime({ completedAt, dueAt: t.dueAt, overdueSince: t.overdueSince }) ? 1 : 0;
    c.workingDays += days(t.createdAt, completedAt);
    cells.set(key, c);
  }
  return cells;
}

/** What the rollup holds (a day whose tasks were all taken back must be all zeros). */
async function rollup(): Promise<Cells> {
  const cells: Cells = new Map();
  for (const r of await db.supervisionDay.findMany()) {
    if (r.answered === 0) {
      assert.deepEqual([r.onTime, r.workingDays], [0, 0], `${r.day} ${r.orgId} holds no task but counts some`);
      continue;
    }
    assert.notEqual(r.workingDays, null, `${r.day} ${r.orgId}: working days unknown`);
    cells.set(`${r.day} ${r.orgId}`, { answered: r.answered, onTime: r.onTime, workingDays: r.workingDays as number });
  }
  return cells;
}

/** Open tasks with a deadline (and how many marked overdue) per Shanghai day of the deadline and organisation, from the Task rows; and as the rollup holds them (no empty day kept). */
async function freshOpenDue(): Promise<Map<string, [number, number]>> {
  const m = new Map<string, [number, number]>();
  for (const t of await db.task.findMany({ where: { status: 'open', dueAt: { not: null } } })) {
    const key = `${toShanghaiDate(t.dueAt as Date)} ${t.assigneeOrgId}`;
    const [open, marked] = m.get(key) ?? [0, 0];
    m.set(key, [open + 1, marked + (t.overdueSince ? 1 : 0)]);
  }
  return m;
}
async function rolledOpenDue(): Promise<Map<string, [number, number]>> {
  const rows = await db.supervisionOpenDue.findMany();
  assert.ok(rows.every((r) => r.open > 0), 'an empty day is kept');
  return new Map(rows.map((r) => [`${r.day} ${r.orgId}`, [r.open, r.marked]]));
}

/** Problem reports per Shanghai day filed and provider (each case once; '' the city's total), from the Case and Task rows; and as the rollup holds them. */
async function freshReports(): Promise<Map<string, [number, number]>> {
  const m = new Map<string, [number, number]>();
  const add = (key: string, closed: boolean) => {
    const [r, c] = m.get(key) ?? [0, 0];
    m.set(key, [r + 1, c + (closed ? 1 : 0)]);
  };
  for (const c of await db.case.findMany({ where: { type: 'problem-data' }, include: { tasks: { where: { assigneeRole: 'provider-reviewer' } } } })) {
    const day = toShanghaiDate(c.createdAt);
    for (const org of new Set(c.tasks.map((t) => t.assigneeOrgId))) add(`${day} ${org}`, c.status === 'closed');
    if (c.tasks.length) add(`${day} `, c.status === 'closed');
  }
  return m;
}
async function rolledReports(): Promise<Map<string, [number, number]>> {
  const m = new Map<string, [number, number]>();
  for (const r of await db.supervisionReportDay.findMany()) {
    if (r.received === 0) assert.equal(r.closed, 0, `${r.day} ${r.orgId} closes reports it never received`);
    else m.set(`${r.day} ${r.orgId}`, [r.received, r.closed]);
  }
  return m;
}

const sorted = <V>(m: Map<string, V>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));
/** Day cells summed per month: what the month twins must hold. */
function byMonth<V extends number[] | Record<string, number>>(cells: Map<string, V>): Map<string, V> {
  const m = new Map<string, V>();
  for (const [key, v] of cells) {
    const k = `${key.slice(0, 7)}${key.slice(10)}`;
    const prev = m.get(k);
    m.set(k, (prev ? (Array.isArray(v) ? v.map((x, i) => x + (prev as number[])[i]!) : Object.fromEntries(Object.entries(v).map(([f, x]) => [f, x + (prev as Record<string, number>)[f]!]))) : v) as V);
  }
  return m;
}
async function assertRollupIsFresh(): Promise<void> {
  assert.deepEqual(sorted(await rollup()), sorted(await fresh()));
  const months = (await db.supervisionMonth.findMany()).filter((r) => r.answered !== 0);
  assert.deepEqual(sorted(new Map(months.map((r) => [`${r.month} ${r.orgId}`, { answered: r.answered, onTime: r.onTime, workingDays: r.workingDays as number }]))), sorted(byMonth(await fresh())));
  const reportMonths = (await db.supervisionReportMonth.findMany()).filter((r) => r.received !== 0);
  assert.deepEqual(sorted(new Map(reportMonths.map((r) => [`${r.month} ${r.orgId}`, [r.received, r.closed] as [number, number]]))), sorted(byMonth(await freshReports())));
  assert.deepEqual(sorted(await rolledOpenDue()), sorted(await freshOpenDue()));
  assert.deepEqual(sorted(await rolledReports()), sorted(await freshReports()));
}

const open = (id: string, orgId: string, createdAt: string, dueAt: string | null): ProjectionOp => ({
  op: 'task-open',
  id,
  caseId: 'ROLL-1',
  step: 'provider-consent',
  assigneeOrgId: orgId,
  assigneeRole: 'provider-reviewer',
  decisions: ['agree', 'disagree'],
  dueAt: dueAt ? new Date(dueAt).toISOString() : null,
  provisional: false,
  createdAt: new Date(createdAt).toISOString(),
});
const close = (id: string, at: string, status: 'done' | 'cancelled' = 'done'): ProjectionOp => ({
  op: 'task-close',
  id,
  status,
  ...(status === 'done' ? { decision: 'agree', decidedBy: '张三', requestId: `req-${id}` } : {}),
  completedAt: new Date(at).toISOString(),
});

const A_FIGURES = async () => {
  const r = await createSupervisionRepository(db).report(OCTOBER, NOW);
  const a = r.items.find((i) => i.org.id === A);
  return a && { handled: a.tasksHandled, onTime: a.tasksOnTime, avg: a.avgWorkingDaysToAnswer };
};

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yongshu-rollup-'));
  url = `file:${path.join(dir, 'rollup.db')}`;
  await prepareDatabase(url, { seed: false });
  db = createDb(url);
  project = createProjectionActivities(db, Buffer.alloc(32, 7), createPlanAhead(async () => [])).project;
  for (const [id, name] of [[A, '甲'], [B, '乙'], ['roll-applicant', '申请']] as const) await db.organisation.create({ data: { id, name, kind: 'agency' } });
  await db.case.create({
    data: { id: 'ROLL-1', type: 'restricted-share', status: 'in-progress', title: '办件', applicantOrgId: 'roll-applicant', payload: toJson({}), workflowId: 'wf-roll', createdAt: new Date('2026-09-30T10:00:00+08:00') },
  });
});

after(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a task closed through the projection counts once on its answer day, however often the batch is retried; a cancelled task never counts', async () => {
  // Received Wednesday 09-30; National Day 10-01…10-07 off, Saturday 10-10 worked: answered 10-10 = 3 working days, 10-14 = 6.
  await project([open('r1', A, '2026-09-30T10:00:00+08:00', '2026-10-14T00:00:00+08:00'), open('r2', A, '2026-09-30T11:00:00+08:00', '2026-10-14T00:00:00+08:00')]);
  await project([open('r3', B, '2026-09-30T12:00:00+08:00', '2026-10-14T00:00:00+08:00'), open('r4', A, '2026-10-09T09:00:00+08:00', null)]);
  assert.equal(await db.supervisionDay.count(), 0, 'open tasks are not answers');
  await assertRollupIsFresh();
  const closeR1 = [close('r1', '2026-10-10T15:00:00+08:00')];
  await project(closeR1);
  await project(closeR1); // the activity retried after its transaction committed
  await project([close('r2', '2026-10-14T09:00:00+08:00'), close('r3', '2026-10-14T09:30:00+08:00', 'cancelled')]);
  await project([close('r2', '2026-10-14T09:00:00+08:00')]); // a replayed close
  await project([close('r4', '2026-10-09T17:00:00+08:00')]);
  await assertRollupIsFresh();
  assert.deepEqual(
    (await db.supervisionDay.findMany({ orderBy: [{ day: 'asc' }] })).map((r) => [r.day, r.orgId, r.answered, r.onTime, r.workingDays]),
    [
      ['2026-10-09', A, 1, 1, 0],
      ['2026-10-10', A, 1, 1, 3],
      ['2026-10-14', A, 1, 0, 6],
    ],
  );
  assert.deepEqual(await A_FIGURES(), { handled: 3, onTime: 2, avg: 3 });
});

test('a deadline moved, or an overdue mark, after the answer moves the task between on time and late', async () => {
  await project([{ op: 'task-deadline', id: 'r2', dueAt: new Date('2026-10-15T00:00:00+08:00').toISOString(), provisional: false }]);
  await project([{ op: 'task-overdue', id: 'r4', since: new Date('2026-10-09T12:00:00+08:00').toISOString() }]);
  await assertRollupIsFresh();
  assert.deepEqual(await A_FIGURES(), { handled: 3, onTime: 2, avg: 3 }); // r2 now on time, r4 now late
  assert.equal((await db.supervisionDay.findUniqueOrThrow({ where: { day_orgId: { day: '2026-10-09', orgId: A } } })).onTime, 0);
});

test('publishing a year rebuilds the days it moves, withdrawing it restores them, and the figures follow', async () => {
  const calendar = createCalendarRepository(db);
  // 2026 as published, with Monday 10-12 made a holiday: r1 (to 10-10) keeps 3 working days, r2 (to 10-14) has 5.
  const nationalDay = ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, name: '国庆节' }));
  await calendar.publish({ year: 2026, holidays: [...nationalDay, { date: '2026-10-12', name: '调休' }], workdays: [{ date: '2026-10-10', name: '国庆节调休' }] }, 'test');
  await assertRollupIsFresh();
  assert.deepEqual(await A_FIGURES(), { handled: 3, onTime: 2, avg: 2.67 }); // (0 + 3 + 5) / 3
  assert.equal(await calendar.unpublish(2026), true);
  await assertRollupIsFresh();
  assert.deepEqual(await A_FIGURES(), { handled: 3, onTime: 2, avg: 3 });
});

test('a task received in a year the calendar table does not hold is counted once the report extends it', async () => {
  await project([open('old', B, '2019-12-30T10:00:00+08:00', null)]);
  await project([close('old', '2026-10-12T10:00:00+08:00')]);
  assert.equal((await db.supervisionDay.findUniqueOrThrow({ where: { day_orgId: { day: '2026-10-12', orgId: B } } })).workingDays, null);
  const r = await createSupervisionRepository(db).report(OCTOBER, NOW);
  await assertRollupIsFresh();
  const b = r.items.find((i) => i.org.id === B);
  assert.equal(b?.tasksHandled, 1);
  assert.equal(b?.avgWorkingDaysToAnswer, (await fresh()).get(`2026-10-12 ${B}`)?.workingDays);
});

test('tasks deleted or taken back from done leave their day empty, not counted', async () => {
  await db.task.update({ where: { id: 'r4' }, data: { status: 'open', completedAt: null } });
  await db.task.delete({ where: { id: 'old' } });
  await assertRollupIsFresh();
  assert.equal((await A_FIGURES())?.handled, 2);
  // B's one answer is gone and it received nothing in October: not listed (an emptied day lists nobody).
  assert.equal((await createSupervisionRepository(db).report(OCTOBER, NOW)).items.some((i) => i.org.id === B), false);
});

test('open overdue: exactly the open tasks past their deadline now, or marked overdue, at any moment of the day', async () => {
  const late = async (now: Date) =>
    new Map(
      (await db.task.groupBy({ by: ['assigneeOrgId'], where: { status: 'open', OR: [{ dueAt: { lte: now } }, { overdueSince: { not: null }, dueAt: { not: null } }] }, _count: true })).map((g) => [g.assigneeOrgId, g._count]),
    );
  // Deadlines at 00:00, during the day (as the bench draws them) and tomorrow; marked overdue with the deadline re-planned
  // to another day (d5) and to later on the day of the report (d6).
  await project([
    open('d1', A, '2026-10-12T09:00:00+08:00', '2026-10-16T00:00:00+08:00'),
    open('d2', A, '2026-10-12T09:00:00+08:00', '2026-10-16T14:30:00+08:00'),
    open('d3', B, '2026-10-12T09:00:00+08:00', '2026-10-15T18:00:00+08:00'),
    open('d4', B, '2026-10-12T09:00:00+08:00', '2026-10-17T00:00:00+08:00'),
    open('d5', A, '2026-10-12T09:00:00+08:00', '2026-10-13T00:00:00+08:00'),
    open('d6', B, '2026-10-12T09:00:00+08:00', '2026-10-14T00:00:00+08:00'),
  ]);
  await project([
    { op: 'task-overdue', id: 'd5', since: new Date('2026-10-13T00:00:00+08:00').toISOString() },
    { op: 'task-overdue', id: 'd6', since: new Date('2026-10-14T00:00:00+08:00').toISOString() },
  ]);
  await project([
    { op: 'task-deadline', id: 'd5', dueAt: new Date('2026-10-20T00:00:00+08:00').toISOString(), provisional: false },
    { op: 'task-deadline', id: 'd6', dueAt: new Date('2026-10-16T16:00:00+08:00').toISOString(), provisional: false },
  ]);
  await assertRollupIsFresh();
  const report = createSupervisionRepository(db);
  for (const at of ['2026-10-15T23:59:59+08:00', '2026-10-16T00:00:00+08:00', '2026-10-16T14:29:59+08:00', '2026-10-16T14:30:00+08:00', '2026-10-16T16:00:00+08:00', '2026-10-17T08:00:00+08:00', '2026-10-21T08:00:00+08:00']) {
    const now = new Date(at);
    const r = await report.report(OCTOBER, now);
    const expected = await late(now);
    for (const org of [A, B]) assert.equal(r.items.find((i) => i.org.id === org)?.openOverdue ?? 0, expected.get(org) ?? 0, `${org} at ${at}`);
  }
  // Answered, the late tasks leave the count (and their empty day the rollup).
  await project([close('d3', '2026-10-16T09:00:00+08:00'), close('d5', '2026-10-16T09:00:00+08:00', 'cancelled'), close('d6', '2026-10-16T09:00:00+08:00')]);
  await assertRollupIsFresh();
});

test('problem reports: each case once per provider and in all, closed as the case is now, whoever holds several of its tasks', async () => {
  const filed = '2026-10-13T10:00:00+08:00';
  for (const id of ['PD-R1', 'PD-R2']) {
    await db.case.create({ data: { id, type: 'problem-data', status: 'in-progress', title: '问题数据反馈', applicantOrgId: 'roll-applicant', payload: toJson({}), workflowId: `wf-${id}`, createdAt: new Date(filed) } });
  }
  const provider = (id: string, caseId: string, orgId: string): ProjectionOp => ({ ...(open(id, orgId, filed, '2026-10-20T00:00:00+08:00') as Extract<ProjectionOp, { op: 'task-open' }>), caseId, step: 'provider-handle' });
  await project([provider('p1', 'PD-R1', A), provider('p2', 'PD-R1', A), provider('p3', 'PD-R1', B), provider('p4', 'PD-R2', B)]);
  await project([{ op: 'case-status', caseId: 'PD-R1', status: 'closed', closedAt: new Date('2026-10-15T10:00:00+08:00').toISOString() }]);
  await assertRollupIsFresh();
  const figures = async () => {
    const r = await createSupervisionRepository(db).report(OCTOBER, NOW);
    return [...[A, B].map((o) => r.items.find((i) => i.org.id === o)), r.total].map((f) => [f?.problemReportsReceived, f?.problemReportsClosed]);
  };
  assert.deepEqual(await figures(), [[1, 1], [2, 1], [2, 1]]);
  // A case put back in progress, and a provider task gone: the counts follow.
  await project([{ op: 'case-status', caseId: 'PD-R1', status: 'in-progress' }]);
  await db.task.delete({ where: { id: 'p4' } });
  await assertRollupIsFresh();
  assert.deepEqual(await figures(), [[1, 0], [1, 0], [1, 0]]);
  await db.task.delete({ where: { id: 'p1' } });
  await assertRollupIsFresh();
  assert.deepEqual(await figures(), [[1, 0], [1, 0], [1, 0]]); // A still holds p2
});

test('a period reads its whole months by month and the days at its ends by day', () => {
  assert.deepEqual(periodGrains('2026-10-01', '2026-10-31'), { days: [], months: ['2026-10', '2026-10'] });
  assert.deepEqual(periodGrains('2026-09-15', '2026-10-20'), { days: [['2026-09-15', '2026-10-20']], months: null });
  assert.deepEqual(periodGrains('2026-08-31', '2026-11-30'), { days: [['2026-08-31', '2026-08-31']], months: ['2026-09', '2026-11'] });
  assert.deepEqual(periodGrains('2026-01-15', '2026-03-10'), { days: [['2026-01-15', '2026-01-31'], ['2026-03-01', '2026-03-10']], months: ['2026-02', '2026-02'] });
  assert.deepEqual(periodGrains('2024-02-01', '2024-02-29'), { days: [], months: ['2024-02', '2024-02'] });
  assert.deepEqual(periodGrains('2026-10-02', '2026-10-31'), { days: [['2026-10-02', '2026-10-31']], months: null });
});

test('any period, whole months or not, gives the figures of its own tasks and reports', async () => {
  const days = createWorkingDaysToAnswer(createWorkingDayCalendar(await createCalendarRepository(db).publishedYears()));
  const tasks = await db.task.findMany({ where: { status: 'done', completedAt: { not: null } } });
  const cases = await db.case.findMany({ where: { type: 'problem-data' }, include: { tasks: { where: { assigneeRole: 'provider-reviewer' } } } });
  for (const [from, to] of [['2026-10-01', '2026-10-31'], ['2026-09-15', '2026-10-12'], ['2026-09-15', '2026-11-10'], ['2026-10-02', '2026-10-31'], ['2026-10-13', '2026-10-13'], ['2026-09-01', '2026-12-31']] as const) {
    const period = resolvePeriod({ from, to }, NOW) as SupervisionPeriod;
    const inPeriod = (at: Date) => at >= period.start && at < period.end;
    const expected = new Map<string, { handled: number; onTime: number; workingDays: number }>();
    for (const t of tasks.filter((t) => inPeriod(t.completedAt as Date))) {
      const e = expected.get(t.assigneeOrgId) ?? { handled: 0, onTime: 0, workingDays: 0 };
      e.handled++;
      e.onTime += answeredOnTime({ completedAt: t.completedAt as Date, dueAt: t.dueAt, overdueSince: t.overdueSince }) ? 1 : 0;
      e.workingDays += days(t.createdAt, t.completedAt as Date);
      expected.set(t.assigneeOrgId, e);
    }
    assert.deepEqual(sorted(await answeredPerOrg(db, period, NOW)), sorted(expected), `${from}…${to}`);
    const reports = new Map<string, { received: number; closed: number }>();
    for (const c of cases.filter((c) => inPeriod(c.createdAt) && c.tasks.length)) {
      for (const org of [...new Set(c.tasks.map((t) => t.assigneeOrgId))]) {
        const r = reports.get(org) ?? { received: 0, closed: 0 };
        reports.set(org, { received: r.received + 1, closed: r.closed + (c.status === 'closed' ? 1 : 0) });
      }
    }
    assert.deepEqual(sorted((await problemReportsPerOrg(db, period)).perOrg), sorted(reports), `${from}…${to}`);
  }
});

test('the backfill: a database whose tasks predate the rollup gets it filled by prepareDatabase', async () => {
  // As the migration leaves an existing database before its start-up: tasks there, the answered rollup and its calendar empty.
  await db.supervisionDay.deleteMany();
  await db.supervisionCalendarYear.deleteMany();
  // The rollups that need no calendar are filled by the migration itself: its backfill statements, run again here.
  await db.supervisionMonth.deleteMany();
  await db.supervisionOpenDue.deleteMany();
  await db.supervisionReportDay.deleteMany();
  await db.supervisionReportMonth.deleteMany();
  const migration = fs.readFileSync(path.join(__dirname, '../../prisma/migrations/20261201100000_supervision_rollup/migration.sql'), 'utf8');
  for (const sql of backfillSql('sqlite')) {
    assert.ok(migration.includes(sql), `the migration runs ${sql.slice(0, 60)}…`);
    await db.$executeRawUnsafe(sql);
  }
  assert.deepEqual(await A_FIGURES(), { handled: 0, onTime: 0, avg: null }); // listed: it received r4 in October
  await db.$disconnect(); // as at a start-up: nothing else holds the file while it migrates
  await prepareDatabase(url, { seed: false });
  db = createDb(url);
  await assertRollupIsFresh();
  assert.deepEqual(await A_FIGURES(), { handled: 2, onTime: 2, avg: 4.5 }); // r1: 3 working days, r2: 6 (due 10-15 since the move)
});

test('both migrations hold the triggers and backfill supervision-rollup-sql.ts writes, so the two dialects count alike', () => {
  for (const [dialect, dir] of [['sqlite', 'migrations'], ['postgres', 'postgres/migrations']] as const) {
    const migration = fs.readFileSync(path.join(__dirname, `../../prisma/${dir}/20261201100000_supervision_rollup/migration.sql`), 'utf8');
    assert.ok(migration.includes(triggerSql(dialect)), `${dialect}: the triggers differ from triggerSql`);
    for (const sql of backfillSql(dialect)) assert.ok(migration.includes(sql), `${dialect}: the backfill differs from backfillSql`);
  }
});
