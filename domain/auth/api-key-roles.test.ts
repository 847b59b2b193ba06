import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_KEY_ROLES, apiKeyRoles } from './api-key-roles';
import { ORG_KINDS } from './roles';

test('agencies, district BDBs and public service units file as applicants; companies and persons as the public', () => {
  for (const kind of ['agency', 'district-bdb', 'public-service-unit']) assert.deepEqual(apiKeyRoles(kind), ['applicant'], kind);
  for (const kind of ['company', 'person']) assert.deepEqual(apiKeyRoles(kind), ['public-applicant'], kind);
});

test('keys of the BDB and the leadership office have no role: they read, they do not file', () => {
  assert.deepEqual(apiKeyRoles('bdb'), []);
  assert.deepEqual(apiKeyRoles('leadership-office'), []);
});

test('no key of any kind decides or administers', () => {
  const forbidden = ['admin', 'bdb-reviewer', 'bdb-coordinator', 'leadership-office', 'provider-reviewer', 'opinion-recipient'];
  for (const kind of ORG_KINDS) {
    assert.ok(kind in API_KEY_ROLES, `${kind} has an entry`);
    for (const role of apiKeyRoles(kind)) assert.ok(!forbidden.includes(role), `${kind} → ${role}`);
  }
});

test('an unknown kind, or a name of Object.prototype, gets no role', () => {
  assert.deepEqual(apiKeyRoles('ministry'), []);
  assert.deepEqual(apiKeyRoles('constructor'), []);
  assert.deepEqual(apiKeyRoles('__proto__'), []);
});

test('the roles returned are a copy: changing them changes no later key', () => {
  apiKeyRoles('agency').push('public-applicant');
  assert.deepEqual(apiKeyRoles('agency'), ['applicant']);
});
