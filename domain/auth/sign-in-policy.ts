/**
 * The sign-in policy (等保2.0 第三级 身份鉴别: 登录失败处理, 会话超时) — every
 * number in one place. `config/env.ts` may override each (SIGN_IN_* and
 * SESSION_* variables); `signInPolicy()` merges the overrides.
 */
export interface SignInPolicy {
  /** Failed sign-ins for one username within `failureWindowMs` that lock it. */
  maxFailures: number;
  failureWindowMs: number;
  /** How long a lock lasts (an admin may lift it sooner). */
  lockMs: number;
  /** Sign-in attempts one address may make within `addressWindowMs` (any username, right or wrong). */
  addressMaxAttempts: number;
  addressWindowMs: number;
  /** A session unused this long authenticates nobody. */
  sessionIdleMs: number;
  /** A session this old authenticates nobody, used or not. */
  sessionAbsoluteMs: number;
  /** lastSeenAt is written at most this often per session (spares a write per request). */
  lastSeenRefreshMs: number;
  /** Sign-in attempts (and ended locks) older than this are purged. */
  attemptRetentionMs: number;
}

const MINUTE = 60_000;

export const DEFAULT_SIGN_IN_POLICY: SignInPolicy = {
  maxFailures: 5,
  failureWindowMs: 15 * MINUTE,
  lockMs: 15 * MINUTE,
  addressMaxAttempts: 20,
  addressWindowMs: MINUTE,
  sessionIdleMs: 30 * MINUTE,
  sessionAbsoluteMs: 12 * 60 * MINUTE,
  lastSeenRefreshMs: MINUTE,
  attemptRetentionMs: 30 * 24 * 60 * MINUTE,
};

/** Overrides as the environment gives them (minutes and hours, as people configure them). */
export interface SignInPolicyOverrides {
  maxFailures?: number;
  failureWindowMinutes?: number;
  lockMinutes?: number;
  addressMaxAttempts?: number;
  addressWindowSeconds?: number;
  sessionIdleMinutes?: number;
  sessionAbsoluteHours?: number;
}

export function signInPolicy(o: SignInPolicyOverrides = {}): SignInPolicy {
  const d = DEFAULT_SIGN_IN_POLICY;
  return {
    ...d,
    maxFailures: o.maxFailures ?? d.maxFailures,
    failureWindowMs: o.failureWindowMinutes !== undefined ? o.failureWindowMinutes * MINUTE : d.failureWindowMs,
    lockMs: o.lockMinutes !== undefined ? o.lockMinutes * MINUTE : d.lockMs,
    addressMaxAttempts: o.addressMaxAttempts ?? d.addressMaxAttempts,
    addressWindowMs: o.addressWindowSeconds !== undefined ? o.addressWindowSeconds * 1000 : d.addressWindowMs,
    sessionIdleMs: o.sessionIdleMinutes !== undefined ? o.sessionIdleMinutes * MINUTE : d.sessionIdleMs,
    sessionAbsoluteMs: o.sessionAbsoluteHours !== undefined ? o.sessionAbsoluteHours * 60 * MINUTE : d.sessionAbsoluteMs,
  };
}

/** Usernames are matched for lockout as people type them, minus case and surrounding space. */
export const normaliseUsername = (username: string): string => username.trim().toLowerCase();

/** Whole seconds until `until` (at least 1), for `Retry-After`. */
export const retryAfterSeconds = (until: Date, now: Date): number => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/**
 * Whether a session still authenticates its user at `now`: not idle too long,
 * not past its end, and not older than the absolute limit (so lowering the
 * limit takes effect on sessions already issued).
 */
export function sessionIsLive(
  s: { createdAt: Date; expiresAt: Date; lastSeenAt: Date },
  now: Date,
  policy: Pick<SignInPolicy, 'sessionIdleMs' | 'sessionAbsoluteMs'>,
): boolean {
  const t = now.getTime();
  return s.expiresAt.getTime() > t && t - s.lastSeenAt.getTime() < policy.sessionIdleMs && t - s.createdAt.getTime() < policy.sessionAbsoluteMs;
}

/** Whether a use of the session at `now` should be written down (at most once per `lastSeenRefreshMs`). */
export const lastSeenIsStale = (lastSeenAt: Date, now: Date, policy: Pick<SignInPolicy, 'lastSeenRefreshMs'>): boolean =>
  now.getTime() - lastSeenAt.getTime() >= policy.lastSeenRefreshMs;
