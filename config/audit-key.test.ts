import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auditKeyFile, decodeAuditKey, loadAuditKey } from './audit-key';
import { loadEnv } from './env';

const tmpDataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'yongshu-audit-key-'));

test('AUDIT_HMAC_KEY is read as hex or base64 of at least 32 bytes', () => {
  const raw = crypto.randomBytes(32);
  assert.deepEqual(decodeAuditKey(raw.toString('hex')), raw);
  assert.deepEqual(decodeAuditKey(` ${raw.toString('hex').toUpperCase()}\n`), raw);
  assert.deepEqual(decodeAuditKey(raw.toString('base64')), raw);
  assert.deepEqual(decodeAuditKey(raw.toString('base64url')), raw);
  assert.equal(decodeAuditKey(crypto.randomBytes(31).toString('hex')), null);
  assert.equal(decodeAuditKey(crypto.randomBytes(31).toString('base64')), null);
  assert.equal(decodeAuditKey('correct horse battery staple correct horse battery'), null);
  assert.equal(decodeAuditKey(''), null);
});

test('a key in the environment is used as it is; a bad one stops the process naming the variable', () => {
  const raw = crypto.randomBytes(48);
  const dir = tmpDataDir();
  assert.deepEqual(loadAuditKey({ AUDIT_HMAC_KEY: raw.toString('base64'), DATA_DIR: dir }), raw);
  assert.equal(fs.existsSync(auditKeyFile(dir)), false);
  assert.throws(() => loadAuditKey({ AUDIT_HMAC_KEY: 'abcd', DATA_DIR: dir }), /AUDIT_HMAC_KEY/);
  assert.throws(() => loadEnv({ NODE_ENV: 'test', AUDIT_HMAC_KEY: 'too-short' }), /AUDIT_HMAC_KEY/);
  assert.equal(loadEnv({ NODE_ENV: 'test', AUDIT_HMAC_KEY: raw.toString('hex') }).AUDIT_HMAC_KEY, raw.toString('hex'));
  fs.rmSync(dir, { recursive: true, force: true });
});

test('without AUDIT_HMAC_KEY the first start generates a key into DATA_DIR/secrets (0600, with a warning) and later starts read it', () => {
  const dir = tmpDataDir();
  const logs: string[] = [];
  const first = loadAuditKey({ DATA_DIR: dir }, (l) => logs.push(l));
  assert.equal(first.length, 32);
  assert.equal(logs.length, 1);
  assert.match(logs[0]!, /generated a new audit key/);
  const file = auditKeyFile(dir);
  assert.equal(file, path.join(dir, 'secrets', 'audit-hmac.key'));
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  assert.equal(fs.statSync(path.dirname(file)).mode & 0o077, 0);

  const again = loadAuditKey({ DATA_DIR: dir, AUDIT_HMAC_KEY: '' }, (l) => logs.push(l));
  assert.deepEqual(again, first);
  assert.equal(logs.length, 1); // nothing new to warn about outside production
  loadAuditKey({ DATA_DIR: dir, NODE_ENV: 'production' }, (l) => logs.push(l));
  assert.match(logs[1]!, /Production should set AUDIT_HMAC_KEY/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a damaged key file stops the process instead of being replaced (a new key could not verify the old entries)', () => {
  const dir = tmpDataDir();
  fs.mkdirSync(path.join(dir, 'secrets'));
  fs.writeFileSync(auditKeyFile(dir), 'not a key\n', { mode: 0o600 });
  assert.throws(() => loadAuditKey({ DATA_DIR: dir }, () => undefined), /holds no audit key/);
  assert.equal(fs.readFileSync(auditKeyFile(dir), 'utf8'), 'not a key\n');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('processes starting at once (API and workers on one DATA_DIR) all end up with the same key', async () => {
  const dir = tmpDataDir();
  const script = `process.stdout.write(require(${JSON.stringify(path.join(__dirname, 'audit-key.ts'))}).loadAuditKey({ DATA_DIR: ${JSON.stringify(dir)} }, () => {}).toString('hex'))`;
  const run = () =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(err))));
    });
  const keys = await Promise.all([run(), run(), run(), run()]);
  assert.equal(new Set(keys).size, 1, keys.join('\n'));
  assert.equal(keys[0], fs.readFileSync(auditKeyFile(dir), 'utf8').trim());
  fs.rmSync(dir, { recursive: true, force: true });
});
