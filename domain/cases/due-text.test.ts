import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dueText } from './due-text';

test('a deadline at 00:00 Shanghai reads as 24:00 of the day before', () => {
  assert.equal(dueText('2026-10-13T16:00:00.000Z'), '2026年10月13日24:00');
  assert.equal(dueText('2026-10-14T00:00:00+08:00'), '2026年10月13日24:00');
});

test('other instants read in Shanghai time', () => {
  assert.equal(dueText('2026-09-30T02:00:00Z'), '2026年9月30日10:00');
  assert.equal(dueText('2026-12-31T20:30:00Z'), '2027年1月1日04:30');
});
