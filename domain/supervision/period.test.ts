import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from '../zod-locale';
import { currentMonth, isPeriodProblem, recentMonths, resolvePeriod, supervisionPeriodQuery } from './period';

const query = z.strictObject(supervisionPeriodQuery);

test('the period defaults to the current month in Shanghai', () => {
  // 16:30 UTC on 11-30 is already 12-01 in Ningbo.
  assert.deepEqual(currentMonth(new Date('2026-11-30T16:30:00Z')), { from: '2026-12-01', to: '2026-12-31' });
  assert.deepEqual(currentMonth(new Date('2028-02-10T10:00:00+08:00')), { from: '2028-02-01', to: '2028-02-29' });
  const p = resolvePeriod({}, new Date('2026-11-15T10:00:00+08:00'));
  assert.ok(!isPeriodProblem(p));
  assert.equal(p.from, '2026-11-01');
  assert.equal(p.to, '2026-11-30');
  // Both days included: [11-01 00:00, 12-01 00:00) Shanghai.
  assert.equal(p.start.toISOString(), '2026-10-31T16:00:00.000Z');
  assert.equal(p.end.toISOString(), '2026-11-30T16:00:00.000Z');
});

test('a one-day period is from = to; to before from, or more than 366 days, names to', () => {
  const now = new Date('2026-11-15T10:00:00+08:00');
  const day = resolvePeriod({ from: '2026-11-03', to: '2026-11-03' }, now);
  assert.ok(!isPeriodProblem(day));
  assert.equal(day.end.getTime() - day.start.getTime(), 86_400_000);
  const back = resolvePeriod({ from: '2026-11-03', to: '2026-11-02' }, now);
  assert.ok(isPeriodProblem(back) && back.field === 'to');
  assert.ok(!isPeriodProblem(resolvePeriod({ from: '2024-01-01', to: '2024-12-31' }, now))); // 366 days, leap year
  const long = resolvePeriod({ from: '2025-01-01', to: '2026-01-02' }, now);
  assert.ok(isPeriodProblem(long) && long.field === 'to');
});

test('dates must be real YYYY-MM-DD dates', () => {
  for (const bad of ['2026-02-30', '2026-1-1', '20261101', '2026-11-01T00:00:00Z', '1900-01-01', '']) {
    const r = query.safeParse({ from: bad });
    assert.equal(r.success, false, bad);
    assert.deepEqual([...new Set(r.error?.issues.map((i) => i.path.join('.')))], ['from']);
  }
  assert.equal(query.safeParse({ from: '2026-11-01', to: '2026-11-30' }).success, true);
});

test('the month presets go back across the new year, newest first', () => {
  assert.deepEqual(
    recentMonths(new Date('2027-02-10T10:00:00+08:00'), 3).map((m) => [m.from, m.to]),
    [
      ['2027-02-01', '2027-02-28'],
      ['2027-01-01', '2027-01-31'],
      ['2026-12-01', '2026-12-31'],
    ],
  );
});
