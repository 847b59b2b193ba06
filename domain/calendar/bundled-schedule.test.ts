import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getFestival } from 'chinese-workday';
import { bundledHoldsYear, bundledSpecialDay } from './bundled-schedule';

test('chinese-workday holds exactly 2011–2026', () => {
  const held: number[] = [];
  for (let year = 1990; year <= 2100; year++) if (bundledHoldsYear(year)) held.push(year);
  assert.deepEqual(held, Array.from({ length: 16 }, (_, i) => 2011 + i));
});

test('outside its years the package silently answers plain Mon–Fri, which is why we probe', () => {
  assert.equal(getFestival('2027-01-01'), '工作日'); // a Friday, surely 元旦 in reality
  assert.equal(bundledHoldsYear(2027), false);
});

test('bundled days are read with their kind and name', () => {
  assert.deepEqual(bundledSpecialDay('2026-01-04'), { kind: 'adjusted-workday', name: '补元旦' });
  assert.deepEqual(bundledSpecialDay('2026-01-03'), { kind: 'holiday', name: '元旦' });
  assert.deepEqual(bundledSpecialDay('2026-10-01'), { kind: 'holiday', name: '国庆节' });
  assert.equal(bundledSpecialDay('2026-10-12'), undefined);
  assert.equal(bundledSpecialDay('2026-10-11'), undefined);
});
