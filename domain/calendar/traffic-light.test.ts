import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCountdowns, createWorkingDayCalendar, trafficLight } from './index';

const calendar = createWorkingDayCalendar([]);
const at = (s: string) => new Date(s);

// Received 2026-09-30: 5 working days are 10-08, 10-09, 10-10 (adjusted Saturday), 10-12, 10-13; due 10-14 00:00.
const nationalDay = calendar.addWorkingDays(at('2026-09-30T10:00:00+08:00'), 5).deadline;
const open = (dueAt: Date | null, markedOverdue = false) => ({ dueAt, markedOverdue });

test('a fresh 5-working-day task is green with 5 working days left', () => {
  assert.deepEqual(trafficLight(open(nationalDay), at('2026-09-30T10:00:00+08:00'), calendar), { light: 'green', workingDaysLeft: 5 });
});

test('the National Day holiday does not use up working days', () => {
  assert.deepEqual(trafficLight(open(nationalDay), at('2026-10-05T12:00:00+08:00'), calendar), { light: 'green', workingDaysLeft: 5 });
  assert.deepEqual(trafficLight(open(nationalDay), at('2026-10-07T23:59:59+08:00'), calendar), { light: 'green', workingDaysLeft: 5 });
  assert.deepEqual(trafficLight(open(nationalDay), at('2026-10-08T09:00:00+08:00'), calendar), { light: 'green', workingDaysLeft: 4 });
});

test('the adjusted Saturday 10-10 counts, the Sunday after it does not', () => {
  assert.deepEqual(trafficLight(open(nationalDay), at('2026-10-09T09:00:00+08:00'), calendar), { light: 'green', workingDaysLeft: 3 });
  assert.deepEqual(trafficLight(open(nationalDay), at('2026-10-10T09:00:00+08:00'), calendar), { light: 'green', workingDaysLeft: 2 });
  assert.deepEqual(trafficLight(open(nationalDay), at('2026-10-11T09:00:00+08:00'), calendar), { light: 'green', workingDaysLeft: 2 });
});

test('green the day before the last day; yellow, with 0 left, on the last day; red at 24:00 of it', () => {
  const fns = createCountdowns(calendar);
  assert.deepEqual(fns(open(nationalDay), at('2026-10-12T23:59:59+08:00')), { light: 'green', workingDaysLeft: 1 });
  assert.deepEqual(fns(open(nationalDay), at('2026-10-13T00:00:00+08:00')), { light: 'yellow', workingDaysLeft: 0 });
  assert.deepEqual(fns(open(nationalDay), at('2026-10-13T08:00:00+08:00')), { light: 'yellow', workingDaysLeft: 0 });
  assert.deepEqual(fns(open(nationalDay), at('2026-10-13T23:59:59+08:00')), { light: 'yellow', workingDaysLeft: 0 });
  assert.deepEqual(fns(open(nationalDay), at('2026-10-14T00:00:00+08:00')), { light: 'red', workingDaysLeft: -1 });
  assert.deepEqual(fns(open(nationalDay), at('2026-10-16T15:00:00+08:00')), { light: 'red', workingDaysLeft: -3 });
});

test('the day boundary is Shanghai midnight, not UTC', () => {
  // 2026-10-12T16:30Z is already Tuesday 10-13 (the last day) 00:30 in Shanghai.
  assert.deepEqual(trafficLight(open(nationalDay), at('2026-10-12T16:30:00Z'), calendar), { light: 'yellow', workingDaysLeft: 0 });
  assert.deepEqual(trafficLight(open(nationalDay), at('2026-10-12T15:30:00Z'), calendar), { light: 'green', workingDaysLeft: 1 });
});

test('over a weekend: a Monday deadline stays green until Monday, and a Friday deadline is late 0 days until Monday', () => {
  const endOfMonday = at('2026-11-10T00:00:00+08:00'); // last day Monday 11-09
  assert.deepEqual(trafficLight(open(endOfMonday), at('2026-11-05T10:00:00+08:00'), calendar), { light: 'green', workingDaysLeft: 2 });
  assert.deepEqual(trafficLight(open(endOfMonday), at('2026-11-06T10:00:00+08:00'), calendar), { light: 'green', workingDaysLeft: 1 });
  assert.deepEqual(trafficLight(open(endOfMonday), at('2026-11-08T10:00:00+08:00'), calendar), { light: 'green', workingDaysLeft: 1 });
  assert.deepEqual(trafficLight(open(endOfMonday), at('2026-11-09T08:00:00+08:00'), calendar), { light: 'yellow', workingDaysLeft: 0 });

  const endOfFriday = at('2026-11-07T00:00:00+08:00'); // last day Friday 11-06
  assert.deepEqual(trafficLight(open(endOfFriday), at('2026-11-07T10:00:00+08:00'), calendar), { light: 'red', workingDaysLeft: 0 });
  assert.deepEqual(trafficLight(open(endOfFriday), at('2026-11-08T23:00:00+08:00'), calendar), { light: 'red', workingDaysLeft: 0 });
  assert.deepEqual(trafficLight(open(endOfFriday), at('2026-11-09T09:00:00+08:00'), calendar), { light: 'red', workingDaysLeft: -1 });
});

test('lateness across the National Day holiday counts only working days', () => {
  const endOf0930 = at('2026-10-01T00:00:00+08:00'); // last day Wednesday 09-30
  assert.deepEqual(trafficLight(open(endOf0930), at('2026-10-07T12:00:00+08:00'), calendar), { light: 'red', workingDaysLeft: 0 });
  assert.deepEqual(trafficLight(open(endOf0930), at('2026-10-10T12:00:00+08:00'), calendar), { light: 'red', workingDaysLeft: -3 });
});

test('a task the workflow marked overdue is red whatever the clock says', () => {
  assert.deepEqual(trafficLight(open(nationalDay, true), at('2026-10-08T09:00:00+08:00'), calendar), { light: 'red', workingDaysLeft: 4 });
});

test('no deadline: no light and no countdown, unless marked overdue', () => {
  assert.deepEqual(trafficLight(open(null), at('2026-10-08T09:00:00+08:00'), calendar), { light: null, workingDaysLeft: null });
  assert.deepEqual(trafficLight(open(null, true), at('2026-10-08T09:00:00+08:00'), calendar), { light: 'red', workingDaysLeft: null });
});

test('a published year is what the countdown follows', () => {
  // 2027-01-04 is a Monday; a notice adding it to the New Year holiday takes it out of the count.
  const due = at('2027-01-06T00:00:00+08:00'); // last day Tuesday 01-05
  const now = at('2026-12-31T10:00:00+08:00');
  assert.equal(trafficLight(open(due), now, calendar).workingDaysLeft, 2); // 01-04 and 01-05
  const holidays = ['01', '02', '03', '04'].map((d) => ({ date: `2027-01-${d}`, name: '元旦' }));
  const published = createWorkingDayCalendar([{ year: 2027, holidays, workdays: [] }]);
  assert.equal(trafficLight(open(due), now, published).workingDaysLeft, 1); // 01-05 only
});

test('one countdown function over a page of tasks, asked in any order, counts as a fresh one per task', () => {
  const shared = createCountdowns(calendar);
  const now = at('2026-10-09T09:00:00+08:00');
  // Deadlines from weeks before to months after now, out of order: the numbering grows at both ends.
  const dues = [40, -3, 0, 120, -45, 7, -1, 365, -200, 2].map((d) => new Date(Date.parse('2026-10-14T00:00:00+08:00') + d * 86_400_000));
  for (const dueAt of dues) assert.deepEqual(shared(open(dueAt), now), trafficLight(open(dueAt), now, calendar), dueAt.toISOString());
  // And a later `now` on the same function.
  const later = at('2027-02-20T09:00:00+08:00');
  for (const dueAt of dues) assert.deepEqual(shared(open(dueAt), later), trafficLight(open(dueAt), later, calendar), dueAt.toISOString());
});
