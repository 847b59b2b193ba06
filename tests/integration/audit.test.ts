import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { as, assertError, fileCase, waitFor, type Json } from './client';

describe('audit log (Art. 24)', () => {
  test('a case view is logged once per viewer while a page refreshes; filing and decisions are logged; the chain verifies', async () => {
    const amr = await as('amr.applicant');
    const admin = await as('admin');
    const id = await fileCase(amr);
    assert.equal((await amr.get(`/cases/${id}`)).status, 200);
    assert.equal((await amr.get(`/cases/${id}`)).status, 200);

    // The filing is audited by the workflow, with the case's first record.
    const log = await waitFor('the filing in the audit log', async () => {
      const r = await admin.get(`/admin/audit?target=${encodeURIComponent(`case:${id}`)}`);
      assert.equal(r.status, 200, r.text);
      return r.body.items.some((e: Json) => e.action === 'case-file') ? r : null;
    });
    const actions = log.body.items.map((e: Json) => `${e.actor}:${e.action}`);
    assert.equal(actions.filter((a: string) => a === '陈市监:case-view').length, 1, JSON.stringify(actions));
    assert.ok(actions.includes('陈市监:case-file'), JSON.stringify(actions));
    for (const e of log.body.items) assert.match(e.hash, /^[0-9a-f]{64}$/);

    const verify = await admin.get('/admin/audit/verify');
    assert.equal(verify.status, 200, verify.text);
    assert.equal(verify.body.ok, true, JSON.stringify(verify.body));
    assert.ok(verify.body.entries >= 2);
    assert.equal(verify.body.firstBadEntry, undefined);
    assert.equal(verify.body.damage, undefined);
  });

  test('only administrators read the log', async () => {
    const amr = await as('amr.applicant');
    assertError(await amr.get('/admin/audit'), 403, 'forbidden');
    assertError(await amr.get('/admin/audit/verify'), 403, 'forbidden');
  });
});
