/**
 * Recording uses of granted data on a throwaway SQLite database, with grant
 * rows as the projection leaves them: each use and its audit entry together,
 * a retry counted once, and a grant past its expiry refused (and audited)
 * although its row still says active — the clock decides, not the projection.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '../client';
import { toJson } from '../json';
import { prepareDatabase } from '../../scripts/prepare-database';
import { createAuditRepository } from './audit.repository';
import { createCasesRepository } from './cases.repository';
import { createGrantAccessRepository, grantUseSummaries, type GrantUse } from './grant-access.repository';
import type { Principal } from '../../domain/auth/principal';

const auditKey = crypto.randomBytes(32);
const HOUR = 3600_000;

let dir: string;
let db: Db;
let uses: ReturnType<typeof createGrantAccessRepository>;
let audit: ReturnType<typeof createAuditRepository>;
let applicant: Principal;

async function grant(id: string, status: string, expiresAt: Date): Promise<void> {
  await db.accessGrant.create({
    data: { id, caseId: 'RS-TEST-1', resourceCode: 'NB-AMR-0001', orgId: applicant.org.id, scope: toJson(['企业名称']), method: 'interface', status, grantedAt: new Date(Date.now() - 24 * HOUR), expiresAt },
  });
}

const use = (grantId: string, requestId: string, purpose = '核验企业登记信息'): GrantUse => ({
  grantId,
  requestId,
  purpose,
  actor: { kind: 'user', id: 'u1', name: '周公安', orgName: applicant.org.name },
});

const entriesOn = (grantId: string) => db.auditEntry.findMany({ where: { target: `grant:${grantId}` }, orderBy: { seq: 'asc' } });

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yongshu-grant-access-'));
  const url = `file:${path.join(dir, 'grants.db')}`;
  await prepareDatabase(url, { seed: true });
  db = createDb(url);
  uses = createGrantAccessRepository(db, { auditKey });
  audit = createAuditRepository(db, { auditKey });
  const org = await db.organisation.findUniqueOrThrow({ where: { id: 'psb' } });
  applicant = { kind: 'user', id: 'u1', name: '周公安', username: 'psb.provider', org: { id: org.id, name: org.name }, roles: ['applicant'] };
  await db.case.create({
    data: { id: 'RS-TEST-1', type: 'restricted-share', status: 'granted', title: '测试', applicantOrgId: org.id, payload: toJson({}), workflowId: 'wf-RS-TEST-1', outcome: toJson({ resources: [] }) },
  });
  await grant('g-active', 'active', new Date(Date.now() + 30 * 24 * HOUR));
  await grant('g-lapsed', 'active', new Date(Date.now() - HOUR));
  await grant('g-revoked', 'revoked', new Date(Date.now() + 30 * 24 * HOUR));
});

after(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('grant access', () => {
  test('a use of an active grant is recorded with its audit entry; a retry of the same request is counted once', async () => {
    const first = await uses.use(use('g-active', 'req-1'));
    assert.ok(first.ok);
    const again = await uses.use(use('g-active', 'req-1'));
    assert.ok(again.ok);
    assert.equal(again.access.id, first.access.id);
    assert.equal(await db.grantAccess.count({ where: { grantId: 'g-active' } }), 1);

    const entries = await entriesOn('g-active');
    assert.deepEqual(entries.map((e) => e.action), ['grant-access']);
    assert.deepEqual(entries[0]?.detail, { purpose: '核验企业登记信息', case: 'RS-TEST-1', resource: 'NB-AMR-0001', access: first.access.id, via: 'user' });
    assert.equal(entries[0]?.actorOrg, applicant.org.name);

    const second = await uses.use(use('g-active', 'req-2', '年度抽查'));
    assert.ok(second.ok);
    const summary = (await grantUseSummaries(db, ['g-active', 'g-lapsed'])).get('g-active');
    assert.equal(summary?.count, 2);
    assert.equal(summary?.lastAt?.getTime(), second.access.at.getTime());
    assert.equal((await audit.verify()).ok, true);
  });

  test('a grant past its expiry is refused though its row still says active, and the refusal is audited once', async () => {
    const r = await uses.use(use('g-lapsed', 'req-3'));
    assert.equal(r.ok, false);
    assert.equal(r.ok ? null : r.refusal.status, 'expired');
    await uses.use(use('g-lapsed', 'req-3'));
    assert.equal(await db.grantAccess.count({ where: { grantId: 'g-lapsed' } }), 0);
    const entries = await entriesOn('g-lapsed');
    assert.deepEqual(entries.map((e) => e.action), ['grant-access-refused']);
    assert.deepEqual(entries[0]?.detail, { purpose: '核验企业登记信息', case: 'RS-TEST-1', resource: 'NB-AMR-0001', status: 'expired' });
  });

  test('a revoked grant is refused', async () => {
    const r = await uses.use(use('g-revoked', 'req-4'));
    assert.equal(r.ok ? null : r.refusal.status, 'revoked');
    assert.equal(await db.grantAccess.count({ where: { grantId: 'g-revoked' } }), 0);
  });

  test('the case page shows each grant by the clock, with its use count and last use', async () => {
    const c = await createCasesRepository(db).detail('RS-TEST-1', applicant);
    const byId = new Map(c?.outcome?.grants.map((g) => [g.id, g]));
    assert.equal(byId.get('g-active')?.status, 'active');
    assert.equal(byId.get('g-active')?.accessCount, 2);
    assert.match(byId.get('g-active')?.lastAccessAt ?? '', /\+08:00$/);
    assert.equal(byId.get('g-active')?.resource, 'NB-AMR-0001');
    assert.equal(byId.get('g-lapsed')?.status, 'expired');
    assert.equal(byId.get('g-lapsed')?.accessCount, 0);
    assert.equal(byId.get('g-lapsed')?.lastAccessAt, null);
    assert.equal(byId.get('g-revoked')?.status, 'revoked');
  });
});
