import crypto from 'node:crypto';
/**
 * The HTTP face of the sign-in policy, on createApi with a throwaway SQLite
 * database and an environment of the test's choosing (a per-address limit of
 * 6 a minute; TRUST_PROXY=loopback so each test can speak from its own
 * address through X-Forwarded-For): 429 with Retry-After, identical answers
 * for unknown users, the origin check, and timed-out sessions answering 401.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../db/client';
import { seededThrowawayDatabase, type ThrowawayDatabase } from '../scripts/lib/throwaway-database';
import { loadEnv } from '../config/env';
import { DEMO_PASSWORD } from '../prisma/demo-data';
import { createApi } from './app';

let database: ThrowawayDatabase;
let db: Db;
let server: Server;
let base: string;
let host: string;

before(async () => {
  database = await seededThrowawayDatabase('sign-in-http');
  db = database.db;
  const env = loadEnv({ NODE_ENV: 'test', DATABASE_URL: database.url, SIGN_IN_ADDRESS_MAX_ATTEMPTS: '6', TRUST_PROXY: 'loopback', ALLOWED_ORIGINS: 'https://portal.example.gov.cn' });
  // These routes never reach Temporal.
  const app = createApi({ env, db, temporal: undefined as never, auditKey: crypto.randomBytes(32) });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  base = `http://${host}`;
});

after(async () => {
  server.closeAllConnections(); // fetch keeps connections alive
  await new Promise((r) => server.close(r));
  await database.remove();
});

interface Answer {
  status: number;
  body: { error?: { code: string; message: string } } & Record<string, unknown>;
  headers: Headers;
}

async function call(method: string, p: string, o: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const res = await fetch(`${base}${p}`, {
    method,
    headers: { 'content-type': 'application/json', ...o.headers },
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {}, headers: res.headers };
}

const from = (address: string, extra: Record<string, string> = {}) => ({ 'x-forwarded-for': address, ...extra });
const signIn = (username: string, password: string, address: string, extra: Record<string, string> = {}) =>
  call('POST', '/session', { body: { username, password }, headers: from(address, extra) });
const cookieOf = (a: Answer) => /^(yongshu_session=[^;]+)/.exec(a.headers.getSetCookie().join('\n'))?.[1] ?? null;

/** What may differ between two answers: nothing but the Date header. */
const shape = (a: Answer) => ({
  status: a.status,
  body: a.body,
  headers: [...a.headers.entries()].filter(([k]) => k !== 'date').sort(),
});

describe('POST /session under the policy', () => {
  test('a locked account answers 429 with Retry-After, right password included; an unknown name answers the same, byte for byte', async () => {
    for (let i = 1; i <= 6; i++) {
      // From a fresh address each round, so only the account policy speaks.
      const password = i === 6 ? DEMO_PASSWORD : 'wrong';
      const real = await signIn('water.provider', password, `198.51.100.${i}`);
      const unknown = await signIn('ghost.user', password, `198.51.100.${i + 100}`);
      assert.deepEqual(shape(unknown), shape(real), `attempt ${i}`);
      if (i < 5) assert.equal(real.status, 401);
      else {
        assert.equal(real.status, 429, `attempt ${i}`);
        assert.equal(real.body.error?.code, 'too_many_requests');
        const wait = Number(real.headers.get('retry-after'));
        assert.ok(Number.isInteger(wait) && wait > 0 && wait <= 15 * 60, `Retry-After ${real.headers.get('retry-after')}`);
        assert.equal(cookieOf(real), null);
      }
    }
  });

  test('the 7th attempt from one address within a minute answers 429 with Retry-After; another address is unaffected', async () => {
    for (let i = 0; i < 6; i++) assert.equal((await signIn(`someone${i}`, 'wrong', '203.0.113.9')).status, 401);
    const refused = await signIn('admin', DEMO_PASSWORD, '203.0.113.9');
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error?.code, 'too_many_requests');
    const wait = Number(refused.headers.get('retry-after'));
    assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= 60, `Retry-After ${refused.headers.get('retry-after')}`);
    assert.equal((await signIn('admin', DEMO_PASSWORD, '203.0.113.10')).status, 200);
  });
});

describe('origin check on writes a browser could send with the cookie', () => {
  let cookie: string;
  before(async () => {
    const r = await signIn('admin', DEMO_PASSWORD, '192.0.2.50');
    assert.equal(r.status, 200);
    cookie = cookieOf(r)!;
  });
  // An admin write that answers 404 once past the origin check (no such lock).
  const write = (headers: Record<string, string>) => call('POST', '/admin/account-locks/nobody/unlock', { headers: { cookie, ...headers } });

  test('a foreign Origin, Origin null, or a cross-site fetch without Origin → 403', async () => {
    for (const headers of [{ origin: 'https://evil.example' }, { origin: 'null' }, { origin: `http://${host}.evil.example` }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }] as Record<string, string>[]) {
      const r = await write(headers);
      assert.equal(r.status, 403, JSON.stringify(headers));
      assert.equal(r.body.error?.code, 'forbidden');
    }
    // Reads are not writes: a cross-site GET is answered (the cookie is SameSite=Lax anyway).
    assert.equal((await call('GET', '/me', { headers: { cookie, origin: 'https://evil.example' } })).status, 200);
  });

  test('the app\'s own origin, an ALLOWED_ORIGINS entry, same-origin fetches and clients without Origin pass', async () => {
    for (const headers of [{ origin: `http://${host}` }, { origin: 'https://portal.example.gov.cn' }, { 'sec-fetch-site': 'same-origin' }, {}] as Record<string, string>[]) {
      assert.equal((await write(headers)).status, 404, JSON.stringify(headers));
    }
  });

  test('sign-in itself refuses a foreign Origin (login CSRF)', async () => {
    const r = await signIn('admin', DEMO_PASSWORD, '192.0.2.51', { origin: 'https://evil.example' });
    assert.equal(r.status, 403);
    assert.equal(cookieOf(r), null);
    assert.equal((await signIn('admin', DEMO_PASSWORD, '192.0.2.51', { origin: `http://${host}` })).status, 200);
  });
});

describe('timed-out sessions', () => {
  test('an idle or absolutely expired session answers 401 on signed-in routes', async () => {
    const idle = cookieOf(await signIn('bdb.reviewer', DEMO_PASSWORD, '192.0.2.60'))!;
    const old = cookieOf(await signIn('bdb.coordinator', DEMO_PASSWORD, '192.0.2.60'))!;
    const bdbReviewer = await db.user.findUniqueOrThrow({ where: { username: 'bdb.reviewer' } });
    const bdbCoordinator = await db.user.findUniqueOrThrow({ where: { username: 'bdb.coordinator' } });
    assert.equal((await call('GET', '/me', { headers: { cookie: idle } })).status, 200);
    assert.equal((await call('GET', '/me', { headers: { cookie: old } })).status, 200);

    // As if 31 minutes passed without use / the session's lifetime ended.
    await db.session.updateMany({ where: { userId: bdbReviewer.id }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    await db.session.updateMany({ where: { userId: bdbCoordinator.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    for (const cookie of [idle, old]) {
      const r = await call('GET', '/me', { headers: { cookie } });
      assert.equal(r.status, 401);
      assert.equal(r.body.error?.code, 'unauthenticated');
    }
  });

  test('a background refresh is answered but does not keep the session alive', async () => {
    const cookie = cookieOf(await signIn('psb.provider', DEMO_PASSWORD, '192.0.2.61'))!;
    const user = await db.user.findUniqueOrThrow({ where: { username: 'psb.provider' } });
    const earlier = new Date(Date.now() - 5 * 60_000);
    await db.session.updateMany({ where: { userId: user.id }, data: { lastSeenAt: earlier } });
    assert.equal((await call('GET', '/me', { headers: { cookie, 'x-background-refresh': '1' } })).status, 200);
    assert.equal((await db.session.findFirstOrThrow({ where: { userId: user.id } })).lastSeenAt.getTime(), earlier.getTime());
    assert.equal((await call('GET', '/me', { headers: { cookie } })).status, 200);
    assert.ok((await db.session.findFirstOrThrow({ where: { userId: user.id } })).lastSeenAt.getTime() > earlier.getTime());
  });
});
