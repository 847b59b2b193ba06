import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorkingDayCalendar, formatShanghai, type DeadlineResult, type PublishedYear } from './index';

const unpublished = createWorkingDayCalendar([]);

function assertDeadline(result: DeadlineResult, deadline: string, provisional: boolean, counted?: string[]) {
  assert.equal(formatShanghai(result.deadline), deadline);
  assert.equal(result.provisional, provisional);
  if (counted) assert.deepEqual(result.counted, counted);
}

// A hypothetical 2027 notice, for the published-year cases.
const published2027: PublishedYear = {
  year: 2027,
  holidays: [
    { date: '2027-01-01', name: '元旦' },
    { date: '2027-01-02', name: '元旦' },
    { date: '2027-01-03', name: '元旦' },
    ...['05', '06', '07', '08', '09', '10', '11'].map((d) => ({ date: `2027-02-${d}`, name: '春节' })),
  ],
  workdays: [
    { date: '2027-02-14', name: '补春节' },
    { date: '2027-02-20', name: '补春节' },
  ],
};

test('2026 National Day: 5 working days from 09-30 count the adjusted Saturday 10-10', () => {
  const result = unpublished.addWorkingDays(new Date('2026-09-30T10:00:00+08:00'), 5);
  assertDeadline(result, '2026-10-14T00:00:00+08:00', false, [
    '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12', '2026-10-13',
  ]);
  assert.equal(result.deadline.toISOString(), '2026-10-13T16:00:00.000Z');
  assert.deepEqual(result.yearsConsulted, [2026]);
});

test('2026 Spring Festival: 02-15..02-23 off, Saturdays 02-14 and 02-28 worked', () => {
  const result = unpublished.addWorkingDays(new Date('2026-02-12T15:00:00+08:00'), 7);
  assertDeadline(result, '2026-03-01T00:00:00+08:00', false, [
    '2026-02-13', '2026-02-14', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28',
  ]);
});

test('2026 Labour Day: 05-01..05-05 off, Saturday 05-09 worked', () => {
  const result = unpublished.addWorkingDays(new Date('2026-04-30T09:00:00+08:00'), 5);
  assertDeadline(result, '2026-05-12T00:00:00+08:00', false, [
    '2026-05-06', '2026-05-07', '2026-05-08', '2026-05-09', '2026-05-11',
  ]);
});

test('2026 New Year: 01-01..01-03 skipped, Sunday 01-04 counted', () => {
  const result = unpublished.addWorkingDays(new Date('2025-12-31T16:00:00+08:00'), 3);
  assertDeadline(result, '2026-01-07T00:00:00+08:00', false, ['2026-01-04', '2026-01-05', '2026-01-06']);
  assert.deepEqual(result.yearsConsulted, [2026]); // the receipt day itself is never examined
});

test('a receipt at 04:00 Shanghai, still the previous day in UTC, is received on the Shanghai day', () => {
  const received = new Date('2026-01-04T20:00:00Z');
  assert.equal(formatShanghai(received), '2026-01-05T04:00:00+08:00');
  assertDeadline(unpublished.addWorkingDays(received, 1), '2026-01-07T00:00:00+08:00', false, ['2026-01-06']);
  // The bounds of that Shanghai day: 23:59:59 is the same day, 00:00 the next.
  assertDeadline(unpublished.addWorkingDays(new Date('2026-01-05T23:59:59+08:00'), 1), '2026-01-07T00:00:00+08:00', false);
  assertDeadline(unpublished.addWorkingDays(new Date('2026-01-06T00:00:00+08:00'), 1), '2026-01-08T00:00:00+08:00', false);
});

test('60 natural days across the year end from 2026-11-15', () => {
  const result = unpublished.addNaturalDays(new Date('2026-11-15T12:00:00+08:00'), 60);
  assertDeadline(result, '2027-01-15T00:00:00+08:00', false); // calendar days: no schedule can move them
  assert.equal(result.counted.length, 60);
  assert.equal(result.counted[0], '2026-11-16');
  assert.equal(result.counted[59], '2027-01-14');
  assert.deepEqual(result.yearsConsulted, [2026, 2027]);

  const settled = createWorkingDayCalendar([published2027]).addNaturalDays(new Date('2026-11-15T12:00:00+08:00'), 60);
  assertDeadline(settled, '2027-01-15T00:00:00+08:00', false);
});

test('natural days ignore holidays', () => {
  const result = unpublished.addNaturalDays(new Date('2026-09-30T10:00:00+08:00'), 15);
  assertDeadline(result, '2026-10-16T00:00:00+08:00', false);
  assert.equal(result.counted[0], '2026-10-01');
});

test('a deadline reaching into unpublished 2027 is provisional and skips 2027-01-01', () => {
  const result = unpublished.addWorkingDays(new Date('2026-12-28T10:00:00+08:00'), 5);
  assertDeadline(result, '2027-01-06T00:00:00+08:00', true, [
    '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-04', '2027-01-05',
  ]);
  assert.deepEqual(result.yearsConsulted, [2026, 2027]);
});

test('a deadline at 00:00 on 2027-01-01 is not provisional: no 2027 day was examined', () => {
  const result = unpublished.addWorkingDays(new Date('2026-12-24T10:00:00+08:00'), 5);
  assertDeadline(result, '2027-01-01T00:00:00+08:00', false, [
    '2026-12-25', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31',
  ]);
  assert.deepEqual(result.yearsConsulted, [2026]);
});

test('provisional 2027 skips the Spring Festival eve 02-05 through 初三 02-08', () => {
  const result = unpublished.addWorkingDays(new Date('2027-02-03T10:00:00+08:00'), 3);
  assertDeadline(result, '2027-02-11T00:00:00+08:00', true, ['2027-02-04', '2027-02-09', '2027-02-10']);
});

test('once 2027 is published, its deadlines are exact and follow the published days', () => {
  const calendar = createWorkingDayCalendar([published2027]);

  const newYear = calendar.addWorkingDays(new Date('2026-12-28T10:00:00+08:00'), 5);
  assertDeadline(newYear, '2027-01-06T00:00:00+08:00', false, [
    '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-04', '2027-01-05',
  ]);
  assert.deepEqual(newYear.yearsConsulted, [2026, 2027]);

  // 02-05..02-11 off (longer than the provisional 4 days), Sunday 02-14 and Saturday 02-20 worked.
  const spring = calendar.addWorkingDays(new Date('2027-02-03T10:00:00+08:00'), 9);
  assertDeadline(spring, '2027-02-21T00:00:00+08:00', false, [
    '2027-02-04', '2027-02-12', '2027-02-14', '2027-02-15', '2027-02-16',
    '2027-02-17', '2027-02-18', '2027-02-19', '2027-02-20',
  ]);
});

test('a published 2026 overrides the bundled 2026', () => {
  // The bundled year, corrected: 10-08 made a holiday and 10-10 no longer worked.
  const bundled = unpublished;
  const all2026 = Array.from({ length: 12 }, (_, m) => bundled.month(2026, m + 1)).flat();
  const corrected: PublishedYear = {
    year: 2026,
    holidays: [
      ...all2026.filter((d) => d.kind === 'holiday').map((d) => ({ date: d.date, name: d.name ?? '' })),
      { date: '2026-10-08', name: '国庆节' },
    ],
    workdays: all2026
      .filter((d) => d.kind === 'adjusted-workday' && d.date !== '2026-10-10')
      .map((d) => ({ date: d.date, name: d.name ?? '' })),
  };
  const calendar = createWorkingDayCalendar([corrected]);
  assert.equal(calendar.yearSource(2026), 'published');

  const result = calendar.addWorkingDays(new Date('2026-09-30T10:00:00+08:00'), 5);
  assertDeadline(result, '2026-10-16T00:00:00+08:00', false, [
    '2026-10-09', '2026-10-12', '2026-10-13', '2026-10-14', '2026-10-15',
  ]);
  // Elsewhere the year is unchanged.
  const springFestival = calendar.addWorkingDays(new Date('2026-02-12T15:00:00+08:00'), 7);
  assertDeadline(springFestival, '2026-03-01T00:00:00+08:00', false);
});

test('a published year replaces the bundled year whole, not day by day', () => {
  const calendar = createWorkingDayCalendar([
    { year: 2026, holidays: [{ date: '2026-01-01', name: '元旦' }], workdays: [] },
  ]);
  assert.deepEqual(calendar.day('2026-05-04'), { date: '2026-05-04', working: true, kind: 'workday', source: 'published' });
  assert.deepEqual(calendar.day('2026-10-10'), { date: '2026-10-10', working: false, kind: 'weekend', source: 'published' });
  assertDeadline(calendar.addWorkingDays(new Date('2026-04-30T09:00:00+08:00'), 1), '2026-05-02T00:00:00+08:00', false, [
    '2026-05-01',
  ]);
});
