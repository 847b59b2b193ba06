import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorkingDayCalendar, type PublishedYear } from '../domain/calendar';
import { createDeadlineActivities, createPlanAhead } from './deadline.activities';

const published: PublishedYear[] = [];
const calendar = createWorkingDayCalendar(published);
const FROM = '2026-11-30T09:30:00.000Z'; // 17:30 Shanghai, a Monday

test('planDeadline: working days with the reminder one working day before; natural days, the same on every call', async () => {
  const { planDeadline } = createDeadlineActivities(async () => published);
  const w = await planDeadline({ from: FROM, workingDays: 5 });
  assert.equal(w.dueAt, calendar.addWorkingDays(new Date(FROM), 5).deadline.toISOString());
  assert.equal(w.remindAt, calendar.addWorkingDays(new Date(FROM), 4).deadline.toISOString());
  const n1 = await planDeadline({ from: FROM, naturalDays: 365 });
  const expected = calendar.addNaturalDays(new Date(FROM), 365);
  assert.deepEqual(n1, { dueAt: expected.deadline.toISOString(), remindAt: null, provisional: false, yearsConsulted: expected.yearsConsulted });
  n1.yearsConsulted.push(1999); // a caller's copy: the kept plan is not changed
  // Another instant of the same Shanghai day: the same plan.
  assert.deepEqual(await planDeadline({ from: '2026-11-30T15:59:59.000Z', naturalDays: 365 }), { ...n1, yearsConsulted: expected.yearsConsulted });
  // The next Shanghai day (00:00 +08:00): one day later.
  const next = await planDeadline({ from: '2026-11-30T16:00:00.000Z', naturalDays: 365 });
  assert.equal(Date.parse(next.dueAt) - Date.parse(n1.dueAt), 24 * 3600_000);
});

test('planAhead: every rule from one instant over one reading of the calendar, as planDeadline plans each', async () => {
  let reads = 0;
  const planAhead = createPlanAhead(async () => (reads++, published));
  const { planDeadline } = createDeadlineActivities(async () => published);
  const r = await planAhead({ from: FROM, rules: [{ workingDays: 10 }, { naturalDays: 200 }] });
  assert.equal(reads, 1);
  assert.equal(r.from, FROM);
  assert.deepEqual(r.plans, [
    { rule: { workingDays: 10 }, planned: await planDeadline({ from: FROM, workingDays: 10 }) },
    { rule: { naturalDays: 200 }, planned: await planDeadline({ from: FROM, naturalDays: 200 }) },
  ]);
});

test('the worker keeps its calendar between plans, and plans over the new one as soon as a year is published', async () => {
  let current: PublishedYear[] = [];
  const planAhead = createPlanAhead(async () => current);
  const { planDeadline } = createDeadlineActivities(async () => current);
  const before = await planDeadline({ from: FROM, workingDays: 3 });
  assert.deepEqual((await planAhead({ from: FROM, rules: [{ workingDays: 3 }] })).plans[0]?.planned, before);
  // Wednesday 2 December 2026 published as a day off: three working days from Monday end a day later.
  assert.equal(createWorkingDayCalendar([]).day('2026-12-02').kind, 'workday', 'the fixture assumes an ordinary working day');
  current = [{ year: 2026, holidays: [{ date: '2026-12-02', name: '测试假日' }], workdays: [] }];
  const after = await planDeadline({ from: FROM, workingDays: 3 });
  assert.equal(Date.parse(after.dueAt) - Date.parse(before.dueAt), 24 * 3600_000);
  assert.deepEqual((await planAhead({ from: FROM, rules: [{ workingDays: 3 }] })).plans[0]?.planned, after);
});
