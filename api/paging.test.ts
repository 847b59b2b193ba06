import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAppError } from '../domain/errors';
import { auditCursorSchema, caseCursorSchema, mergeSorted, openTaskCursorSchema } from '../domain/paging';
import { decodeCursor, encodeCursor, listPage } from './paging';

const refused = (fn: () => unknown) =>
  assert.throws(fn, (e: unknown) => isAppError(e) && e.code === 'bad_request' && Object.keys(e.fields ?? {}).join() === 'cursor');

test('a cursor names the last row’s sort key and comes back as it went out', () => {
  const key = { k: 'task-open' as const, d: null, t: 1_764_460_800_000, i: 'RS-20261130-0A1B2C3D-t1' };
  const cursor = encodeCursor(key);
  assert.match(cursor, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(decodeCursor(openTaskCursorSchema, cursor), key);
  assert.equal(decodeCursor(caseCursorSchema, undefined), null);
  assert.equal(decodeCursor(caseCursorSchema, ''), null);
});

test('a cursor of another list, a forged key or garbage is a 400 on the cursor field', () => {
  refused(() => decodeCursor(caseCursorSchema, encodeCursor({ k: 'audit', s: 3 })));
  refused(() => decodeCursor(auditCursorSchema, encodeCursor({ k: 'audit', s: '3' })));
  refused(() => decodeCursor(caseCursorSchema, encodeCursor({ k: 'case', t: -1, i: 'x' })));
  refused(() => decodeCursor(caseCursorSchema, encodeCursor({ k: 'case', t: 1, i: 'x', extra: true })));
  refused(() => decodeCursor(caseCursorSchema, 'not base64url!'));
  refused(() => decodeCursor(caseCursorSchema, Buffer.from('{not json').toString('base64url')));
});

test('per-role lists merge into one order, first n only', () => {
  const cmp = (a: number, b: number) => a - b;
  assert.deepEqual(mergeSorted([[1, 4, 9], [2, 3], []], cmp, 4), [1, 2, 3, 4]);
  assert.deepEqual(mergeSorted([[5]], cmp, 3), [5]);
});

test('a paged list reads after the cursor it was given and hands out the next one; a foreign cursor is refused before any read', async () => {
  const reads: unknown[] = [];
  const read = async (page: { limit: number; after: unknown }) => {
    reads.push(page);
    return { items: ['b', 'c'], total: 5, next: page.after ? null : { k: 'case' as const, t: 2, i: 'c' } };
  };
  const first = await listPage(caseCursorSchema, { limit: 2 }, read);
  assert.deepEqual(first.body, { items: ['b', 'c'], nextCursor: encodeCursor({ k: 'case', t: 2, i: 'c' }), total: 5 });
  const last = await listPage(caseCursorSchema, { limit: 2, cursor: first.body.nextCursor! }, read);
  assert.equal(last.body.nextCursor, null);
  assert.deepEqual(reads, [{ limit: 2, after: null }, { limit: 2, after: { k: 'case', t: 2, i: 'c' } }]);
  await assert.rejects(listPage(caseCursorSchema, { limit: 2, cursor: encodeCursor({ k: 'audit', s: 3 }) }, read), (e: unknown) => isAppError(e) && e.code === 'bad_request');
  assert.equal(reads.length, 2);
});
