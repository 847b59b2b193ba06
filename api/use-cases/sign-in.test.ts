import crypto from 'node:crypto';
/**
 * The sign-in policy on a throwaway SQLite database, with a clock of the
 * test's choosing: lockout and its end, identical treatment of unknown
 * usernames, the per-address limit and its window, parallel guesses, and
 * the upgrade of legacy bcrypt hashes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import bcrypt from 'bcryptjs';
import { createRepositories, type Repositories } from '../../db/repositories';
import { seededThrowawayDatabase, type ThrowawayDatabase } from '../../scripts/lib/throwaway-database';
import { DEMO_PASSWORD } from '../../prisma/demo-data';
import { DEFAULT_SIGN_IN_POLICY, type SignInPolicy } from '../../domain/auth/sign-in-policy';
import { signIn, type SignInOutcome } from './sign-in';

const MINUTE = 60_000;
const T0 = new Date('2026-11-30T02:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

let database: ThrowawayDatabase;
let repos: Repositories;

before(async () => {
  database = await seededThrowawayDatabase('sign-in');
  repos = createRepositories(database.db, { auditKey: crypto.randomBytes(32) });
});

after(() => database.remove());

const policy: SignInPolicy = { ...DEFAULT_SIGN_IN_POLICY };
const attempt = (username: string, password: string, now: Date, address = '198.51.100.1', p: SignInPolicy = policy) =>
  signIn({ repos, policy: p }, { username, password, address }, now);

/** What a client can observe of an outcome (the session token aside). */
const observable = (o: SignInOutcome) => (o.kind === 'signed-in' ? 'signed-in' : o.kind === 'bad-credentials' ? o.kind : `${o.kind}/${o.retryAfterSeconds}`);

async function auditOf(target: string) {
  return (await repos.audit.list({ target })).rows.reverse().map((e) => ({ action: e.action, detail: e.detail as Record<string, unknown> }));
}

describe('account lockout', () => {
  test('5 failures in 15 minutes lock the account for 15 minutes, right password included; then it opens again', async () => {
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(observable(await attempt('psb.provider', 'wrong', at(i * MINUTE))));
    // Four plain refusals; the fifth failure starts the lock and says so.
    assert.deepEqual(outcomes, ['bad-credentials', 'bad-credentials', 'bad-credentials', 'bad-credentials', `locked/${15 * 60}`]);
    assert.equal(observable(await attempt('psb.provider', DEMO_PASSWORD, at(10 * MINUTE))), `locked/${9 * 60}`);
    // Case and spaces do not open a way around the lock.
    assert.equal((await attempt('  PSB.Provider ', DEMO_PASSWORD, at(10 * MINUTE))).kind, 'locked');
    // The lock ends 15 minutes after it started; failures made during it do not count afterwards.
    assert.equal((await attempt('psb.provider', DEMO_PASSWORD, at(19 * MINUTE + 1000))).kind, 'signed-in');

    const audit = await auditOf('user:psb.provider');
    assert.deepEqual(
      audit.map((e) => `${e.action}${e.detail.reason ? `:${e.detail.reason}` : ''}`),
      [...Array(5).fill('sign-in-failed:bad-credentials'), 'account-locked', 'sign-in-failed:locked', 'sign-in-failed:locked', 'sign-in'],
    );
    assert.equal(audit[0]?.detail.address, '198.51.100.1');
  });

  test('failures spread wider than the window do not lock; a success starts the count again', async () => {
    for (let i = 0; i < 8; i++) assert.equal((await attempt('water.provider', 'wrong', at(i * 4 * MINUTE))).kind, 'bad-credentials', `failure ${i + 1}`);
    for (let i = 0; i < 4; i++) await attempt('haishu.bdb', 'wrong', at(i * MINUTE));
    assert.equal((await attempt('haishu.bdb', DEMO_PASSWORD, at(5 * MINUTE))).kind, 'signed-in');
    for (let i = 0; i < 4; i++) assert.equal((await attempt('haishu.bdb', 'wrong', at(6 * MINUTE + i * 1000))).kind, 'bad-credentials');
  });

  test('an unknown username gets exactly the answers a real one gets, step by step', async () => {
    const real: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < 7; i++) {
      real.push(observable(await attempt('leader.office', i === 6 ? DEMO_PASSWORD : 'wrong', at(60 * MINUTE + i * 1000))));
      unknown.push(observable(await attempt('nobody.at.all', i === 6 ? DEMO_PASSWORD : 'wrong', at(60 * MINUTE + i * 1000))));
    }
    assert.deepEqual(unknown, real);
    assert.equal(real[4], `locked/${15 * 60}`);
    // Both are listed as locked, and both produce the same kinds of audit entries.
    const locks = (await repos.signIn.listActiveLocks(at(61 * MINUTE))).map((l) => l.username);
    assert.ok(locks.includes('leader.office') && locks.includes('nobody.at.all'), locks.join());
    const kinds = async (u: string) => (await auditOf(`user:${u}`)).map((e) => `${e.action}:${e.detail.reason ?? ''}`);
    assert.deepEqual(await kinds('nobody.at.all'), await kinds('leader.office'));
  });

  test('an admin unlock opens the account at once and starts the failure count afresh', async () => {
    for (let i = 0; i < 5; i++) await attempt('bdb.reviewer', 'wrong', at(120 * MINUTE + i * 1000));
    assert.equal((await attempt('bdb.reviewer', DEMO_PASSWORD, at(121 * MINUTE))).kind, 'locked');
    assert.equal(await repos.signIn.unlock('bdb.reviewer', at(122 * MINUTE), '系统管理员'), true);
    assert.equal(await repos.signIn.unlock('bdb.reviewer', at(122 * MINUTE), '系统管理员'), false, 'a lifted lock cannot be lifted twice');
    // One more failure after the unlock does not re-lock (the five before it no longer count).
    assert.equal((await attempt('bdb.reviewer', 'wrong', at(123 * MINUTE))).kind, 'bad-credentials');
    assert.equal((await attempt('bdb.reviewer', DEMO_PASSWORD, at(123 * MINUTE + 1000))).kind, 'signed-in');
  });

  test('guesses sent all at once are checked at most 5 times: the rest are refused unchecked', async () => {
    // Count the guesses that reach the password check (each looks the user up first).
    let checked = 0;
    const counting = { ...repos, users: { ...repos.users, findForSignIn: (u: string) => (checked++, repos.users.findForSignIn(u)) } };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => signIn({ repos: counting, policy }, { username: 'citizen.zhang', password: 'wrong', address: '198.51.100.50' }, at(200 * MINUTE))),
    );
    assert.ok(checked <= 5, `${checked} of 20 parallel guesses were checked`);
    const refused = results.filter((r) => r.kind === 'bad-credentials').length;
    assert.ok(refused <= 4, `${refused} guesses answered "wrong password"`);
    assert.equal(results.filter((r) => r.kind === 'locked').length, 20 - refused);
    assert.equal((await attempt('citizen.zhang', DEMO_PASSWORD, at(200 * MINUTE + 1000), '198.51.100.51')).kind, 'locked');
  });
});

describe('per-address rate limit', () => {
  const limited: SignInPolicy = { ...policy, addressMaxAttempts: 3, addressWindowMs: MINUTE };

  test('the 4th attempt from one address within a minute is refused with the wait until a slot frees; other addresses are unaffected', async () => {
    const base = 300 * MINUTE;
    assert.equal((await attempt('admin', DEMO_PASSWORD, at(base), '203.0.113.7', limited)).kind, 'signed-in');
    assert.equal((await attempt('someone', 'x', at(base + 10_000), '203.0.113.7', limited)).kind, 'bad-credentials');
    assert.equal((await attempt('someone.else', 'x', at(base + 20_000), '203.0.113.7', limited)).kind, 'bad-credentials');
    // Right password or not: the address has used its attempts. The oldest leaves the window at base+60s.
    assert.equal(observable(await attempt('admin', DEMO_PASSWORD, at(base + 30_000), '203.0.113.7', limited)), 'rate-limited/30');
    assert.equal((await attempt('admin', DEMO_PASSWORD, at(base + 30_000), '203.0.113.8', limited)).kind, 'signed-in');
    // Refused attempts are not counted, so waiting as told is enough.
    assert.equal((await attempt('admin', DEMO_PASSWORD, at(base + 60_001), '203.0.113.7', limited)).kind, 'signed-in');

    const refusals = (await repos.audit.list({ target: 'user:admin' })).rows.filter((e) => e.action === 'sign-in-failed');
    assert.deepEqual(refusals.map((e) => e.detail), [{ reason: 'rate-limited', address: '203.0.113.7' }]);
  });
});

describe('password hashes', () => {
  test('a legacy bcrypt hash still signs in and is replaced by argon2id; a wrong password changes nothing', async () => {
    const org = await database.db.organisation.findFirstOrThrow();
    const legacy = await bcrypt.hash('old-secret-1', 10);
    await database.db.user.create({ data: { username: 'legacy.user', displayName: '旧用户', orgId: org.id, passwordHash: legacy } });

    assert.equal((await attempt('legacy.user', 'not-it', at(400 * MINUTE))).kind, 'bad-credentials');
    assert.equal((await database.db.user.findUniqueOrThrow({ where: { username: 'legacy.user' } })).passwordHash, legacy);

    assert.equal((await attempt('legacy.user', 'old-secret-1', at(401 * MINUTE))).kind, 'signed-in');
    const upgraded = (await database.db.user.findUniqueOrThrow({ where: { username: 'legacy.user' } })).passwordHash;
    assert.match(upgraded, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal((await attempt('legacy.user', 'old-secret-1', at(402 * MINUTE))).kind, 'signed-in');
    assert.equal((await attempt('legacy.user', 'not-it', at(403 * MINUTE))).kind, 'bad-credentials');
  });

  test('the demo users are seeded with argon2id, each with its own salt', async () => {
    const hashes = (await database.db.user.findMany({ where: { username: { in: ['admin', 'bdb.reviewer'] } } })).map((u) => u.passwordHash);
    assert.equal(hashes.length, 2);
    for (const h of hashes) assert.match(h, /^\$argon2id\$/);
    assert.notEqual(hashes[0], hashes[1]);
  });
});
