import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorkingDayCalendar } from '../calendar';
import { answeredOnTime, answeredTallies, createWorkingDaysToAnswer, supervisionReport, type AnsweredTask } from './figures';

const calendar = createWorkingDayCalendar([]);
const at = (s: string) => new Date(s);

// Across the 2026 National Day holiday and weekends.
const tasks: AnsweredTask[] = [
  { orgId: 'psb', createdAt: at('2026-09-29T09:00:00+08:00'), completedAt: at('2026-10-12T16:00:00+08:00'), dueAt: at('2026-10-13T17:00:00+08:00'), overdueSince: null },
  { orgId: 'psb', createdAt: at('2026-09-30T23:30:00+08:00'), completedAt: at('2026-10-09T08:00:00+08:00'), dueAt: at('2026-10-08T17:00:00+08:00'), overdueSince: null },
  { orgId: 'psb', createdAt: at('2026-10-09T10:00:00+08:00'), completedAt: at('2026-10-09T11:00:00+08:00'), dueAt: null, overdueSince: null },
  { orgId: 'amr', createdAt: at('2026-10-16T15:00:00+08:00'), completedAt: at('2026-10-19T09:00:00+08:00'), dueAt: null, overdueSince: at('2026-10-18T00:00:00+08:00') },
  { orgId: 'amr', createdAt: at('2026-10-30T15:00:00+08:00'), completedAt: at('2026-11-02T09:00:00+08:00'), dueAt: at('2026-11-06T17:00:00+08:00'), overdueSince: null },
];
const shanghaiDate = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** What the database returns for `tasks`: counts per organisation and Shanghai date. */
function countsPerDay(ts: AnsweredTask[]) {
  const byAnswer = new Map<string, { orgId: string; date: string; answered: number; onTime: number }>();
  const byReceipt = new Map<string, { orgId: string; date: string; answered: number }>();
  for (const t of ts) {
    const a = `${t.orgId} ${shanghaiDate(t.completedAt)}`;
    const r = `${t.orgId} ${shanghaiDate(t.createdAt)}`;
    const x = byAnswer.get(a) ?? { orgId: t.orgId, date: shanghaiDate(t.completedAt), answered: 0, onTime: 0 };
    x.answered++;
    x.onTime += answeredOnTime(t) ? 1 : 0;
    byAnswer.set(a, x);
    const y = byReceipt.get(r) ?? { orgId: t.orgId, date: shanghaiDate(t.createdAt), answered: 0 };
    y.answered++;
    byReceipt.set(r, y);
  }
  return { byAnswer: [...byAnswer.values()], byReceipt: [...byReceipt.values()] };
}

test('tallies from counts per day equal the tasks walked one by one, in working days across a holiday week', () => {
  const { byAnswer, byReceipt } = countsPerDay(tasks);
  const tallies = answeredTallies(byAnswer, byReceipt, calendar);
  const days = createWorkingDaysToAnswer(calendar);
  for (const org of ['psb', 'amr']) {
    const own = tasks.filter((t) => t.orgId === org);
    assert.deepEqual(tallies.get(org), {
      handled: own.length,
      onTime: own.filter(answeredOnTime).length,
      workingDays: own.reduce((n, t) => n + days(t.createdAt, t.completedAt), 0),
    });
  }
  // Not simply calendar days: the holiday week counts for nothing.
  assert.ok((tallies.get('psb')?.workingDays ?? 0) < 13 + 9, 'working days, not calendar days');
  const input = { from: '2026-09-01', to: '2026-11-30', openOverdue: new Map(), receivedBy: [], problemReports: [], problemList: [], orgNames: new Map([['psb', '公安局'], ['amr', '市场监管局']]), workingDaysToAnswer: days };
  assert.deepEqual(supervisionReport({ ...input, answered: [], answeredPerOrg: tallies }), supervisionReport({ ...input, answered: tasks }));
});

test('no answers, no tallies', () => {
  assert.equal(answeredTallies([], [], calendar).size, 0);
});
