/**
 * Password hashes: argon2id (RFC 9106) through @node-rs/argon2, a maintained
 * native binding, with the OWASP parameters (19 MiB, 2 passes, 1 lane).
 * Hashes from before (bcrypt, `$2a$`/`$2b$`/`$2y$`) still verify, and
 * `verifyPassword` says when a hash should be replaced — on the next
 * successful sign-in — by one made with the current parameters.
 */
import { randomBytes } from 'node:crypto';
import { hash, parseOptions, verify } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';

const PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;
const ARGON2ID = 2; // @node-rs/argon2's Algorithm.Argon2id (a const enum, not importable under isolatedModules)

const isBcrypt = (h: string) => /^\$2[aby]\$\d\d\$/.test(h);

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS); // argon2id is the library's default algorithm
}

function hasCurrentParams(h: string): boolean {
  try {
    const o = parseOptions(h);
    return (
      o.algorithm === ARGON2ID &&
      o.memoryCost === PARAMS.memoryCost &&
      o.timeCost === PARAMS.timeCost &&
      o.parallelism === PARAMS.parallelism &&
      o.outputLen === PARAMS.outputLen
    );
  } catch {
    return false;
  }
}

export interface PasswordCheck {
  ok: boolean;
  /** The password was right but its hash is bcrypt or has old parameters: store a new one. */
  needsRehash: boolean;
}

/** Checks a password against a stored hash; an unreadable hash is a wrong password, never an error. */
export async function verifyPassword(storedHash: string, password: string): Promise<PasswordCheck> {
  if (isBcrypt(storedHash)) {
    const ok = await bcrypt.compare(password, storedHash);
    return { ok, needsRehash: ok };
  }
  let ok = false;
  try {
    ok = await verify(storedHash, password);
  } catch {
    ok = false;
  }
  return { ok, needsRehash: ok && !hasCurrentParams(storedHash) };
}

// An argon2id hash of a random secret with the current parameters: verifying an
// unknown user's password against it costs what a real user's wrong password costs.
let dummy: Promise<string> | undefined;

/** Spends the time of one verification and answers "wrong password". */
export async function verifyAgainstDummy(password: string): Promise<PasswordCheck> {
  dummy ??= hash(randomBytes(32).toString('base64url'), PARAMS);
  await verifyPassword(await dummy, password);
  return { ok: false, needsRehash: false };
}
