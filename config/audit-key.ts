/**
 * The audit log's HMAC key (issue #12 item 5). Whoever can write the database
 * must not be able to re-sign the audit chain, so the key never lives in the
 * database: production sets AUDIT_HMAC_KEY (from a secret store); without it,
 * the first process to start generates one into ${DATA_DIR}/secrets/audit-hmac.key
 * (mode 0600) and every later process, API and worker alike, reads that file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const AUDIT_KEY_MIN_BYTES = 32;

/** hex (64+ hex digits) or base64 of at least 32 bytes; null when it is neither. */
export function decodeAuditKey(text: string): Buffer | null {
  const t = text.trim();
  let key: Buffer | null = null;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(t)) key = Buffer.from(t, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(t) && t.length % 4 !== 1) key = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key && key.length >= AUDIT_KEY_MIN_BYTES ? key : null;
}

export const auditKeyFile = (dataDir: string): string => path.join(dataDir, 'secrets', 'audit-hmac.key');

interface AuditKeyEnv {
  AUDIT_HMAC_KEY?: string;
  DATA_DIR: string;
  NODE_ENV?: string;
}

type Log = (line: string) => void;

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function readKeyFile(file: string, log: Log): Buffer {
  // Another process may have created the file an instant ago and not written it yet.
  for (let attempt = 0; ; attempt++) {
    const key = decodeAuditKey(fs.readFileSync(file, 'utf8'));
    if (key) {
      const mode = fs.statSync(file).mode & 0o777;
      if (mode & 0o077) log(`[audit] ${file} is readable by others (mode ${mode.toString(8)}): chmod 600 it`);
      return key;
    }
    if (attempt >= 50) throw new Error(`${file} holds no audit key (hex or base64, ≥ ${AUDIT_KEY_MIN_BYTES} bytes); restore it from backup — a new key cannot verify the entries signed with the old one`);
    sleep(20);
  }
}

/**
 * The key from AUDIT_HMAC_KEY, else from the key file, else a new key written
 * to the key file. Several processes may start at once: the file is created
 * exclusively, and whoever loses the race reads the winner's key.
 */
export function loadAuditKey(env: AuditKeyEnv, log: Log = (line) => console.warn(line)): Buffer {
  if (env.AUDIT_HMAC_KEY?.trim()) {
    const key = decodeAuditKey(env.AUDIT_HMAC_KEY);
    if (!key) throw new Error(`AUDIT_HMAC_KEY: use hex or base64 of at least ${AUDIT_KEY_MIN_BYTES} random bytes (openssl rand -hex 32)`);
    return key;
  }
  const file = auditKeyFile(env.DATA_DIR);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = crypto.randomBytes(AUDIT_KEY_MIN_BYTES);
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const existing = readKeyFile(file, log);
    if (env.NODE_ENV === 'production') log(`[audit] AUDIT_HMAC_KEY is not set: using the key in ${file}. Production should set AUDIT_HMAC_KEY from a secret store the database host cannot read.`);
    return existing;
  }
  try {
    fs.writeSync(fd, `${key.toString('hex')}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  log(`[audit] AUDIT_HMAC_KEY is not set: generated a new audit key in ${file}. Back it up; production should set AUDIT_HMAC_KEY from a secret store the database host cannot read.`);
  return key;
}
