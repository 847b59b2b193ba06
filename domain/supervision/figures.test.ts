import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorkingDayCalendar } from '../calendar';
import { answeredOnTime, createWorkingDaysToAnswer, mean, NO_FIGURES, ratio, supervisionReport, type AnsweredTask } from './figures';

const calendar = createWorkingDayCalendar([]);
const at = (s: string) => new Date(s);

test('working days to answer count the days after receipt up to the day of the answer', () => {
  const days = createWorkingDaysToAnswer(calendar);
  // Thursday → Monday: Friday 11-27 and Monday 11-30; the weekend does not count.
  assert.equal(days(at('2026-11-26T10:00:00+08:00'), at('2026-11-30T09:00:00+08:00')), 2);
  // Answered on the day of receipt.
  assert.equal(days(at('2026-11-26T08:00:00+08:00'), at('2026-11-26T17:00:00+08:00')), 0);
  // National Day: 10-01…10-07 off, then 10-08, 10-09 and the adjusted Saturday 10-10.
  assert.equal(days(at('2026-09-30T10:00:00+08:00'), at('2026-10-07T16:00:00+08:00')), 0);
  assert.equal(days(at('2026-09-30T10:00:00+08:00'), at('2026-10-10T15:00:00+08:00')), 3);
  // Dates are Shanghai dates: 23:30 UTC on 11-26 is already Friday 11-27 in Ningbo, and 15:59 UTC on 11-30 still Monday.
  assert.equal(days(at('2026-11-26T23:30:00Z'), at('2026-11-30T09:00:00+08:00')), 1);
  assert.equal(days(at('2026-11-26T23:30:00Z'), at('2026-11-30T15:59:59Z')), 1);
  assert.equal(days(at('2026-11-26T23:30:00Z'), at('2026-11-30T16:00:00Z')), 2);
});

test('working days to answer stay right when an earlier receipt comes after a later one', () => {
  const days = createWorkingDaysToAnswer(calendar);
  assert.equal(days(at('2026-11-26T10:00:00+08:00'), at('2026-11-30T09:00:00+08:00')), 2);
  assert.equal(days(at('2026-09-30T10:00:00+08:00'), at('2026-10-13T10:00:00+08:00')), 5);
  assert.equal(days(at('2026-11-26T10:00:00+08:00'), at('2026-12-01T09:00:00+08:00')), 3);
});

test('on time means answered at or before the deadline; without one, unless marked overdue', () => {
  const due = at('2026-10-14T00:00:00+08:00');
  assert.equal(answeredOnTime({ dueAt: due, completedAt: at('2026-10-13T23:59:59+08:00'), overdueSince: null }), true);
  assert.equal(answeredOnTime({ dueAt: due, completedAt: due, overdueSince: null }), true);
  assert.equal(answeredOnTime({ dueAt: due, completedAt: at('2026-10-14T00:00:01+08:00'), overdueSince: null }), false);
  assert.equal(answeredOnTime({ dueAt: null, completedAt: due, overdueSince: null }), true);
  assert.equal(answeredOnTime({ dueAt: null, completedAt: due, overdueSince: at('2026-10-10T00:00:00+08:00') }), false);
});

test('rates and means are null when there is nothing to divide by', () => {
  assert.equal(ratio(0, 0), null);
  assert.equal(ratio(2, 3), 0.6667);
  assert.equal(mean(0, 0), null);
  assert.equal(mean(7, 3), 2.33);
});

test('the report: one row per organisation by name, figures from the tasks and cases, and a total', () => {
  const psb = 'org-psb';
  const water = 'org-water';
  const quiet = 'org-quiet';
  const task = (orgId: string, createdAt: string, completedAt: string, dueAt: string | null): AnsweredTask => ({
    orgId,
    createdAt: at(createdAt),
    completedAt: at(completedAt),
    dueAt: dueAt ? at(dueAt) : null,
    overdueSince: null,
  });
  const report = supervisionReport({
    from: '2026-10-01',
    to: '2026-10-31',
    answered: [
      // 3 working days, on time (due 10-14).
      task(psb, '2026-09-30T10:00:00+08:00', '2026-10-10T15:00:00+08:00', '2026-10-14T00:00:00+08:00'),
      // 6 working days (10-08, 09, 10, 12, 13, 14), late.
      task(psb, '2026-09-30T10:00:00+08:00', '2026-10-14T09:00:00+08:00', '2026-10-14T00:00:00+08:00'),
      // 1 working day, no deadline: on time.
      task(water, '2026-10-15T10:00:00+08:00', '2026-10-16T10:00:00+08:00', null),
    ],
    openOverdue: new Map([[water, 2]]),
    receivedBy: [quiet, psb],
    problemReports: [
      { caseId: 'PD-1', closed: true, providerOrgIds: [psb] },
      { caseId: 'PD-2', closed: false, providerOrgIds: [psb, psb] },
      { caseId: 'PD-3', closed: false, providerOrgIds: [water] },
    ],
    problemList: [{ caseId: 'RS-9', disputedOrgIds: [psb, water] }],
    orgNames: new Map([
      [psb, '宁波市公安局'],
      [water, '宁波市水务环境集团'],
      [quiet, '宁波市财政局'],
    ]),
    workingDaysToAnswer: createWorkingDaysToAnswer(calendar),
  });
  assert.equal(report.from, '2026-10-01');
  assert.deepEqual(
    report.items.map((r) => r.org.name),
    ['宁波市财政局', '宁波市公安局', '宁波市水务环境集团'], // cai < gong < shui
  );
  const [quietRow, psbRow, waterRow] = report.items;
  assert.deepEqual(quietRow, { org: { id: quiet, name: '宁波市财政局' }, ...NO_FIGURES });
  assert.deepEqual(psbRow, {
    org: { id: psb, name: '宁波市公安局' },
    tasksHandled: 2,
    tasksOnTime: 1,
    onTimeRate: 0.5,
    avgWorkingDaysToAnswer: 4.5,
    openOverdue: 0,
    problemReportsReceived: 2,
    problemReportsClosed: 1,
    closureRate: 0.5,
    problemListEntries: 1,
  });
  assert.equal(waterRow?.onTimeRate, 1);
  assert.equal(waterRow?.avgWorkingDaysToAnswer, 1);
  assert.equal(waterRow?.openOverdue, 2);
  assert.equal(waterRow?.closureRate, 0);
  // Tasks summed, the mean over all three answers ((3 + 6 + 1) / 3), each case once.
  assert.deepEqual(report.total, {
    tasksHandled: 3,
    tasksOnTime: 2,
    onTimeRate: 0.6667,
    avgWorkingDaysToAnswer: 3.33,
    openOverdue: 2,
    problemReportsReceived: 3,
    problemReportsClosed: 1,
    closureRate: 0.3333,
    problemListEntries: 1,
  });
});
