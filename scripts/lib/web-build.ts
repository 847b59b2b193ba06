/**
 * Builds the Next.js app when its sources changed since the last build, so
 * `npm start` on a fresh clone builds once and later starts are quick.
 */
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../config/env';

const webDir = path.join(projectRoot, 'web');
const stamp = path.join(webDir, '.next', 'yongshu-source-hash');

function hashTree(dirs: string[]): string {
  const h = crypto.createHash('sha256');
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name === '.next' || e.name === 'node_modules' || e.name.endsWith('.test.ts')) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(p).update(fs.readFileSync(p));
    }
  };
  dirs.forEach(walk);
  return h.digest('hex');
}

export function ensureWebBuild(opts: { force?: boolean } = {}): void {
  const hash = hashTree([webDir, path.join(projectRoot, 'domain')]);
  if (!opts.force && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) return;
  console.log('[web] building the Next.js app (once per change of web/ or domain/)…');
  const r = spawnSync(path.join(projectRoot, 'node_modules', '.bin', 'next'), ['build', webDir], {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error('next build failed (see above)');
  fs.writeFileSync(stamp, hash);
}

if (require.main === module) ensureWebBuild({ force: process.argv.includes('--force') });
