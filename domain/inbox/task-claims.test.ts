import { test } from 'node:test';
import assert from 'node:assert/strict';
import { claimRefusal, decideClaimRefusal, transferRefusal, transferTargetRefusal, unclaimRefusal, urgeRefusal, type ClaimCaller, type ClaimableTask } from './task-claims';

const wang: ClaimCaller = { kind: 'user', id: 'u-wang', orgId: 'bdb', roles: ['bdb-reviewer'] };
const liu: ClaimCaller = { kind: 'user', id: 'u-liu', orgId: 'bdb', roles: ['bdb-reviewer'] };
const admin: ClaimCaller = { kind: 'user', id: 'u-admin', orgId: 'bdb', roles: ['admin'] };
const coordinator: ClaimCaller = { kind: 'user', id: 'u-li', orgId: 'bdb', roles: ['bdb-coordinator'] };
const psb: ClaimCaller = { kind: 'user', id: 'u-zhou', orgId: 'psb', roles: ['provider-reviewer'] };
const task = (over: Partial<ClaimableTask> = {}): ClaimableTask => ({ assigneeOrgId: 'bdb', assigneeRole: 'bdb-reviewer', status: 'open', claimedById: null, claimedByName: null, ...over });
const claimedByWang = task({ claimedById: 'u-wang', claimedByName: '王审核' });

test('a task is claimed by a person of its organisation holding its role; others are told it does not exist', () => {
  assert.equal(claimRefusal(wang, task()), null);
  assert.equal(claimRefusal(coordinator, task())?.code, 'not_found');
  assert.equal(claimRefusal(psb, task())?.code, 'not_found');
  assert.equal(claimRefusal(admin, task())?.code, 'not_found');
  assert.equal(claimRefusal({ ...wang, kind: 'api-key' }, task())?.code, 'forbidden');
});

test('a claimed task cannot be claimed by another, names its claimer, and claiming it again is no error', () => {
  const e = claimRefusal(liu, claimedByWang);
  assert.equal(e?.code, 'conflict');
  assert.match(e?.message ?? '', /王审核/);
  assert.equal(claimRefusal(wang, claimedByWang), null);
  assert.equal(claimRefusal(wang, task({ status: 'done' }))?.code, 'conflict');
});

test('only the claimer or an administrator releases a claim; an unclaimed task has nothing to release', () => {
  assert.equal(unclaimRefusal(wang, claimedByWang), null);
  assert.equal(unclaimRefusal(admin, claimedByWang), null);
  assert.equal(unclaimRefusal(liu, claimedByWang)?.code, 'conflict');
  assert.equal(unclaimRefusal(wang, task())?.code, 'conflict');
  assert.equal(unclaimRefusal(psb, claimedByWang)?.code, 'not_found');
});

test('a transfer is made by the claimer, by anyone handling an unclaimed task, or by an administrator', () => {
  assert.equal(transferRefusal(wang, claimedByWang), null);
  assert.equal(transferRefusal(liu, task()), null);
  assert.equal(transferRefusal(admin, claimedByWang), null);
  assert.equal(transferRefusal(liu, claimedByWang)?.code, 'conflict');
  assert.equal(transferRefusal(psb, task())?.code, 'not_found');
  assert.equal(transferRefusal(wang, task({ status: 'cancelled' }))?.code, 'conflict');
});

test('a transfer goes to another active person of the same organisation holding the role, else 422 on toUserId', () => {
  const target = { id: 'u-liu', orgId: 'bdb', active: true, roles: ['bdb-reviewer'] };
  assert.equal(transferTargetRefusal(wang, claimedByWang, target), null);
  for (const bad of [null, { ...target, active: false }, { ...target, orgId: 'psb' }, { ...target, roles: ['bdb-coordinator'] }, { ...target, id: 'u-wang' }]) {
    const e = transferTargetRefusal(wang, claimedByWang, bad);
    assert.equal(e?.code, 'validation_failed');
    assert.ok(e?.fields?.toUserId);
  }
  // An administrator cannot hand the task to the person who already holds it.
  assert.ok(transferTargetRefusal(admin, claimedByWang, { ...target, id: 'u-wang' })?.fields?.toUserId);
});

test('deciding a claimed task is for its claimer; an administrator holding the role may override', () => {
  assert.equal(decideClaimRefusal(wang, claimedByWang), null);
  assert.equal(decideClaimRefusal(liu, task()), null);
  assert.match(decideClaimRefusal(liu, claimedByWang)?.message ?? '', /已由 王审核 签收/);
  assert.equal(decideClaimRefusal({ ...liu, roles: ['bdb-reviewer', 'admin'] }, claimedByWang), null);
});

test('only an open task is urged', () => {
  assert.equal(urgeRefusal(task()), null);
  assert.equal(urgeRefusal(null)?.code, 'not_found');
  assert.equal(urgeRefusal(task({ status: 'done' }))?.code, 'conflict');
});
