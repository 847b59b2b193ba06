/** The kernel's deadlines planned ahead (workflows/kernel/deadline-plans.ts): which plans a task may take without an activity. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDeadlinePlans } from '../../workflows/kernel/deadline-plans';

const planned = (dueAt: string) => ({ dueAt, remindAt: null, provisional: false, yearsConsulted: [2026] });
const FROM = '2026-11-30T09:30:00.000Z'; // 2026-11-30 Shanghai

test('a plan holds for its Shanghai day and rule only; a published calendar drops every plan', () => {
  const plans = createDeadlinePlans({ enabled: true, rules: () => [{ workingDays: 5 }, { naturalDays: 200 }, { workingDays: 5 }] });
  const ask = plans.ask(FROM)!;
  assert.deepEqual(ask.request, { from: FROM, rules: [{ workingDays: 5 }, { naturalDays: 200 }] }, 'each rule once');
  assert.equal(plans.lookup({ from: FROM, workingDays: 5 }), undefined, 'nothing planned yet');
  ask.accept({ from: FROM, plans: [{ rule: { workingDays: 5 }, planned: planned('2026-12-08T16:00:00.000Z') }, { rule: { naturalDays: 200 }, planned: planned('2027-06-18T16:00:00.000Z') }] });

  assert.equal(plans.lookup({ from: '2026-11-29T16:00:00.000Z', workingDays: 5 })?.dueAt, '2026-12-08T16:00:00.000Z', '00:00 Shanghai: the same day');
  assert.equal(plans.lookup({ from: '2026-11-30T15:59:59.999Z', naturalDays: 200 })?.dueAt, '2027-06-18T16:00:00.000Z', '23:59:59 Shanghai: the same day');
  assert.equal(plans.lookup({ from: '2026-11-30T16:00:00.000Z', workingDays: 5 }), undefined, 'the next Shanghai day counts from elsewhere');
  assert.equal(plans.lookup({ from: FROM, workingDays: 4 }), undefined, 'a rule not planned');
  assert.equal(plans.lookup({ from: FROM, until: '2027-01-01T00:00:00.000Z' }), undefined, 'a fixed date is no plan');

  const copy = plans.lookup({ from: FROM, workingDays: 5 })!;
  copy.yearsConsulted.push(2027);
  assert.deepEqual(plans.lookup({ from: FROM, workingDays: 5 })?.yearsConsulted, [2026], 'each task gets its own copy');

  plans.clear();
  assert.equal(plans.lookup({ from: FROM, workingDays: 5 }), undefined);
});

test('an answer to a request sent before a calendar was published is dropped: it may have read the old calendar', () => {
  const plans = createDeadlinePlans({ enabled: true, rules: () => [{ workingDays: 5 }] });
  const inFlight = plans.ask(FROM)!;
  plans.clear(); // the publish's signal arrives while the batch is being written
  inFlight.accept({ from: FROM, plans: [{ rule: { workingDays: 5 }, planned: planned('2026-12-08T16:00:00.000Z') }] });
  assert.equal(plans.lookup({ from: FROM, workingDays: 5 }), undefined);
  const next = plans.ask(FROM)!; // the next batch asks again, under the new calendar
  next.accept({ from: FROM, plans: [{ rule: { workingDays: 5 }, planned: planned('2026-12-09T16:00:00.000Z') }] });
  assert.equal(plans.lookup({ from: FROM, workingDays: 5 })?.dueAt, '2026-12-09T16:00:00.000Z');
});

test('a case started before planning ahead asks for nothing and finds nothing', () => {
  const plans = createDeadlinePlans({ enabled: false, rules: () => [{ workingDays: 5 }] });
  assert.equal(plans.ask(FROM), undefined);
  assert.equal(plans.lookup({ from: FROM, workingDays: 5 }), undefined);
});
