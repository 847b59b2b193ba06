/**
 * After editing prisma/schema.prisma: writes the migration for both databases
 * by diffing the committed schema (git HEAD) against the edited one — offline,
 * with no shadow database — and re-derives prisma/postgres/schema.prisma.
 *   npx tsx scripts/new-migration.ts add_something
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { derivePostgresSchema, POSTGRES_SCHEMA, SQLITE_SCHEMA } from './postgres-schema';
import { prismaBin, prismaCliEnv } from './lib/prisma-cli';

const root = path.resolve(__dirname, '..');

function diff(from: string, to: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yongshu-migration-'));
  const a = path.join(dir, 'from.prisma');
  const b = path.join(dir, 'to.prisma');
  fs.writeFileSync(a, from);
  fs.writeFileSync(b, to);
  const r = spawnSync(prismaBin, ['migrate', 'diff', '--from-schema-datamodel', a, '--to-schema-datamodel', b, '--script'], {
    cwd: root,
    encoding: 'utf8',
    env: prismaCliEnv(),
  });
  fs.rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npx tsx scripts/new-migration.ts <snake_case_name>');
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const before = execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { cwd: root, encoding: 'utf8' });
const after = fs.readFileSync(SQLITE_SCHEMA, 'utf8');
for (const [dir, sql] of [
  [path.join(root, 'prisma', 'migrations'), diff(before, after)],
  [path.join(root, 'prisma', 'postgres', 'migrations'), diff(derivePostgresSchema(before), derivePostgresSchema(after))],
] as const) {
  if (!sql.trim() || /^-- This is an empty migration/m.test(sql)) {
    console.log(`no change for ${path.relative(root, dir)}`);
    continue;
  }
  fs.mkdirSync(path.join(dir, `${stamp}_${name}`), { recursive: true });
  fs.writeFileSync(path.join(dir, `${stamp}_${name}`, 'migration.sql'), sql);
  console.log(`wrote ${path.relative(root, dir)}/${stamp}_${name}/migration.sql`);
}
fs.writeFileSync(POSTGRES_SCHEMA, derivePostgresSchema(after));
