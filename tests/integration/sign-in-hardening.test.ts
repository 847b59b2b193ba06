/**
 * Sign-in hardened to 等保2.0 level 3, against the running stack with the
 * default account policy (5 failures in 15 minutes lock for 15 minutes).
 * The per-address limit is set high in the test stack (every test signs in
 * from 127.0.0.1); api/sign-in.http.test.ts and api/use-cases/sign-in.test.ts
 * test it, and the session timeouts, with their own settings and clock.
 *
 * The lockout uses acme.applicant, which no other test needs meanwhile, and
 * always lifts the lock again; the other names are made up per run.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { anonymous, assertError, BASE_URL, DEMO_PASSWORD, sessionCookieOf, signIn, type Res } from './client';

const run = Date.now().toString(36);
const LOCKED_USER = 'acme.applicant';

const attempt = (username: string, password: string, headers?: Record<string, string>) => anonymous().post('/session', { username, password }, { headers });

/** What a client sees of an answer, but for the Date header. */
const observable = (r: Res) => ({
  status: r.status,
  body: r.body,
  headers: [...r.headers.entries()].filter(([k]) => !['date', 'keep-alive', 'connection'].includes(k)).sort(),
});

describe('account lockout (POST /session)', () => {
  test('5 failures lock the account: then even the right password gets 429 with Retry-After; an unknown name gets the very same answers; an admin unlock lets the user in', async () => {
    const unknown = `nobody-${run}`;
    const admin = await signIn('admin');
    try {
      for (let i = 1; i <= 6; i++) {
        const password = i === 6 ? DEMO_PASSWORD : 'wrong-password';
        const real = await attempt(LOCKED_USER, password);
        const ghost = await attempt(unknown, password);
        assert.deepEqual(observable(ghost), observable(real), `attempt ${i}`);
        if (i < 5) {
          assertError(real, 401, 'unauthenticated');
          assert.equal(real.headers.get('retry-after'), null);
        } else {
          assertError(real, 429, 'too_many_requests');
          const wait = Number(real.headers.get('retry-after'));
          assert.ok(Number.isInteger(wait) && wait > 14 * 60 && wait <= 15 * 60, `Retry-After: ${real.headers.get('retry-after')}`);
          assert.equal(sessionCookieOf(real.headers), null);
        }
      }

      // The admin sees both locks; only one is an account.
      const locks = await admin.get('/admin/account-locks');
      assert.equal(locks.status, 200, locks.text);
      const mine = (locks.body.items as { username: string; existingUser: unknown; failures: number }[]).filter((l) => [LOCKED_USER, unknown].includes(l.username));
      assert.deepEqual(mine.map((l) => [l.username, l.existingUser !== null, l.failures]).sort(), [
        [LOCKED_USER, true, 5],
        [unknown, false, 5],
      ].sort());

      const unlocked = await admin.post(`/admin/account-locks/${encodeURIComponent(LOCKED_USER)}/unlock`);
      assert.equal(unlocked.status, 200, unlocked.text);
      assert.equal(unlocked.body.username, LOCKED_USER);
      assertError(await admin.post(`/admin/account-locks/${encodeURIComponent(LOCKED_USER)}/unlock`), 404, 'not_found');
      const me = await (await signIn(LOCKED_USER)).get('/me');
      assert.equal(me.status, 200);
      // The unknown name stays locked.
      assertError(await attempt(unknown, DEMO_PASSWORD), 429, 'too_many_requests');
    } finally {
      await admin.post(`/admin/account-locks/${encodeURIComponent(LOCKED_USER)}/unlock`);
    }
  });

  test('every failure is in the audit log with its reason and address, also for unknown names; the lock and the unlock too', async () => {
    const admin = await signIn('admin');
    const unknown = `nobody-${run}`;
    const entries = async (target: string) => {
      const r = await admin.get(`/admin/audit?target=${encodeURIComponent(target)}`);
      assert.equal(r.status, 200, r.text);
      return (r.body.items as { action: string; actor: string; detail: { reason?: string; address?: string } }[]).reverse();
    };
    for (const name of [LOCKED_USER, unknown]) {
      const log = await entries(`user:${name}`);
      const failed = log.filter((e) => e.action === 'sign-in-failed');
      const reasons = failed.map((e) => e.detail.reason);
      assert.deepEqual(reasons.slice(0, 6), ['bad-credentials', 'bad-credentials', 'bad-credentials', 'bad-credentials', 'bad-credentials', 'locked'], name);
      for (const e of failed) assert.match(String(e.detail.address), /^(127\.0\.0\.1|::1)$/, name);
      assert.equal(log.filter((e) => e.action === 'account-locked').length, 1, name);
    }
    const unlock = (await entries(`user:${LOCKED_USER}`)).find((e) => e.action === 'account-unlock');
    assert.ok(unlock, 'unlock not audited');
    assert.equal(unlock.actor, '系统管理员');
  });

  test('only an admin lists or lifts locks', async () => {
    const applicant = await signIn('amr.applicant');
    assertError(await applicant.get('/admin/account-locks'), 403, 'forbidden');
    assertError(await applicant.post('/admin/account-locks/whoever/unlock'), 403, 'forbidden');
    assertError(await anonymous().get('/admin/account-locks'), 401, 'unauthenticated');
  });

  test('a username the databases cannot store is refused at the edge', async () => {
    assertError(await attempt(`bad\u0000name-${run}`, 'x'), 400, 'bad_request', { fields: ['username'] });
    assertError(await attempt(`bad\uD800name-${run}`, 'x'), 400, 'bad_request', { fields: ['username'] });
  });
});

describe('origin check on cookie-authenticated writes', () => {
  const own = new URL(BASE_URL).origin;

  test('a foreign Origin, Origin null or a cross-site fetch → 403; the own origin and clients without Origin pass', async () => {
    const c = await signIn('amr.applicant');
    // Reading a notification list is harmless; marking read is a write that answers 200 once let through.
    const write = (headers: Record<string, string>) => c.post('/notifications/read', { ids: ['no-such-notification'] }, { headers });
    for (const headers of [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
      assertError(await write(headers), 403, 'forbidden');
    }
    for (const headers of [{ origin: own }, { 'sec-fetch-site': 'same-origin' }, {}] as Record<string, string>[]) {
      const r = await write(headers);
      assert.notEqual(r.status, 403, `${JSON.stringify(headers)}: ${r.text}`);
      assert.ok(r.status < 400, `${JSON.stringify(headers)}: ${r.status} ${r.text}`);
    }
  });

  test('signing in from a foreign page is refused (login CSRF); from the app itself it works', async () => {
    const foreign = await attempt('amr.applicant', DEMO_PASSWORD, { origin: 'https://evil.example' });
    assertError(foreign, 403, 'forbidden');
    assert.equal(sessionCookieOf(foreign.headers), null);
    assert.equal((await attempt('amr.applicant', DEMO_PASSWORD, { origin: own })).status, 200);
  });

  test('a business system with an API key is not a browser session: its writes pass whatever the Origin', async () => {
    const admin = await signIn('admin');
    const issued = await admin.post('/admin/api-keys', { orgId: 'amr', name: `origin-${run}` });
    assert.equal(issued.status, 201, issued.text);
    const r = await anonymous().post('/notifications/read', { ids: ['no-such-notification'] }, { headers: { authorization: `Bearer ${issued.body.key}`, origin: 'https://partner.example' } });
    assert.notEqual(r.status, 403, r.text);
  });
});

describe('sessions', () => {
  test('the session cookie is HttpOnly, SameSite=Lax and ends with the session\'s absolute lifetime (12 h)', async () => {
    const r = await attempt('amr.applicant', DEMO_PASSWORD);
    assert.equal(r.status, 200);
    const line = r.headers.getSetCookie().find((l) => l.startsWith('yongshu_session='));
    assert.ok(line);
    assert.match(line, /HttpOnly/i);
    assert.match(line, /SameSite=Lax/i);
    const expires = /Expires=([^;]+)/i.exec(line)?.[1];
    assert.ok(expires, 'no Expires');
    const hours = (new Date(expires).getTime() - Date.now()) / 3_600_000;
    assert.ok(hours > 11 && hours <= 12, `cookie lasts ${hours} h`);
  });
});
