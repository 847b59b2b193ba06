/**
 * `npm run bench`: the app against bare Temporal, in one run on the same server
 * (issue #11). The app: the restricted-share lifecycle through HTTP (file →
 * BDB approves → provider agrees → granted). The baseline (tests/bench/bare):
 * a workflow of the same shape with no-op bodies, its own worker process and
 * task queue, driven by a plain Temporal client. Prints, at concurrency 1 and 10:
 *   (a) lifecycle cost app/bare — wall time for the same number of lifecycles;
 *   (c) decision round trip p95 app / bare Update p95;
 * and each side's CPU per lifecycle by process (Linux), which decides (a)
 * once the cores are busy.
 * Targets (a) ≤ 1.5 and (c) ≤ 1.3 are printed, never asserted: timings on a
 * shared machine prove nothing in a test.
 *
 * Embedded by default: a throwaway dev server, API and worker, fresh SQLite.
 * With TEMPORAL_ADDRESS and DATABASE_URL set it uses that server and database
 * (migrated and seeded with the demo accounts), starting its own API and workers.
 *   npm run bench -- 40          (lifecycles per concurrency level and side; default 40)
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { projectRoot } from '../../config/env';
import { prepareDatabase } from '../../scripts/prepare-database';
import { freePort } from '../../scripts/lib/free-port';
import { createSupervisor } from '../../scripts/lib/processes';
import { startStack, type Stack } from '../../scripts/lib/stack';
import { signIn, type Instance, type Sessions } from '../cluster/lifecycle-load';
import { appLifecycle, INBOX_POLL_MS, type AppLifecycleTimes } from './app-driver';
import { bareLifecycle, type LifecycleTimes } from './bare/driver';
import { cpuMeter } from './process-cpu';

const CASES = Number(process.argv[2] ?? 40);
const LEVELS = [1, 10];
const BARE_QUEUE = 'bench-bare';
const TARGET = { a: 1.5, c: 1.3 };

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (x: number) => `${x.toFixed(0).padStart(5)} ms`;
const dist = (xs: number[]) => `p50 ${ms(pct(xs, 50))}  p95 ${ms(pct(xs, 95))}  max ${ms(Math.max(...xs))}`;
const verdict = (ratio: number, target: number) => `${ratio.toFixed(2)}  (target ≤ ${target}: ${ratio <= target ? 'met' : 'NOT met'})`;

/** Runs `n` lifecycles, `c` at a time; returns each one's times and the wall time of the whole batch. */
async function batch<T extends LifecycleTimes>(n: number, c: number, one: () => Promise<T>): Promise<{ runs: T[]; wall: number }> {
  const runs: T[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(c, n) }, async () => {
      while (next < n) {
        next++;
        runs.push(await one());
      }
    }),
  );
  return { runs, wall: performance.now() - t0 };
}

interface Side<T extends LifecycleTimes> {
  wall: number;
  runs: T[];
  /** CPU ms by process over the side's batches; null where it cannot be read. */
  cpu: Record<string, number> | null;
}
const side = <T extends LifecycleTimes>(): Side<T> => ({ wall: 0, runs: [], cpu: {} });
const add = <T extends LifecycleTimes>(s: Side<T>, b: { result: { runs: T[]; wall: number }; cpuMs: Record<string, number> | null }) => {
  s.wall += b.result.wall;
  s.runs.push(...b.result.runs);
  if (!s.cpu || !b.cpuMs) s.cpu = null;
  else for (const [k, v] of Object.entries(b.cpuMs)) s.cpu[k] = (s.cpu[k] ?? 0) + v;
};
const perLifecycle = (s: Side<LifecycleTimes>): string => {
  if (!s.cpu) return 'not measured';
  const parts = Object.entries(s.cpu).map(([k, v]) => [k, v / s.runs.length] as const);
  return `${parts.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(' · ')} = ${parts.reduce((t, [, v]) => t + v, 0).toFixed(0)} ms`;
};

async function main() {
  const external = process.env.TEMPORAL_ADDRESS && process.env.DATABASE_URL ? { temporalAddress: process.env.TEMPORAL_ADDRESS, databaseUrl: process.env.DATABASE_URL } : null;
  const dir = path.join(projectRoot, 'tests', '.tmp', `bench-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  const databaseUrl = external?.databaseUrl ?? `file:${path.join(dir, 'bench.db')}`;
  await prepareDatabase(databaseUrl, { seed: true });
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  const tail: string[] = [];
  const log = (line: string) => void (tail.push(line), tail.length > 40 && tail.shift());
  let stack: Stack | undefined;
  const bare = createSupervisor(log);
  let connection: Connection | undefined;
  try {
    stack = await startStack({
      port: await freePort(),
      databaseUrl,
      dataDir: dir,
      temporalAddress: external?.temporalAddress,
      temporalPort: await freePort(),
      uiPort: null,
      temporalDbFile: null,
      taskQueue: 'yongshu-bench',
      web: 'none',
      log,
    });
    const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx');
    bare.start('bare-worker', tsx, [path.join(__dirname, 'bare', 'worker.ts')], { env: { ...process.env, TEMPORAL_ADDRESS: stack.temporalAddress, TEMPORAL_NAMESPACE: namespace, BARE_TASK_QUEUE: BARE_QUEUE } });
    connection = await Connection.connect({ address: stack.temporalAddress });
    const client = new Client({ connection, namespace });
    const api: Instance = { name: 'app', baseUrl: stack.baseUrl };
    const [applicant, reviewer, provider] = await Promise.all(['amr.applicant', 'bdb.reviewer', 'psb.provider'].map((u) => signIn(api, u)));
    const sessions: Sessions = { applicant: applicant!, reviewer: reviewer!, provider: provider! };
    const runApp = () => appLifecycle(api, sessions);
    const runBare = () => bareLifecycle(client, BARE_QUEUE);
    // The Temporal server counts on each side for what ran during that side's batches (an external one is not ours to read).
    const temporal = stack.supervisor.pidOf('temporal');
    const meterApp = cpuMeter({ Temporal: temporal, API: stack.supervisor.pidOf('server'), worker: stack.supervisor.pidOf('worker') });
    const meterBare = cpuMeter({ Temporal: temporal, worker: bare.pidOf('bare-worker') });

    // Warm both sides (workflow bundles, connections, JIT) before anything is counted.
    await batch(3, 1, runBare);
    await batch(3, 1, runApp);

    console.log(`\nbench: ${CASES} restricted-share lifecycles per side and level, on ${external ? `${external.temporalAddress} + ${databaseUrl.replace(/\/\/[^@]*@/, '//…@')}` : 'the embedded dev server + SQLite'}; inbox polled every ${INBOX_POLL_MS} ms`);
    const summary: string[] = [];
    for (const c of LEVELS) {
      const appSide = side<AppLifecycleTimes>();
      const bareSide = side<LifecycleTimes>();
      // Short rounds in turn (bare, app, bare, app, …): a slow spell of the shared machine weighs on both sides.
      const round = Math.max(c, Math.ceil(CASES / 5));
      for (let done = 0; done < CASES; done += round) {
        const n = Math.min(round, CASES - done);
        add(bareSide, await meterBare(() => batch(n, c, runBare)));
        add(appSide, await meterApp(() => batch(n, c, runApp)));
      }
      const a = appSide.wall / bareSide.wall;
      const appDecisions = appSide.runs.flatMap((r) => r.decisions);
      const bareDecisions = bareSide.runs.flatMap((r) => r.decisions);
      const cr = pct(appDecisions, 95) / pct(bareDecisions, 95);
      console.log(`\nconcurrency ${c}`);
      console.log(`  lifecycle        app  ${dist(appSide.runs.map((r) => r.lifecycle))}   wall ${(appSide.wall / 1000).toFixed(1)} s`);
      console.log(`                   bare ${dist(bareSide.runs.map((r) => r.lifecycle))}   wall ${(bareSide.wall / 1000).toFixed(1)} s`);
      console.log(`  decision         app  ${dist(appDecisions)}`);
      console.log(`  (Update)         bare ${dist(bareDecisions)}`);
      console.log(`  app filing (201)      ${dist(appSide.runs.map((r) => r.filing))}`);
      console.log(`  app filed → inbox     ${dist(appSide.runs.map((r) => r.toInbox))}`);
      console.log(`  CPU per lifecycle app  ${perLifecycle(appSide)}`);
      console.log(`                    bare ${perLifecycle(bareSide)}`);
      console.log(`  (a) lifecycle cost app/bare      ${verdict(a, TARGET.a)}`);
      console.log(`  (c) decision p95 app/bare Update ${verdict(cr, TARGET.c)}`);
      summary.push(`C=${c}: (a) ${a.toFixed(2)}  (c) ${cr.toFixed(2)}`);
    }
    console.log(`\nsummary  ${summary.join('   ')}`);
  } catch (e) {
    if (tail.length) console.error(tail.join('\n'));
    throw e;
  } finally {
    await connection?.close();
    await bare.stopAll();
    await stack?.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
