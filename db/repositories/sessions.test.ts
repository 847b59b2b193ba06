import crypto from 'node:crypto';
/**
 * Session timeouts on a throwaway SQLite database with a clock of the test's
 * choosing: idle (30 minutes without use), absolute (the session's lifetime),
 * the lastSeenAt refresh, and the maintenance purge of what expired.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '../client';
import { prepareDatabase } from '../../scripts/prepare-database';
import { DEFAULT_SIGN_IN_POLICY } from '../../domain/auth/sign-in-policy';
import { runMaintenance, maintenanceJobs, type MaintenanceJob } from '../../api/maintenance';
import { loadEnv } from '../../config/env';
import { createUsersRepository } from './users.repository';
import { createSignInRepository } from './sign-in.repository';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = new Date('2026-11-30T01:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const policy = DEFAULT_SIGN_IN_POLICY; // idle 30 min, absolute 12 h, lastSeenAt written at most once a minute

let dir: string;
let url: string;
let db: Db;
let users: ReturnType<typeof createUsersRepository>;
let userId: string;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yongshu-sessions-'));
  url = `file:${path.join(dir, 'sessions.db')}`;
  await prepareDatabase(url, { seed: true });
  db = createDb(url);
  users = createUsersRepository(db);
  userId = (await db.user.findUniqueOrThrow({ where: { username: 'amr.applicant' } })).id;
});

after(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

const open = (now: Date) => users.createSession(userId, { now, ttlMs: policy.sessionAbsoluteMs, address: '192.0.2.10' });
const who = async (token: string, now: Date, touch = true) => (await users.principalForSession(token, { now, policy, touch }))?.username ?? null;

describe('session timeouts', () => {
  test('a session records the address it was opened from', async () => {
    const { token } = await open(at(0));
    const row = await db.session.findFirstOrThrow({ where: { userId }, orderBy: { createdAt: 'desc' } });
    assert.equal(row.address, '192.0.2.10');
    await users.endSession(token);
  });

  test('unused for 30 minutes, a session authenticates nobody; in use, it lives on', async () => {
    const idle = await open(at(0));
    const busy = await open(at(0));
    // The busy session is used every 20 minutes; the idle one is not used at all.
    for (let m = 20; m <= 100; m += 20) assert.equal(await who(busy.token, at(m * MINUTE)), 'amr.applicant', `busy at ${m} min`);
    assert.equal(await who(idle.token, at(30 * MINUTE)), null);
    // Once refused, it stays refused (its row is gone).
    assert.equal(await who(idle.token, at(30 * MINUTE + 1)), null);
    assert.equal(await who(idle.token, at(1 * MINUTE)), null);
    await users.endSession(busy.token);
  });

  test('use is written down at most once a minute, and background refreshes do not count as use', async () => {
    const s = await open(at(0));
    const seen = async () => (await db.session.findFirstOrThrow({ where: { userId }, orderBy: { createdAt: 'desc' } })).lastSeenAt.getTime();
    await who(s.token, at(30_000));
    assert.equal(await seen(), at(0).getTime(), 'written again within a minute');
    await who(s.token, at(MINUTE));
    assert.equal(await seen(), at(MINUTE).getTime());
    // A page polling on its own every few minutes does not keep the session alive.
    for (let m = 5; m < 31; m += 5) assert.equal(await who(s.token, at(m * MINUTE), false), 'amr.applicant', `poll at ${m} min`);
    assert.equal(await seen(), at(MINUTE).getTime());
    assert.equal(await who(s.token, at(31 * MINUTE), false), null, 'idle since minute 1');
  });

  test('past its absolute lifetime a session authenticates nobody, however busy', async () => {
    const s = await open(at(0));
    for (let m = 25; m < 12 * 60; m += 25) assert.equal(await who(s.token, at(m * MINUTE)), 'amr.applicant', `at ${m} min`);
    assert.equal(await who(s.token, at(12 * HOUR)), null);
  });

  test('a deactivated user\'s session authenticates nobody', async () => {
    const s = await open(at(0));
    await db.user.update({ where: { id: userId }, data: { active: false } });
    try {
      assert.equal(await who(s.token, at(MINUTE)), null);
    } finally {
      await db.user.update({ where: { id: userId }, data: { active: true } });
      await users.endSession(s.token);
    }
  });
});

describe('maintenance', () => {
  test('purges idle-expired and absolutely expired sessions and old sign-in attempts, keeps live ones', async () => {
    await db.session.deleteMany({});
    const signIn = createSignInRepository(db);
    const now = at(100 * HOUR);
    const live = await open(new Date(now.getTime() - 10 * MINUTE));
    await open(new Date(now.getTime() - 40 * MINUTE)); // idle since then
    const old = await open(new Date(now.getTime() - 13 * HOUR));
    // Kept busy, yet past its lifetime.
    await db.session.updateMany({ where: { expiresAt: old.expiresAt }, data: { lastSeenAt: new Date(now.getTime() - MINUTE) } });
    await signIn.recordAttempt({ username: 'old.try', address: '192.0.2.1', at: new Date(now.getTime() - 31 * 24 * HOUR) });
    await signIn.recordAttempt({ username: 'new.try', address: '192.0.2.1', at: new Date(now.getTime() - 29 * 24 * HOUR) });

    const env = loadEnv({ NODE_ENV: 'test', DATABASE_URL: url });
    const failed = await runMaintenance(maintenanceJobs({ env, db, temporal: undefined as never, auditKey: crypto.randomBytes(32) }).filter((j) => j.name !== 'reconcileCaseStarts'), now);
    assert.deepEqual(failed, []);

    const left = await db.session.findMany({ where: { userId } });
    assert.deepEqual(left.map((s) => s.expiresAt.getTime()), [live.expiresAt.getTime()]);
    assert.deepEqual((await db.signInAttempt.findMany({ where: { username: { in: ['old.try', 'new.try'] } } })).map((a) => a.username), ['new.try']);
  });

  test('a failing job is logged and the others still run', async () => {
    const ran: string[] = [];
    const logged: string[] = [];
    const jobs: MaintenanceJob[] = [
      { name: 'breaks', run: () => Promise.reject(new Error('database away')) },
      { name: 'works', run: async () => void ran.push('works') },
    ];
    const failed = await runMaintenance(jobs, at(0), (line) => void logged.push(line));
    assert.deepEqual(failed, ['breaks']);
    assert.deepEqual(ran, ['works']);
    assert.match(logged.join('\n'), /breaks failed/);
  });
});
