/**
 * Sign-in attempts and account locks (等保2.0 登录失败处理). Everything is
 * counted in the database, so several API instances share one count, and
 * keyed by the username as typed (normalised), so an unknown name is counted
 * and locked exactly like a real one. Every function takes `now`: the policy
 * is tested with a clock of the test's choosing.
 */
import type { Db } from '../client';
import { isUniqueViolation } from '../errors';

export interface AccountLockRow {
  username: string;
  lockedAt: Date;
  lockedUntil: Date;
  failures: number;
}

const activeLockWhere = (now: Date) => ({ unlockedAt: null, lockedUntil: { gt: now } });

export function createSignInRepository(db: Db) {
  return {
    /** Attempts from `address` after `since`. */
    attemptsFromAddress(address: string, since: Date): Promise<number> {
      return db.signInAttempt.count({ where: { address, at: { gt: since } } });
    },

    /**
     * When `address` may try again: the moment enough of its `count` attempts
     * in the window (as `attemptsFromAddress` counted them) have aged out of it
     * to bring the count below `max`.
     */
    async addressFreeAt(address: string, since: Date, count: number, max: number, windowMs: number): Promise<Date> {
      const pivot = await db.signInAttempt.findFirst({ where: { address, at: { gt: since } }, orderBy: { at: 'asc' }, skip: Math.max(0, count - max), select: { at: true } });
      return new Date((pivot?.at ?? since).getTime() + windowMs);
    },

    /** Written before the password is checked (as a failure), so concurrent guesses count at once. */
    async recordAttempt(a: { username: string; address: string; at: Date }): Promise<string> {
      const row = await db.signInAttempt.create({ data: { ...a, ok: false }, select: { id: true } });
      return row.id;
    },

    async markSucceeded(attemptId: string): Promise<void> {
      await db.signInAttempt.update({ where: { id: attemptId }, data: { ok: true } });
    },

    /**
     * Failures for `username` that count towards a lock: those in the window,
     * after its last success and after its last lock ended (expired or lifted).
     */
    async countedFailures(username: string, now: Date, windowMs: number): Promise<number> {
      const [lastSuccess, lock] = await Promise.all([
        db.signInAttempt.findFirst({ where: { username, ok: true }, orderBy: { at: 'desc' }, select: { at: true } }),
        db.accountLock.findUnique({ where: { username } }),
      ]);
      let since = now.getTime() - windowMs;
      if (lastSuccess) since = Math.max(since, lastSuccess.at.getTime());
      if (lock) since = Math.max(since, (lock.unlockedAt ?? lock.lockedUntil).getTime());
      return db.signInAttempt.count({ where: { username, ok: false, at: { gt: new Date(since) } } });
    },

    async activeLock(username: string, now: Date): Promise<AccountLockRow | null> {
      return db.accountLock.findFirst({ where: { username, ...activeLockWhere(now) }, select: { username: true, lockedAt: true, lockedUntil: true, failures: true } });
    },

    /**
     * Locks `username` until `lockedUntil` unless it is locked already.
     * Returns the lock in force and whether this call started it (so only one
     * of several racing instances audits it).
     */
    async lock(username: string, now: Date, lockedUntil: Date, failures: number): Promise<{ lock: AccountLockRow; started: boolean }> {
      const data = { lockedAt: now, lockedUntil, failures, unlockedAt: null, unlockedBy: null };
      try {
        await db.accountLock.create({ data: { username, ...data } });
        return { lock: { username, lockedAt: now, lockedUntil, failures }, started: true };
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
      // A row from an earlier lock: reuse it only if that lock has ended.
      const renewed = await db.accountLock.updateMany({ where: { username, OR: [{ unlockedAt: { not: null } }, { lockedUntil: { lte: now } }] }, data });
      if (renewed.count > 0) return { lock: { username, lockedAt: now, lockedUntil, failures }, started: true };
      const current = await this.activeLock(username, now);
      return { lock: current ?? { username, lockedAt: now, lockedUntil, failures }, started: false };
    },

    /** Locks in force at `now`, newest first. */
    listActiveLocks(now: Date): Promise<AccountLockRow[]> {
      return db.accountLock.findMany({
        where: activeLockWhere(now),
        orderBy: { lockedAt: 'desc' },
        take: 500,
        select: { username: true, lockedAt: true, lockedUntil: true, failures: true },
      });
    },

    /** Lifts a lock in force; false when there is none. */
    async unlock(username: string, now: Date, by: string): Promise<boolean> {
      const r = await db.accountLock.updateMany({ where: { username, ...activeLockWhere(now) }, data: { unlockedAt: now, unlockedBy: by } });
      return r.count > 0;
    },

    /** Forgets attempts, and locks that ended, from before `before`. */
    async purgeBefore(before: Date): Promise<{ attempts: number; locks: number }> {
      const attempts = await db.signInAttempt.deleteMany({ where: { at: { lt: before } } });
      const locks = await db.accountLock.deleteMany({ where: { lockedUntil: { lt: before } } });
      return { attempts: attempts.count, locks: locks.count };
    },
  };
}

export type SignInRepository = ReturnType<typeof createSignInRepository>;
