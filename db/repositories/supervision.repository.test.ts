/**
 * Supervision figures on a throwaway SQLite database, from rows inserted
 * around the 2026 National Day holiday (10-01…10-07 off, Saturday 10-10 worked)
 * with known answers in working days, and the tasks behind each figure.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '../client';
import { toJson } from '../json';
import { prepareDatabase } from '../../scripts/prepare-database';
import { createSupervisionRepository } from './supervision.repository';
import { createCasesRepository } from './cases.repository';
import type { Principal } from '../../domain/auth/principal';
import { isPeriodProblem, resolvePeriod, type SupervisionPeriod } from '../../domain/supervision/period';
import { NO_FIGURES } from '../../domain/supervision/figures';
import type { DoneTaskCursor, OverdueTaskCursor } from '../../domain/paging';

// Friday 2026-10-16, 10:00 Shanghai.
const NOW = new Date('2026-10-16T10:00:00+08:00');
const OCTOBER = resolvePeriod({ from: '2026-10-01', to: '2026-10-31' }, NOW) as SupervisionPeriod;

let dir: string;
let db: Db;
let supervision: ReturnType<typeof createSupervisionRepository>;

const A = { id: 'sup-a', name: '甲单位' };
const B = { id: 'sup-b', name: '乙单位' };
const C = { id: 'sup-c', name: '丙单位' };
const D = { id: 'sup-d', name: '丁单位' };
/** Files every case here; the BDB sees every case. */
const APPLICANT = { id: 'sup-applicant', name: '申请单位' };
const BDB = { id: 'sup-bdb', name: '大数据局' };

interface TaskRow {
  id: string;
  org: { id: string };
  step?: string;
  role?: string;
  createdAt: string;
  dueAt?: string;
  status?: 'open' | 'done' | 'cancelled';
  completedAt?: string;
  decision?: string;
  overdueSince?: string;
}

async function insertCase(c: { id: string; type: string; status?: string; createdAt: string; problemList?: boolean; escalatedAt?: string }, tasks: TaskRow[]): Promise<void> {
  await db.case.create({
    data: {
      id: c.id,
      type: c.type,
      status: c.status ?? 'in-progress',
      title: `办件 ${c.id}`,
      applicantOrgId: APPLICANT.id,
      payload: toJson({}),
      workflowId: `wf-${c.id}`,
      problemList: c.problemList ?? false,
      createdAt: new Date(c.createdAt),
    },
  });
  for (const t of tasks) {
    await db.task.create({
      data: {
        id: t.id,
        caseId: c.id,
        step: t.step ?? 'provider-consent',
        assigneeOrgId: t.org.id,
        assigneeRole: t.role ?? 'provider-reviewer',
        status: t.status ?? 'open',
        decisions: toJson([]),
        dueAt: t.dueAt ? new Date(t.dueAt) : null,
        decision: t.decision ?? null,
        overdueSince: t.overdueSince ? new Date(t.overdueSince) : null,
        createdAt: new Date(t.createdAt),
        completedAt: t.completedAt ? new Date(t.completedAt) : null,
      },
    });
  }
  if (c.escalatedAt) {
    await db.historyEntry.create({ data: { key: `${c.id}-escalated`, caseId: c.id, at: new Date(c.escalatedAt), actor: '大数据局', action: 'escalated', step: 'bdb-coordination' } });
  }
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yongshu-supervision-'));
  const url = `file:${path.join(dir, 'supervision.db')}`;
  await prepareDatabase(url, { seed: false });
  db = createDb(url);
  supervision = createSupervisionRepository(db);
  for (const o of [A, B, C, D, APPLICANT]) await db.organisation.create({ data: { ...o, kind: 'agency' } });
  await db.organisation.create({ data: { ...BDB, kind: 'bdb' } });

  const due1014 = '2026-10-14T00:00:00+08:00'; // last day 10-13
  await insertCase({ id: 'RS-1', type: 'restricted-share', createdAt: '2026-09-30T10:00:00+08:00' }, [
    // Received Wednesday 09-30, answered on the adjusted Saturday 10-10: 10-08, 10-09, 10-10 = 3 working days, on time.
    { id: 'a1', org: A, createdAt: '2026-09-30T10:00:00+08:00', dueAt: due1014, status: 'done', completedAt: '2026-10-10T15:00:00+08:00', decision: 'agree' },
    // Answered on 10-14, after the deadline: 10-08, 09, 10, 12, 13, 14 = 6 working days, late.
    { id: 'a2', org: A, createdAt: '2026-09-30T10:00:00+08:00', dueAt: due1014, status: 'done', completedAt: '2026-10-14T09:00:00+08:00', decision: 'agree' },
    // No deadline, answered the same day: 0 working days, on time.
    { id: 'a3', org: A, step: 'applicant-amend', role: 'applicant', createdAt: '2026-10-15T09:00:00+08:00', status: 'done', completedAt: '2026-10-15T17:00:00+08:00', decision: 'resubmit' },
    // Answered before the period, and cancelled in it: neither counts.
    { id: 'a4', org: A, createdAt: '2026-09-20T10:00:00+08:00', status: 'done', completedAt: '2026-09-29T10:00:00+08:00', decision: 'agree' },
    { id: 'a5', org: A, createdAt: '2026-09-20T10:00:00+08:00', status: 'cancelled', completedAt: '2026-10-12T10:00:00+08:00' },
    // Open past its deadline now: late by 10-14, 10-15, 10-16.
    { id: 'a6', org: A, createdAt: '2026-09-30T10:00:00+08:00', dueAt: due1014 },
    // Marked overdue by its workflow, its (re-planned) deadline still ahead: overdue, 0 working days late.
    { id: 'a7', org: A, createdAt: '2026-09-20T10:00:00+08:00', dueAt: '2026-10-21T00:00:00+08:00', overdueSince: '2026-09-28T00:00:00+08:00' },
    // Received in the period, not yet due: B is listed with nothing else to show.
    { id: 'b1', org: B, createdAt: '2026-10-15T10:00:00+08:00', dueAt: '2026-10-23T00:00:00+08:00' },
  ]);
  // Problem data: one filed in the period and closed (its provider task answered in 2 working days, 10-10 and 10-12),
  // one filed in the period and still open, one filed before it.
  await insertCase({ id: 'PD-1', type: 'problem-data', status: 'closed', createdAt: '2026-10-09T10:00:00+08:00' }, [
    { id: 'c1', org: C, step: 'provider-handle', createdAt: '2026-10-09T10:00:00+08:00', dueAt: '2026-10-17T00:00:00+08:00', status: 'done', completedAt: '2026-10-12T16:00:00+08:00', decision: 'corrected' },
  ]);
  await insertCase({ id: 'PD-2', type: 'problem-data', createdAt: '2026-10-15T10:00:00+08:00' }, [{ id: 'c2', org: C, step: 'provider-handle', createdAt: '2026-10-15T10:00:00+08:00', dueAt: '2026-10-23T00:00:00+08:00' }]);
  await insertCase({ id: 'PD-0', type: 'problem-data', status: 'closed', createdAt: '2026-09-20T10:00:00+08:00' }, [{ id: 'c0', org: C, step: 'provider-handle', createdAt: '2026-09-20T10:00:00+08:00', status: 'done', completedAt: '2026-09-22T10:00:00+08:00', decision: 'corrected' }]);
  // On the problem list in the period: A refused, C let its deadline pass (its task cancelled on escalation), B agreed,
  // D has not answered but its time has not run out.
  await insertCase({ id: 'RS-L', type: 'restricted-share', createdAt: '2026-09-25T10:00:00+08:00', problemList: true, escalatedAt: '2026-10-15T11:00:00+08:00' }, [
    { id: 'l-a', org: A, createdAt: '2026-09-25T10:00:00+08:00', status: 'done', completedAt: '2026-09-28T10:00:00+08:00', decision: 'disagree' },
    { id: 'l-b', org: B, createdAt: '2026-09-25T10:00:00+08:00', status: 'done', completedAt: '2026-09-28T10:00:00+08:00', decision: 'agree' },
    { id: 'l-c', org: C, createdAt: '2026-09-25T10:00:00+08:00', status: 'cancelled', completedAt: '2026-10-15T11:00:00+08:00', overdueSince: '2026-10-09T00:00:00+08:00' },
    { id: 'l-d', org: D, createdAt: '2026-09-25T10:00:00+08:00', dueAt: '2026-10-20T00:00:00+08:00' },
  ]);
  // On the problem list before the period.
  await insertCase({ id: 'RS-O', type: 'restricted-share', createdAt: '2026-08-25T10:00:00+08:00', problemList: true, escalatedAt: '2026-09-15T11:00:00+08:00' }, [
    { id: 'o-a', org: A, createdAt: '2026-08-25T10:00:00+08:00', status: 'done', completedAt: '2026-08-28T10:00:00+08:00', decision: 'disagree' },
  ]);
});

after(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('each organisation with a task in the period, by name, with its figures in working days', async () => {
  const r = await supervision.report(OCTOBER, NOW);
  assert.equal(r.from, '2026-10-01');
  assert.equal(r.to, '2026-10-31');
  assert.deepEqual(
    r.items.map((i) => i.org.name),
    ['丙单位', '甲单位', '乙单位'],
  );
  const [c, a, b] = r.items;
  assert.deepEqual(a, {
    org: A,
    tasksHandled: 3,
    tasksOnTime: 2,
    onTimeRate: 0.6667,
    avgWorkingDaysToAnswer: 3, // (3 + 6 + 0) / 3
    openOverdue: 2,
    problemReportsReceived: 0,
    problemReportsClosed: 0,
    closureRate: null,
    problemListEntries: 1,
  });
  assert.deepEqual(b, { org: B, ...NO_FIGURES });
  assert.deepEqual(c, {
    org: C,
    tasksHandled: 1,
    tasksOnTime: 1,
    onTimeRate: 1,
    avgWorkingDaysToAnswer: 2,
    openOverdue: 0,
    problemReportsReceived: 2,
    problemReportsClosed: 1,
    closureRate: 0.5,
    problemListEntries: 1,
  });
  assert.deepEqual(r.total, {
    tasksHandled: 4,
    tasksOnTime: 3,
    onTimeRate: 0.75,
    avgWorkingDaysToAnswer: 2.75, // (3 + 6 + 0 + 2) / 4
    openOverdue: 2,
    problemReportsReceived: 2,
    problemReportsClosed: 1,
    closureRate: 0.5,
    problemListEntries: 1,
  });
});

test('a period with nothing in it lists no organisation but still counts what is overdue now', async () => {
  const p = resolvePeriod({ from: '2026-06-01', to: '2026-06-30' }, NOW);
  assert.ok(!isPeriodProblem(p));
  const r = await supervision.report(p, NOW);
  assert.deepEqual(r.items.map((i) => [i.org.id, i.tasksHandled, i.openOverdue]), [[A.id, 0, 2]]);
  assert.equal(r.total.onTimeRate, null);
});

test('the tasks behind each figure: as many as the figure says, with their working days', async () => {
  const page = (figure: 'handled' | 'on-time' | 'late' | 'overdue') => supervision.tasksBehind(A.id, figure, OCTOBER, { limit: 50, after: null }, NOW);
  const late = await page('late');
  assert.deepEqual(late.items.map((t) => [t.id, t.workingDaysToAnswer, t.onTime]), [['a2', 6, false]]);
  assert.equal(late.total, 1);
  const onTime = await page('on-time');
  assert.deepEqual(onTime.items.map((t) => [t.id, t.workingDaysToAnswer, t.onTime]), [['a3', 0, true], ['a1', 3, true]]);
  const overdue = await page('overdue');
  assert.deepEqual(overdue.items.map((t) => [t.id, t.workingDaysLate, t.caseId]), [['a6', 3, 'RS-1'], ['a7', 0, 'RS-1']]);
  assert.equal((await page('handled')).total, 3);
});

test('the cases behind the problem-data and problem-list figures', async () => {
  const ids = async (orgId: string, figure: 'reports' | 'reports-closed' | 'problem-list') => {
    const p = await supervision.casesBehind(orgId, figure, OCTOBER, { limit: 50, after: null });
    assert.equal(p.total, p.items.length);
    return p.items.map((c) => c.id);
  };
  assert.deepEqual(await ids(C.id, 'reports'), ['PD-2', 'PD-1']);
  assert.deepEqual(await ids(C.id, 'reports-closed'), ['PD-1']);
  assert.deepEqual(await ids(C.id, 'problem-list'), ['RS-L']);
  assert.deepEqual(await ids(A.id, 'problem-list'), ['RS-L']);
  assert.deepEqual(await ids(B.id, 'problem-list'), []);
  assert.deepEqual(await ids(D.id, 'problem-list'), []);
});

test('paging the handled tasks one at a time visits each once, latest answer first', async () => {
  const seen: string[] = [];
  let after: DoneTaskCursor | OverdueTaskCursor | null = null;
  let pages = 0;
  do {
    const p: Awaited<ReturnType<typeof supervision.tasksBehind>> = await supervision.tasksBehind(A.id, 'handled', OCTOBER, { limit: 1, after }, NOW);
    seen.push(...p.items.map((t) => t.id));
    after = p.next;
  } while (after && ++pages < 10);
  assert.deepEqual(seen, ['a3', 'a2', 'a1']);
});

test('the problem list: newest first, each case with its disputed providers; a provider is told of its own dispute only', async () => {
  const cases = createCasesRepository(db);
  const viewer = (org: { id: string; name: string }, roles: Principal['roles']): Principal => ({ kind: 'user', id: `u-${org.id}`, name: 'x', username: null, org, roles });
  const list = async (p: Principal) => (await cases.list(p, { problemList: true }, { limit: 50, after: null })).items.map((c) => [c.id, c.disputedProviders?.map((o) => o.name)]);
  assert.deepEqual(await list(viewer(BDB, ['bdb-coordinator'])), [
    ['RS-L', ['甲单位', '丙单位']],
    ['RS-O', ['甲单位']],
  ]);
  assert.deepEqual(await list(viewer(A, ['provider-reviewer'])), [
    ['RS-L', ['甲单位']],
    ['RS-O', ['甲单位']],
  ]);
  // B agreed and D's time has not run out: parties to RS-L, not disputed; not parties to RS-O.
  assert.deepEqual(await list(viewer(B, ['provider-reviewer'])), [['RS-L', []]]);
  assert.deepEqual(await list(viewer(D, ['provider-reviewer'])), [['RS-L', []]]);
  // Without the filter, no disputed providers are read.
  const all = await cases.list(viewer(BDB, ['bdb-coordinator']), {}, { limit: 50, after: null });
  assert.ok(all.items.length > 2 && all.items.every((c) => c.disputedProviders === undefined));
});
