import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays } from 'date-fns';
import { AppError } from '../errors';
import { dateString, parseShanghaiDate, toShanghaiDate } from './shanghai-time';
import { createCalendarMemo, createWorkingDayCalendar, type PublishedYear } from './index';

const unpublished = createWorkingDayCalendar([]);
const published2027: PublishedYear = {
  year: 2027,
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-02-09', name: '春节' },
  ],
  workdays: [{ date: '2027-02-14', name: '补春节' }],
};

function rejectsField(fn: () => unknown, field: string) {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'validation_failed');
    assert.ok(error.fields && field in error.fields, `expected field ${field}, got ${JSON.stringify(error.fields)}`);
    return true;
  });
}

test('yearSource: 2019 bundled, 2010 and 2027 missing, 2027 published once published', () => {
  assert.equal(unpublished.yearSource(2019), 'bundled');
  assert.equal(unpublished.yearSource(2026), 'bundled');
  assert.equal(unpublished.yearSource(2010), 'missing');
  assert.equal(unpublished.yearSource(2027), 'missing');
  assert.equal(createWorkingDayCalendar([published2027]).yearSource(2027), 'published');
});

test('years lists each year with its source', () => {
  assert.deepEqual(createWorkingDayCalendar([published2027]).years(2025, 2028), [
    { year: 2025, source: 'bundled' },
    { year: 2026, source: 'bundled' },
    { year: 2027, source: 'published' },
    { year: 2028, source: 'missing' },
  ]);
  rejectsField(() => unpublished.years(2028, 2025), 'to');
});

test('month marks holidays and adjusted workdays with their names', () => {
  const october = unpublished.month(2026, 10);
  assert.equal(october.length, 31);
  assert.deepEqual(october[0], { date: '2026-10-01', working: false, kind: 'holiday', name: '国庆节', source: 'bundled' });
  assert.deepEqual(october[9], { date: '2026-10-10', working: true, kind: 'adjusted-workday', name: '补国庆节', source: 'bundled' });
  assert.deepEqual(october[10], { date: '2026-10-11', working: false, kind: 'weekend', source: 'bundled' });
  assert.deepEqual(october[11], { date: '2026-10-12', working: true, kind: 'workday', source: 'bundled' });

  const february = unpublished.month(2026, 2);
  assert.equal(february.length, 28);
  assert.deepEqual(
    february.filter((d) => d.kind === 'adjusted-workday').map((d) => [d.date, d.name]),
    [['2026-02-14', '补春节'], ['2026-02-28', '补春节']],
  );
  assert.deepEqual(
    february.filter((d) => d.kind === 'holiday').map((d) => d.date),
    ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'],
  );
});

test('month of a missing year shows the provisional schedule; of a published year, the published one', () => {
  const missing = unpublished.month(2027, 2);
  assert.deepEqual(missing.filter((d) => !d.working && d.kind === 'holiday').map((d) => d.date), [
    '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08',
  ]);
  assert.ok(missing.every((d) => d.source === 'missing'));

  const published = createWorkingDayCalendar([published2027]).month(2027, 2);
  assert.deepEqual(published[8], { date: '2027-02-09', working: false, kind: 'holiday', name: '春节', source: 'published' });
  assert.deepEqual(published[13], { date: '2027-02-14', working: true, kind: 'adjusted-workday', name: '补春节', source: 'published' });
  // Published data replaces the provisional guess: 02-08 is no longer off.
  assert.deepEqual(published[7], { date: '2027-02-08', working: true, kind: 'workday', source: 'published' });
});

test('day describes a single date and rejects non-dates', () => {
  assert.deepEqual(unpublished.day('2026-01-04'), {
    date: '2026-01-04', working: true, kind: 'adjusted-workday', name: '补元旦', source: 'bundled',
  });
  assert.deepEqual(unpublished.day('2027-01-01'), {
    date: '2027-01-01', working: false, kind: 'holiday', name: '元旦', source: 'missing',
  });
  rejectsField(() => unpublished.day('2026-02-30'), 'date');
  rejectsField(() => unpublished.day('20260101'), 'date');
});

test('n must be a positive integer within the maximum', () => {
  const from = new Date('2026-09-30T10:00:00+08:00');
  for (const n of [0, -1, 1.5, Number.NaN, 367]) rejectsField(() => unpublished.addWorkingDays(from, n), 'workingDays');
  for (const n of [0, 3661]) rejectsField(() => unpublished.addNaturalDays(from, n), 'naturalDays');
  assert.equal(unpublished.addWorkingDays(from, 366).counted.length, 366);
  assert.equal(unpublished.addNaturalDays(from, 3660).counted.length, 3660);
  rejectsField(() => unpublished.addWorkingDays(new Date('nope'), 1), 'from');
});

test('month and year arguments are validated', () => {
  rejectsField(() => unpublished.month(2026, 13), 'month');
  rejectsField(() => unpublished.month(2026.5, 1), 'year');
  rejectsField(() => unpublished.yearSource(Number.NaN), 'year');
});

test('createWorkingDayCalendar rejects invalid or duplicated published years', () => {
  rejectsField(() => createWorkingDayCalendar([published2027, published2027]), 'year');
  rejectsField(
    () => createWorkingDayCalendar([{ ...published2027, holidays: [{ date: '2026-12-31', name: '元旦' }] }]),
    'holidays.0.date',
  );
});

test('the calendar memo answers from one calendar until the published years change, then from the new ones', () => {
  const calendarOf = createCalendarMemo();
  const before = calendarOf([]);
  assert.equal(calendarOf([]), before, 'the same published years: the same calendar, its described dates kept');
  assert.equal(before.day('2027-02-09').working, true, 'a Tuesday, before 2027 is published');
  const after = calendarOf([published2027]);
  assert.notEqual(after, before);
  assert.equal(after.day('2027-02-09').working, false, 'the published 春节 holiday');
  assert.equal(calendarOf([published2027]), after);
});

test('deadlines walked over date strings equal a walk in Shanghai time, day by day across year ends, holidays and a published year', () => {
  for (const cal of [unpublished, createWorkingDayCalendar([published2027])]) {
    // One reference per calendar: the public day() on dates stepped with date-fns in Asia/Shanghai.
    const reference = (from: Date, n: number, qualifies: (working: boolean) => boolean) => {
      let day = parseShanghaiDate(toShanghaiDate(from))!;
      const counted: string[] = [];
      while (counted.length < n) {
        day = addDays(day, 1);
        if (qualifies(cal.day(dateString(day)).working)) counted.push(dateString(day));
      }
      return { deadline: new Date(addDays(day, 1).getTime()).toISOString(), counted };
    };
    for (let d = Date.parse('2025-12-20T10:00:00+08:00'); d < Date.parse('2027-03-01T00:00:00+08:00'); d += 3 * 86_400_000 + 3_600_000) {
      const from = new Date(d);
      for (const n of [1, 5, 15, 20]) {
        const w = cal.addWorkingDays(from, n);
        assert.deepEqual({ deadline: w.deadline.toISOString(), counted: w.counted }, reference(from, n, (working) => working), `${from.toISOString()} +${n} working days`);
      }
      const nat = cal.addNaturalDays(from, 40);
      assert.deepEqual({ deadline: nat.deadline.toISOString(), counted: nat.counted }, reference(from, 40, () => true));
    }
  }
});
