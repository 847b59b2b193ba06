/**
 * Recording each use of granted data, POST /grants/{id}/access (API.md; audit,
 * Art. 24), on restricted-share grants: an unconditional-share resource
 * (NB-AMR-0001, NB-WATER-0002) is granted at once to the filing organisation.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { anonymous, as, assertError, auditEntries, caseOf, type Client, fileCase, type Json, rsPayload, waitFor } from './client';

let psb: Client; // files the requests: the grants are its organisation's
let amr: Client; // provides NB-AMR-0001, may not use the grant
let water: Client; // an outsider
let reviewer: Client; // the BDB sees every case, uses no data
let admin: Client;

before(async () => {
  [psb, amr, water, reviewer, admin] = await Promise.all([as('psb.provider'), as('amr.applicant'), as('water.provider'), as('bdb.reviewer'), as('admin')]);
});

/** psb files an unconditional-share resource and waits for its grant. */
async function granted(resource = 'NB-AMR-0001', dataItems = ['统一社会信用代码', '企业名称']): Promise<{ caseId: string; grant: Json }> {
  const caseId = await fileCase(psb, rsPayload({ resources: [resource], dataItems, accessDays: 30 }));
  const c = await waitFor('the unconditional case to be granted', async () => {
    const x = await caseOf(psb, caseId);
    return x.status === 'granted' && x.outcome?.grants.length === 1 ? x : null;
  });
  return { caseId, grant: c.outcome.grants[0] };
}

const access = (c: Client, grantId: string, body: unknown, headers?: Record<string, string>) => c.post(`/grants/${encodeURIComponent(grantId)}/access`, body, { headers });
const grantOn = async (c: Client, caseId: string, grantId: string): Promise<Json> => (await caseOf(c, caseId)).outcome.grants.find((g: Json) => g.id === grantId);

describe('POST /grants/{id}/access', () => {
  test('the grant organisation records a use: 200, an audit entry, and the count on the case', async () => {
    const { caseId, grant } = await granted();
    assert.equal(grant.resource, 'NB-AMR-0001');
    assert.equal(grant.accessCount, 0);
    assert.equal(grant.lastAccessAt, null);

    const r = await access(psb, grant.id, { purpose: '  核验企业开办申请中的企业名称  ' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.grant, { id: grant.id, resource: 'NB-AMR-0001', resourceCode: 'NB-AMR-0001', status: 'active', expiresAt: grant.expiresAt });
    assert.equal(typeof r.body.access.id, 'string');
    assert.match(r.body.access.at, /\+08:00$/);

    const entries = await auditEntries(admin, `grant:${grant.id}`, 'grant-access');
    assert.equal(entries.length, 1);
    assert.deepEqual(
      { purpose: entries[0].detail.purpose, case: entries[0].detail.case, resource: entries[0].detail.resource },
      { purpose: '核验企业开办申请中的企业名称', case: caseId, resource: 'NB-AMR-0001' },
    );
    assert.equal(entries[0].actorOrg, '宁波市公安局');

    const seen = await grantOn(psb, caseId, grant.id);
    assert.equal(seen.accessCount, 1);
    assert.equal(seen.lastAccessAt, r.body.access.at);
    assert.equal((await admin.get('/admin/audit/verify')).body.ok, true);
  });

  test('a retry with the same Idempotency-Key is one use; another key is another', async () => {
    const { caseId, grant } = await granted();
    const key = crypto.randomUUID();
    const first = await access(psb, grant.id, { purpose: '批量比对' }, { 'Idempotency-Key': key });
    const retry = await access(psb, grant.id, { purpose: '批量比对' }, { 'Idempotency-Key': key });
    assert.equal(first.status, 200, first.text);
    assert.equal(retry.status, 200, retry.text);
    assert.equal(retry.body.access.id, first.body.access.id);
    assert.equal((await access(psb, grant.id, { purpose: '批量比对' }, { 'Idempotency-Key': crypto.randomUUID() })).status, 200);
    assert.equal((await grantOn(psb, caseId, grant.id)).accessCount, 2);
    assert.equal((await auditEntries(admin, `grant:${grant.id}`, 'grant-access')).length, 2);
  });

  test('nobody outside the grant organisation learns of the grant: 404; signed out: 401', async () => {
    const { grant } = await granted();
    const body = { purpose: '查看' };
    assertError(await access(anonymous(), grant.id, body), 401, 'unauthenticated');
    for (const outsider of [water, amr, reviewer, admin]) assertError(await access(outsider, grant.id, body), 404, 'not_found');
    assertError(await access(psb, `${grant.id}-nope`, body), 404, 'not_found');
    assert.deepEqual(await auditEntries(admin, `grant:${grant.id}`, 'grant-access'), []);
  });

  test('a missing, blank or over-long purpose names the field', async () => {
    const { grant } = await granted();
    for (const body of [{}, { purpose: '   ' }, { purpose: '用'.repeat(501) }, { purpose: 7 }]) {
      const r = await access(psb, grant.id, body);
      assertError(r, 422, 'validation_failed', { fields: ['purpose'] });
      assert.match(r.body.error.fields.purpose, /用途/);
    }
  });

  test('a business system with its organisation\u2019s API key records a use; another organisation\u2019s key gets 404', async () => {
    const { caseId, grant } = await granted('NB-WATER-0002', ['监测点编号', '浊度']);
    const run = crypto.randomUUID().slice(0, 8);
    const own = await admin.post('/admin/api-keys', { orgId: 'psb', name: `治安系统-${run}` });
    const other = await admin.post('/admin/api-keys', { orgId: 'water', name: `营业系统-${run}` });
    assert.equal(own.status, 201, own.text);
    assert.equal(other.status, 201, other.text);
    const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

    const r = await access(anonymous(), grant.id, { purpose: '系统对接自动调用' }, bearer(own.body.key));
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.grant.resource, 'NB-WATER-0002');
    assertError(await access(anonymous(), grant.id, { purpose: '系统对接自动调用' }, bearer(other.body.key)), 404, 'not_found');

    const entries = await auditEntries(admin, `grant:${grant.id}`, 'grant-access');
    assert.equal(entries.length, 1);
    assert.match(entries[0].actor, new RegExp(`治安系统-${run}`));
    assert.equal((await grantOn(psb, caseId, grant.id)).accessCount, 1);
  });

  test('after an administrator revokes the grant: 409, and the refusal is audited', async () => {
    const { caseId, grant } = await granted();
    assert.equal((await access(psb, grant.id, { purpose: '撤销前使用' })).status, 200);
    const revoked = await admin.post(`/admin/grants/${grant.id}/revoke`, { reason: '超范围使用' });
    assert.equal(revoked.status, 200, revoked.text);

    const r = await access(psb, grant.id, { purpose: '撤销后使用' });
    assertError(r, 409, 'conflict');
    assert.match(r.body.error.message, /撤销/);
    const refused = await auditEntries(admin, `grant:${grant.id}`, 'grant-access-refused');
    assert.equal(refused.length, 1);
    assert.equal(refused[0].detail.purpose, '撤销后使用');
    assert.equal(refused[0].detail.status, 'revoked');
    const seen = await grantOn(psb, caseId, grant.id);
    assert.equal(seen.status, 'revoked');
    assert.equal(seen.accessCount, 1, 'the refused use is not counted');
  });
});
