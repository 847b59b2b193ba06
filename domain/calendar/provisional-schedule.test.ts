import { test } from 'node:test';
import assert from 'node:assert/strict';
import { differenceInCalendarDays } from 'date-fns';
import { provisionalHolidays } from './provisional-schedule';
import { SPRING_FESTIVAL_DAY_ONE } from './spring-festival-dates';

test('provisional 2027: fixed statutory holidays plus 除夕–初三 of the Spring Festival', () => {
  const days = provisionalHolidays(2027);
  assert.deepEqual([...days.keys()].sort(), [
    '2027-01-01',
    '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08',
    '2027-05-01', '2027-05-02',
    '2027-10-01', '2027-10-02', '2027-10-03',
  ]);
  assert.deepEqual(days.get('2027-02-05'), { kind: 'holiday', name: '春节' });
  assert.deepEqual(days.get('2027-01-01'), { kind: 'holiday', name: '元旦' });
  for (const day of days.values()) assert.equal(day.kind, 'holiday'); // no guessed 调休
});

test('provisional 2030: the near-midnight new moon puts 初一 on 02-03, eve 02-02', () => {
  const spring = [...provisionalHolidays(2030)].filter(([, d]) => d.name === '春节').map(([date]) => date);
  assert.deepEqual(spring, ['2030-02-02', '2030-02-03', '2030-02-04', '2030-02-05']);
});

test('a missing year without a table entry still has its fixed-date holidays', () => {
  assert.deepEqual([...provisionalHolidays(2041).keys()].sort(), [
    '2041-01-01', '2041-05-01', '2041-05-02', '2041-10-01', '2041-10-02', '2041-10-03',
  ]);
});

test('Spring Festival table is plausible: 2027–2040, Jan 21–Feb 20, lunar-year gaps', () => {
  const years = Object.keys(SPRING_FESTIVAL_DAY_ONE).map(Number);
  assert.deepEqual(years, Array.from({ length: 14 }, (_, i) => 2027 + i));
  let previous = new Date('2026-02-17T00:00:00Z'); // 2026 初一, per the bundled 春节 data (eve 02-16)
  for (const year of years) {
    const date = SPRING_FESTIVAL_DAY_ONE[year]!;
    assert.ok(date >= `${year}-01-21` && date <= `${year}-02-20`, date);
    const day = new Date(`${date}T00:00:00Z`);
    const gap = differenceInCalendarDays(day, previous);
    assert.ok([353, 354, 355, 383, 384, 385].includes(gap), `${date}: gap ${gap}`);
    previous = day;
  }
});
