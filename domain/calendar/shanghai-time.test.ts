import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatShanghai, isValidDateString, toShanghaiDate } from './shanghai-time';

test('toShanghaiDate uses the Shanghai calendar day, not UTC or the host zone', () => {
  assert.equal(toShanghaiDate(new Date('2026-01-04T20:00:00Z')), '2026-01-05'); // 04:00 Shanghai
  assert.equal(toShanghaiDate(new Date('2026-01-04T15:59:59Z')), '2026-01-04'); // 23:59:59 Shanghai
  assert.equal(toShanghaiDate(new Date('2026-01-04T16:00:00Z')), '2026-01-05'); // 00:00 Shanghai
});

test('formatShanghai prints ISO 8601 with the +08:00 offset', () => {
  assert.equal(formatShanghai(new Date('2026-10-13T16:00:00Z')), '2026-10-14T00:00:00+08:00');
  assert.equal(formatShanghai(new Date('2026-09-30T02:00:00Z')), '2026-09-30T10:00:00+08:00');
});

test('date strings must be real yyyy-MM-dd dates', () => {
  assert.equal(isValidDateString('2028-02-29'), true);
  assert.equal(isValidDateString('2026-02-29'), false);
  assert.equal(isValidDateString('2026-1-5'), false);
  assert.equal(isValidDateString('2026/01/05'), false);
  assert.equal(isValidDateString('2026-13-01'), false);
});
