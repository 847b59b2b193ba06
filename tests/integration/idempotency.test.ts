/** `Idempotency-Key` on POST /cases (API.md "Cases"): a retried POST returns the first case. */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { as, assertError, type Client, type Json, rsPayload } from './client';

const newKey = () => `it-${crypto.randomUUID()}`;
const file = (c: Client, key: string, payload: Record<string, unknown> = rsPayload()) =>
  c.post('/cases', { type: 'restricted-share', payload }, { headers: { 'Idempotency-Key': key } });

async function countMine(c: Client, id: string): Promise<number> {
  const r = await c.get('/cases?mine=true');
  assert.equal(r.status, 200, r.text);
  return (r.body.items as Json[]).filter((x) => x.id === id).length;
}

describe('idempotency', () => {
  let amr: Client;
  before(async () => {
    amr = await as('amr.applicant');
  });

  test('the same key twice → the same case, one case only', async () => {
    const key = newKey();
    const first = await file(amr, key);
    assert.equal(first.status, 201, first.text);
    assert.equal(first.body.type, 'restricted-share');
    assert.equal(first.body.status, 'in-progress');
    assert.match(first.body.id, /^RS-\d{8}-[0-9A-F]{8}$/);
    assert.equal(first.body.workflowId, `restricted-share-${first.body.id}`);
    assert.equal(first.headers.get('idempotent-replayed'), null);

    const second = await file(amr, key);
    assert.equal(second.status, 201, second.text);
    assert.deepEqual(second.body, first.body);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');

    assert.equal(await countMine(amr, first.body.id), 1);
  });

  test('without a key, two identical POSTs file two cases', async () => {
    const a = await amr.post('/cases', { type: 'restricted-share', payload: rsPayload() });
    const b = await amr.post('/cases', { type: 'restricted-share', payload: rsPayload() });
    assert.equal(a.status, 201, a.text);
    assert.equal(b.status, 201, b.text);
    assert.notEqual(a.body.id, b.body.id);
  });

  test('the same key with a different body → 409, and no second case', async () => {
    const key = newKey();
    const first = await file(amr, key);
    assert.equal(first.status, 201, first.text);
    const other = await file(amr, key, rsPayload({ accessDays: 30 }));
    assertError(other, 409, 'conflict', { fields: ['Idempotency-Key'] });
    // The first case is still what the key stands for.
    const again = await file(amr, key);
    assert.equal(again.status, 201);
    assert.equal(again.body.id, first.body.id);
    assert.equal(await countMine(amr, first.body.id), 1);
  });

  test('concurrent retries with one key file one case', async () => {
    const key = newKey();
    const answers = await Promise.all(Array.from({ length: 5 }, () => file(amr, key)));
    for (const r of answers) assert.equal(r.status, 201, r.text);
    const ids = new Set(answers.map((r) => r.body.id));
    assert.equal(ids.size, 1, `several cases: ${[...ids].join(', ')}`);
    assert.equal(await countMine(amr, [...ids][0] as string), 1);
  });

  test('keys are per caller: another organisation using the same key gets its own case', async () => {
    const key = newKey();
    const psb = await as('psb.provider');
    const a = await file(amr, key);
    const b = await file(psb, key, rsPayload({ resources: ['NB-WATER-0001'] }));
    assert.equal(a.status, 201, a.text);
    assert.equal(b.status, 201, b.text);
    assert.notEqual(a.body.id, b.body.id);
    assert.equal(b.headers.get('idempotent-replayed'), null);
  });

  test('a refused POST is replayed as refused, and does not burn the case', async () => {
    const key = newKey();
    const bad = await file(amr, key, rsPayload({ undertaking: false }));
    assertError(bad, 422, 'validation_failed', { fields: ['undertaking'] });
    const again = await file(amr, key, rsPayload({ undertaking: false }));
    assert.equal(again.status, 422);
    assert.deepEqual(again.body, bad.body);
  });
});
