import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { grantAccessBodySchema, grantRefusal, grantStatusAt, mayUseGrant } from './grant-access';

const NOW = new Date('2026-12-01T10:00:00+08:00');
const LATER = new Date('2026-12-31T00:00:00+08:00');
const EARLIER = new Date('2026-11-30T00:00:00+08:00');

describe('grantStatusAt: the clock decides, not the projection', () => {
  test('active before expiry', () => {
    assert.equal(grantStatusAt({ status: 'active', expiresAt: LATER }, NOW), 'active');
  });
  test('expired once expiresAt has passed, though the row still says active', () => {
    assert.equal(grantStatusAt({ status: 'active', expiresAt: EARLIER }, NOW), 'expired');
    assert.equal(grantStatusAt({ status: 'active', expiresAt: NOW }, NOW), 'expired', 'at the very instant of expiry');
  });
  test('revoked stays revoked, expired stays expired', () => {
    assert.equal(grantStatusAt({ status: 'revoked', expiresAt: LATER }, NOW), 'revoked');
    assert.equal(grantStatusAt({ status: 'revoked', expiresAt: EARLIER }, NOW), 'revoked');
    assert.equal(grantStatusAt({ status: 'expired', expiresAt: LATER }, NOW), 'expired');
  });
});

describe('grantRefusal', () => {
  test('none while active', () => {
    assert.equal(grantRefusal({ status: 'active', expiresAt: LATER }, NOW), null);
  });
  test('an expired grant names its expiry as people say it', () => {
    const r = grantRefusal({ status: 'active', expiresAt: EARLIER }, NOW);
    assert.equal(r?.status, 'expired');
    assert.match(r?.message ?? '', /2026年11月29日24:00/);
  });
  test('a revoked grant says so', () => {
    const r = grantRefusal({ status: 'revoked', expiresAt: LATER }, NOW);
    assert.equal(r?.status, 'revoked');
    assert.match(r?.message ?? '', /撤销/);
  });
});

describe('mayUseGrant', () => {
  const grant = { orgId: 'psb' };
  test('the grant organisation, as applicant or public applicant (people and keys alike)', () => {
    assert.equal(mayUseGrant({ org: { id: 'psb' }, roles: ['provider-reviewer', 'applicant'] }, grant), true);
    assert.equal(mayUseGrant({ org: { id: 'psb' }, roles: ['public-applicant'] }, grant), true);
  });
  test('not the same organisation without a using role, nor another organisation, nor an administrator', () => {
    assert.equal(mayUseGrant({ org: { id: 'psb' }, roles: ['provider-reviewer'] }, grant), false);
    assert.equal(mayUseGrant({ org: { id: 'amr' }, roles: ['applicant'] }, grant), false);
    assert.equal(mayUseGrant({ org: { id: 'bdb' }, roles: ['admin'] }, grant), false);
    assert.equal(mayUseGrant({ org: { id: 'psb' }, roles: [] }, grant), false);
  });
});

describe('grantAccessBodySchema', () => {
  test('trims the purpose', () => {
    assert.deepEqual(grantAccessBodySchema.parse({ purpose: '  核验法定代表人身份 ' }), { purpose: '核验法定代表人身份' });
  });
  test('refuses a missing, blank or over-long purpose, and unknown fields, naming the field in Chinese', () => {
    for (const body of [{}, { purpose: '   ' }, { purpose: '用'.repeat(501) }, { purpose: 1 }]) {
      const r = grantAccessBodySchema.safeParse(body);
      assert.equal(r.success, false, JSON.stringify(body));
      assert.deepEqual(r.error?.issues.map((i) => i.path.join('.')), ['purpose']);
      assert.match(r.error?.issues[0]?.message ?? '', /用途/);
    }
    assert.equal(grantAccessBodySchema.safeParse({ purpose: '用'.repeat(500) }).success, true);
    assert.equal(grantAccessBodySchema.safeParse({ purpose: '核验', extra: 1 }).success, false);
  });
});
