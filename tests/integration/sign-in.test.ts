import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { anonymous, assertError, Client, DEMO_PASSWORD, sessionCookieOf, signIn } from './client';

describe('sign-in (POST /session, GET /me, DELETE /session)', () => {
  test('good credentials → 200 {user} and an HttpOnly SameSite session cookie', async () => {
    const r = await anonymous().post('/session', { username: 'amr.applicant', password: DEMO_PASSWORD });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(Object.keys(r.body), ['user']);
    const u = r.body.user;
    assert.equal(u.username, 'amr.applicant');
    assert.equal(u.displayName, '陈市监');
    assert.deepEqual(u.org, { id: 'amr', name: '宁波市市场监督管理局' });
    assert.deepEqual(u.roles, ['applicant', 'provider-reviewer']);
    assert.equal(typeof u.id, 'string');

    const setCookie = r.headers.getSetCookie().find((c) => c.startsWith('yongshu_session='));
    assert.ok(setCookie, 'no yongshu_session cookie');
    assert.match(setCookie, /;\s*HttpOnly/i);
    assert.match(setCookie, /;\s*SameSite=(Lax|Strict)/i);
    assert.match(setCookie, /;\s*Path=\//i);
    assert.ok(!/yongshu_session=;/.test(setCookie), 'empty session token');
  });

  test('GET /me with the cookie → the user, org and roles', async () => {
    const c = await signIn('amr.applicant');
    const r = await c.get('/me');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.username, 'amr.applicant');
    assert.deepEqual(r.body.org, { id: 'amr', name: '宁波市市场监督管理局' });
    assert.deepEqual(r.body.roles, ['applicant', 'provider-reviewer']);
    assert.deepEqual(Object.keys(r.body).sort(), ['displayName', 'id', 'org', 'roles', 'username']);
  });

  test('each demo user has the roles of API.md', async () => {
    const expected: Record<string, { org: string; roles: string[] }> = {
      admin: { org: 'bdb', roles: ['admin'] },
      'bdb.reviewer': { org: 'bdb', roles: ['bdb-reviewer'] },
      'bdb.coordinator': { org: 'bdb', roles: ['bdb-coordinator'] },
      'psb.provider': { org: 'psb', roles: ['provider-reviewer', 'applicant'] },
      'haishu.bdb': { org: 'haishu-bdb', roles: ['applicant'] },
      'water.provider': { org: 'water', roles: ['provider-reviewer', 'applicant'] },
      'leader.office': { org: 'leadership-office', roles: ['leadership-office'] },
      'citizen.zhang': { org: 'person-zhangsan', roles: ['public-applicant'] },
      'acme.applicant': { org: 'acme', roles: ['public-applicant'] },
    };
    for (const [username, want] of Object.entries(expected)) {
      const me = await (await signIn(username)).get('/me');
      assert.equal(me.status, 200, `${username}: ${me.text}`);
      assert.equal(me.body.org.id, want.org, username);
      assert.deepEqual([...me.body.roles].sort(), [...want.roles].sort(), username);
    }
  });

  test('wrong password and unknown user → identical 401 bodies, no cookie', async () => {
    const wrong = await anonymous().post('/session', { username: 'amr.applicant', password: 'not-the-password' });
    const unknown = await anonymous().post('/session', { username: 'nobody.here', password: DEMO_PASSWORD });
    assertError(wrong, 401, 'unauthenticated');
    assertError(unknown, 401, 'unauthenticated');
    assert.deepEqual(wrong.body, unknown.body);
    assert.equal(sessionCookieOf(wrong.headers), null);
    assert.equal(sessionCookieOf(unknown.headers), null);
  });

  test('empty credentials → 422 naming both fields', async () => {
    const r = await anonymous().post('/session', { username: '', password: '' });
    assertError(r, 422, 'validation_failed', { fields: ['password', 'username'] });
  });

  test('GET /me without a cookie → 401', async () => {
    assertError(await anonymous().get('/me'), 401, 'unauthenticated');
  });

  test('GET /me with a forged cookie → 401', async () => {
    assertError(await new Client('yongshu_session=forged-token-value').get('/me'), 401, 'unauthenticated');
  });

  test('an API key issued by an admin acts as its organisation; a non-admin cannot issue one', async () => {
    const admin = await signIn('admin');
    const issued = await admin.post('/admin/api-keys', { orgId: 'water', name: '营业系统对接' });
    assert.equal(issued.status, 201, issued.text);
    assert.match(issued.body.key, /^ysk_/);
    const me = await anonymous().get('/me', { headers: { authorization: `Bearer ${issued.body.key}` } });
    assert.equal(me.status, 200, me.text);
    assert.deepEqual(me.body.org, { id: 'water', name: '宁波市水务环境集团' });
    assert.equal(me.body.username, null);
    // The key's organisation files in its own name; it cannot act as an admin.
    assertError(await anonymous().get('/admin/audit/verify', { headers: { authorization: `Bearer ${issued.body.key}` } }), 403, 'forbidden');
    const applicant = await signIn('amr.applicant');
    assertError(await applicant.post('/admin/api-keys', { orgId: 'amr', name: 'x' }), 403, 'forbidden');
  });

  test('an invalid Bearer API key → 401', async () => {
    assertError(await anonymous().get('/me', { headers: { authorization: 'Bearer not-a-real-key' } }), 401, 'unauthenticated');
  });

  test('DELETE /session → 204, clears the cookie, and the old cookie no longer works', async () => {
    const c = await signIn('psb.provider');
    assert.equal((await c.get('/me')).status, 200);
    const out = await c.del('/session');
    assert.equal(out.status, 204);
    assert.equal(out.text, '');
    const cleared = out.headers.getSetCookie().find((x) => x.startsWith('yongshu_session='));
    assert.ok(cleared, 'sign-out does not clear the cookie');
    assert.match(cleared, /^yongshu_session=;|Expires=Thu, 01 Jan 1970/i);
    // The server-side session is gone: replaying the old cookie fails.
    assertError(await c.get('/me'), 401, 'unauthenticated');
    // Another session of the same user is unaffected.
    const other = await signIn('psb.provider');
    assert.equal((await other.get('/me')).status, 200);
  });

  test('DELETE /session without a session → 204', async () => {
    assert.equal((await anonymous().del('/session')).status, 204);
  });
});
