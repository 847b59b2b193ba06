/**
 * Signing in under the policy of domain/auth/sign-in-policy.ts: a per-address
 * rate limit, then a per-username lock after repeated failures, then the
 * password. Unknown usernames go through every step like real ones (counted,
 * locked, a password verification spent), so no answer tells them apart.
 * Every refusal is audited with its reason and the address.
 */
import type { Env } from '../../config/env';
import type { Principal } from '../../domain/auth/principal';
import { normaliseUsername, retryAfterSeconds, signInPolicy, type SignInPolicy } from '../../domain/auth/sign-in-policy';
import { verifyAgainstDummy, verifyPassword, hashPassword } from '../../db/password-hashing';
import type { Repositories } from '../../db/repositories';

export const signInPolicyOf = (env: Env): SignInPolicy =>
  signInPolicy({
    maxFailures: env.SIGN_IN_MAX_FAILURES,
    failureWindowMinutes: env.SIGN_IN_FAILURE_WINDOW_MINUTES,
    lockMinutes: env.SIGN_IN_LOCK_MINUTES,
    addressMaxAttempts: env.SIGN_IN_ADDRESS_MAX_ATTEMPTS,
    addressWindowSeconds: env.SIGN_IN_ADDRESS_WINDOW_SECONDS,
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: env.SESSION_TTL_HOURS,
  });

export type SignInOutcome =
  | { kind: 'signed-in'; principal: Principal; token: string; expiresAt: Date }
  | { kind: 'bad-credentials' }
  | { kind: 'locked' | 'rate-limited'; retryAfterSeconds: number };

export interface SignInDeps {
  repos: Pick<Repositories, 'users' | 'signIn' | 'audit'>;
  policy: SignInPolicy;
}

export async function signIn(
  { repos, policy }: SignInDeps,
  input: { username: string; password: string; address: string },
  now: Date,
): Promise<SignInOutcome> {
  const username = normaliseUsername(input.username);
  const { address } = input;
  const failed = (reason: 'bad-credentials' | 'locked' | 'rate-limited') =>
    repos.audit.append({ actor: username, actorOrg: null, action: 'sign-in-failed', target: `user:${username}`, detail: { reason, address } });

  // 1. Per address, whatever the username: refused attempts are not recorded, so waiting Retry-After suffices.
  const addressSince = new Date(now.getTime() - policy.addressWindowMs);
  const fromAddress = await repos.signIn.attemptsFromAddress(address, addressSince);
  if (fromAddress >= policy.addressMaxAttempts) {
    const freeAt = await repos.signIn.addressFreeAt(address, addressSince, fromAddress, policy.addressMaxAttempts, policy.addressWindowMs);
    await failed('rate-limited');
    return { kind: 'rate-limited', retryAfterSeconds: retryAfterSeconds(freeAt, now) };
  }

  // 2. Recorded as a failure before the password is checked, so parallel guesses count at once.
  const attemptId = await repos.signIn.recordAttempt({ username, address, at: now });
  const lockFor = async (failures: number) => {
    const { lock, started } = await repos.signIn.lock(username, now, new Date(now.getTime() + policy.lockMs), failures);
    if (started) {
      await repos.audit.append({ actor: '系统', actorOrg: null, action: 'account-locked', target: `user:${username}`, detail: { failures, lockedUntil: lock.lockedUntil.toISOString(), address } });
    }
    return { kind: 'locked' as const, retryAfterSeconds: retryAfterSeconds(lock.lockedUntil, now) };
  };

  const active = await repos.signIn.activeLock(username, now);
  if (active) {
    await failed('locked');
    return { kind: 'locked', retryAfterSeconds: retryAfterSeconds(active.lockedUntil, now) };
  }
  const failures = await repos.signIn.countedFailures(username, now, policy.failureWindowMs);
  if (failures > policy.maxFailures) {
    // More guesses arrived at once than the policy allows: the surplus is not even checked.
    const outcome = await lockFor(failures);
    await failed('locked');
    return outcome;
  }

  // 3. The password: an unknown (or deactivated) user costs one verification too.
  const found = await repos.users.findForSignIn(input.username.trim());
  const check = found ? await verifyPassword(found.passwordHash, input.password) : await verifyAgainstDummy(input.password);
  if (!found || !check.ok) {
    await failed('bad-credentials');
    if (failures >= policy.maxFailures) return lockFor(failures);
    return { kind: 'bad-credentials' };
  }

  await repos.signIn.markSucceeded(attemptId);
  if (check.needsRehash) await repos.users.replacePasswordHash(found.principal.id, found.passwordHash, await hashPassword(input.password));
  const { token, expiresAt } = await repos.users.createSession(found.principal.id, { now, ttlMs: policy.sessionAbsoluteMs, address });
  await repos.audit.append({ actor: found.principal.name, actorOrg: found.principal.org.name, action: 'sign-in', target: `user:${found.principal.username}`, detail: { address } });
  return { kind: 'signed-in', principal: found.principal, token, expiresAt };
}
