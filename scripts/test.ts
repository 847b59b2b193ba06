/**
 * `npm test`: every suite, in order, against real servers —
 *   unit        domain/, api/, activities/, db/, config/ and web/lib/ tests (node:test)
 *   workflows   procedures on the Temporal time-skipping server, and replays
 *   integration the HTTP API against a Temporal dev server and a fresh SQLite
 *   e2e         Playwright in Debian's Chromium against the same stack
 * and ends with the line `N passed, N failed`. `npm test -- unit workflows`
 * runs only the phases named.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config/env';
import { prepareDatabase } from './prepare-database';
import { ensureWebBuild } from './lib/web-build';
import { startStack, type Stack } from './lib/stack';
import { findPostgresBin, startThrowawayPostgres, type Postgres } from './lib/postgres';
import { provideTemporalCli, provideTestServer } from './temporal-binaries';
import { freePort } from './lib/free-port';

type Phase = 'unit' | 'workflows' | 'integration' | 'e2e' | 'postgres';
const ALL: Phase[] = ['unit', 'workflows', 'integration', 'e2e', 'postgres'];

interface Count { passed: number; failed: number; skipped: number }
const totals: Count = { passed: 0, failed: 0, skipped: 0 };
const problems: string[] = [];

function findTests(dirs: string[], suffix: RegExp): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) walk(p);
      else if (suffix.test(e.name)) out.push(path.relative(projectRoot, p));
    }
  };
  dirs.forEach((d) => walk(path.join(projectRoot, d)));
  // TEST_FILTER=word runs only the files whose path contains it (while working on one suite).
  const only = process.env.TEST_FILTER;
  return out.filter((f) => !only || f.includes(only)).sort();
}

function runNodeTests(name: string, files: string[], env: Record<string, string> = {}, concurrency = true): void {
  if (files.length === 0) {
    problems.push(`${name}: no test files found`);
    return;
  }
  console.log(`\n=== ${name}: ${files.length} file(s) ===`);
  const tap = path.join(projectRoot, 'tests', '.tmp', `${name}.tap`);
  fs.mkdirSync(path.dirname(tap), { recursive: true });
  const r = spawnSync(
    process.execPath,
    [
      '--import', 'tsx',
      '--test',
      ...(concurrency ? [] : ['--test-concurrency=1']),
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tap}`,
      ...files,
    ],
    { cwd: projectRoot, stdio: 'inherit', env: { ...process.env, ...env } },
  );
  const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
  const num = (k: string) => Number(new RegExp(`^# ${k} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  const c = { passed: num('pass'), failed: num('fail') + num('cancelled'), skipped: num('skipped') + num('todo') };
  if (r.status !== 0 && c.failed === 0) problems.push(`${name}: the runner exited with ${r.status}`);
  add(name, c);
}

function add(name: string, c: Count) {
  totals.passed += c.passed;
  totals.failed += c.failed;
  totals.skipped += c.skipped;
  console.log(`--- ${name}: ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`);
}


/** What the integration tests may need to reach the stack's parts directly (the crash tests start an API of their own). */
type TestStack = Stack & { testEnv: Record<string, string> };

async function startTestStack(web: boolean, databaseUrlOverride?: string): Promise<TestStack> {
  // Keep only this run's stack (its database and log stay for a look after a failure).
  const tmp = path.join(projectRoot, 'tests', '.tmp');
  for (const old of fs.existsSync(tmp) ? fs.readdirSync(tmp).filter((d) => d.startsWith('stack-')) : []) fs.rmSync(path.join(tmp, old), { recursive: true, force: true });
  const dir = path.join(tmp, `stack-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  const databaseUrl = databaseUrlOverride ?? `file:${path.join(dir, 'test.db')}`;
  await prepareDatabase(databaseUrl, { seed: true });
  if (web) ensureWebBuild();
  const logFile = fs.createWriteStream(path.join(dir, 'stack.log'));
  const taskQueue = 'yongshu-test';
  const stack = await startStack({
    port: await freePort(),
    databaseUrl,
    dataDir: dir,
    temporalPort: await freePort(),
    uiPort: null,
    temporalDbFile: null,
    taskQueue,
    web: web ? 'prod' : 'none',
    // Short leases, so the crash tests' retries take over a dead process's key in seconds. Every test signs in
    // from 127.0.0.1, hundreds of times a minute: the per-address limit (a production default of 20 a minute)
    // would refuse the suite; api/sign-in.test.ts tests it.
    extraEnv: { ...process.env, IDEMPOTENCY_LEASE_SECONDS: '3', SIGN_IN_ADDRESS_MAX_ATTEMPTS: '1000000' },
    log: (line) => logFile.write(`${line}\n`),
  });
  const testEnv = { BASE_URL: stack.baseUrl, TEMPORAL_ADDRESS: stack.temporalAddress, DATABASE_URL: databaseUrl, DATA_DIR: dir, TEMPORAL_TASK_QUEUE: taskQueue };
  return { ...stack, testEnv };
}

function runPlaywright(baseUrl: string): void {
  console.log('\n=== e2e (Playwright) ===');
  const report = path.join(projectRoot, 'tests', '.tmp', 'playwright.json');
  fs.rmSync(report, { force: true });
  const r = spawnSync(path.join(projectRoot, 'node_modules', '.bin', 'playwright'), ['test', '--reporter=list,json'], {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, BASE_URL: baseUrl, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
  });
  if (!fs.existsSync(report)) {
    problems.push(`e2e: Playwright produced no report (exit ${r.status})`);
    return;
  }
  const stats = (JSON.parse(fs.readFileSync(report, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }).stats;
  add('e2e', { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped });
  if (r.status !== 0 && stats.unexpected === 0) problems.push(`e2e: Playwright exited with ${r.status}`);
}

async function main() {
  const asked = process.argv.slice(2).filter((a): a is Phase => (ALL as string[]).includes(a));
  const phases = asked.length ? asked : ALL;
  const t0 = Date.now();

  if (phases.includes('unit')) runNodeTests('unit', findTests(['domain', 'api', 'activities', 'db', 'config', 'web/lib'], /\.test\.ts$/));

  if (phases.includes('workflows')) {
    const ts = provideTestServer();
    console.log(`temporal test server: ${ts.source}`);
    runNodeTests('workflows', findTests(['tests/workflows', 'tests/replay'], /\.test\.ts$/), {}, false);
  }

  if (phases.includes('integration') || phases.includes('e2e')) {
    const cli = provideTemporalCli();
    console.log(`temporal CLI: ${cli.source}`);
    let stack: TestStack | undefined;
    try {
      stack = await startTestStack(phases.includes('e2e'));
      console.log(`test stack at ${stack.baseUrl} (Temporal ${stack.temporalAddress})`);
      if (phases.includes('integration')) runNodeTests('integration', findTests(['tests/integration'], /\.test\.ts$/), stack.testEnv, false);
      if (phases.includes('e2e')) runPlaywright(stack.baseUrl);
    } catch (e) {
      problems.push(`stack: ${(e as Error).message}`);
    } finally {
      await stack?.stop();
    }
  }

  // The API suite again, on PostgreSQL: the production database must behave as SQLite does.
  if (phases.includes('postgres')) {
    if (!findPostgresBin()) {
      console.log('\n=== integration on PostgreSQL: skipped (no PostgreSQL server binaries; apt-get install postgresql) ===');
    } else {
      let pg: Postgres | undefined;
      let stack: TestStack | undefined;
      try {
        pg = await startThrowawayPostgres(await freePort());
        stack = await startTestStack(false, pg.url);
        console.log(`\nPostgreSQL test stack at ${stack.baseUrl}`);
        runNodeTests('integration-postgres', findTests(['tests/integration'], /\.test\.ts$/), stack.testEnv, false);
      } catch (e) {
        problems.push(`postgres: ${(e as Error).message}`);
      } finally {
        await stack?.stop();
        pg?.stop();
      }
    }
  }

  console.log(`\ntest run took ${Math.round((Date.now() - t0) / 1000)} s`);
  for (const p of problems) console.log(`problem: ${p}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
  process.exit(totals.failed > 0 || problems.length > 0 ? 1 : 0);
}

main().catch((e: unknown) => {
  console.error(e);
  console.log(`${totals.passed} passed, ${totals.failed + 1} failed`);
  process.exit(1);
});
