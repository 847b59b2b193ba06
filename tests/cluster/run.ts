/**
 * `npm run test:cluster`: the scale-out path, proven (issue #11 item 3).
 *   1. a throwaway PostgreSQL cluster: the Temporal server's two databases and the app's;
 *   2. a real Temporal server on it (scripts/cluster/temporal-server.ts), not the dev server;
 *   3. two app instances, each an API and a worker of its own (own port, own DATA_DIR),
 *      sharing nothing but the Temporal server, the task queue and the database;
 *   4. the restricted-share lifecycle through HTTP on instance A alone, then B joins and the
 *      same load runs across both at once (each step of a case on either instance);
 *   5. checks from the database and from Temporal: nothing lost, nothing duplicated, every
 *      projection row once; prints the throughput of two instances against one.
 * Ends with `N passed, N failed` (each check counts as one). Not part of `npm test`;
 * .ci/run runs it as its own step. Everything it started is stopped, also on failure.
 *   CLUSTER_CASES (default 40), CLUSTER_CONCURRENCY (default 10)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { projectRoot } from '../../config/env';
import { prepareDatabase } from '../../scripts/prepare-database';
import { freePort } from '../../scripts/lib/free-port';
import { findPostgresBin, startThrowawayPostgres, type Postgres } from '../../scripts/lib/postgres';
import { createSupervisor, waitFor } from '../../scripts/lib/processes';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { startStack, type Stack } from '../../scripts/lib/stack';
import { startTemporalCluster } from '../../scripts/cluster/temporal-server';
import { TEMPORAL_SERVER_VERSION } from '../../scripts/temporal-binaries';
import { databaseChecks, temporalChecks, type CheckResult } from './checks';
import { call, lifecycleLoad, signIn, type CaseRun, type Instance, type Sessions } from './lifecycle-load';

const CASES = Number(process.env.CLUSTER_CASES ?? 40);
const CONCURRENCY = Number(process.env.CLUSTER_CONCURRENCY ?? 10);
const TASK_QUEUE = 'yongshu-cluster';
const NAMESPACE = 'yongshu-cluster';

const results: CheckResult[] = [];
const record = (r: CheckResult) => {
  results.push(r);
  console.log(`${r.ok ? 'ok' : 'not ok'} - ${r.name}${r.detail ? `\n    ${r.detail}` : ''}`);
};

function loadResult(what: string, runs: CaseRun[]): CheckResult {
  const failed = runs.filter((r) => r.error);
  const crossed = runs.filter((r) => new Set(r.route.flatMap((s) => s.split('@')[1]!.split('+'))).size > 1).length;
  return {
    name: `${what}: ${runs.length} lifecycles to granted through HTTP (${crossed} used both instances)`,
    ok: failed.length === 0,
    detail: failed.length ? `${failed.length} failed: ${failed.slice(0, 3).map((r) => `${r.id ?? r.filingKey} [${r.route.join(' ')}] ${r.error}`).join(' | ')}` : undefined,
  };
}

/** Workers polling the task queue for workflow tasks, as the server sees them (one per instance). */
async function workflowPollers(address: string): Promise<number> {
  const connection = await Connection.connect({ address });
  try {
    const r = await connection.workflowService.describeTaskQueue({ namespace: NAMESPACE, taskQueue: { name: TASK_QUEUE }, taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW });
    return new Set(r.pollers.map((p) => p.identity)).size;
  } finally {
    await connection.close();
  }
}

async function main(): Promise<void> {
  if (!findPostgresBin()) throw new Error('no PostgreSQL server binaries (apt-get install postgresql, or set PG_BIN)');
  const tmp = path.join(projectRoot, 'tests', '.tmp');
  for (const old of fs.existsSync(tmp) ? fs.readdirSync(tmp).filter((d) => d.startsWith('cluster-')) : []) fs.rmSync(path.join(tmp, old), { recursive: true, force: true });
  const dir = path.join(tmp, `cluster-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  const logFile = fs.createWriteStream(path.join(dir, 'cluster.log'));
  const log = (line: string) => logFile.write(`${line}\n`);
  console.log(`cluster test: logs in ${path.relative(projectRoot, dir)}/cluster.log`);

  const server = createSupervisor(log);
  let pg: Postgres | undefined;
  const stacks: Stack[] = [];
  // Ctrl-C or a kill: nothing started here outlives this process (the supervisors also stop their children on exit).
  const abort = (sig: NodeJS.Signals) => {
    for (const s of stacks) s.supervisor.killAllNow();
    server.killAllNow();
    try {
      pg?.stop();
    } finally {
      process.exit(sig === 'SIGINT' ? 130 : 143);
    }
  };
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);

  try {
    const t0 = Date.now();
    pg = await startThrowawayPostgres(await freePort());
    const pgUrl = new URL(pg.url);
    const cluster = await startTemporalCluster({
      sup: server,
      pg: { host: pgUrl.hostname, port: Number(pgUrl.port), user: decodeURIComponent(pgUrl.username), password: 'unused-trust-auth' },
      dir: path.join(dir, 'temporal'),
      namespace: NAMESPACE,
    });
    console.log(`Temporal server ${TEMPORAL_SERVER_VERSION} (${cluster.binaries.source}) on PostgreSQL at ${cluster.address}, namespace ${NAMESPACE} (${Math.round((Date.now() - t0) / 1000)} s)`);

    await prepareDatabase(pg.url, { seed: true });
    // Every instance signs audit entries with the one key (its workers append them too): it comes from the environment, not a DATA_DIR file.
    const extraEnv = { ...process.env, TEMPORAL_NAMESPACE: NAMESPACE, AUDIT_HMAC_KEY: crypto.randomBytes(32).toString('hex'), SIGN_IN_ADDRESS_MAX_ATTEMPTS: '1000000' };
    const startInstance = async (name: string) => {
      const dataDir = path.join(dir, `instance-${name}`);
      fs.mkdirSync(dataDir, { recursive: true });
      const stack = await startStack({
        port: await freePort(),
        databaseUrl: pg!.url,
        dataDir,
        temporalAddress: cluster.address,
        temporalPort: 0,
        uiPort: null,
        temporalDbFile: null,
        taskQueue: TASK_QUEUE,
        web: 'none',
        extraEnv,
        log: (line) => log(`[${name}]${line}`),
      });
      stacks.push(stack);
      // The API answers health before the worker has bundled the workflows: wait until it polls, or its start competes with the load.
      await waitFor(async () => (await workflowPollers(cluster.address)) >= stacks.length, { timeoutMs: 120_000, what: `instance ${name}'s worker`, intervalMs: 500 });
      return { stack, instance: { name, baseUrl: stack.baseUrl } satisfies Instance };
    };
    // Instance A alone, then A and B, then A alone again (so a drift in the machine's load weighs on both sides alike).
    const a = await startInstance('A');
    console.log(`instance A at ${a.instance.baseUrl} (API + worker, task queue ${TASK_QUEUE}, the PostgreSQL database yongshu)`);
    const sessions: Sessions = {
      applicant: await signIn(a.instance, 'amr.applicant'),
      reviewer: await signIn(a.instance, 'bdb.reviewer'),
      provider: await signIn(a.instance, 'psb.provider'),
    };
    const admin = await signIn(a.instance, 'admin');
    const pgc = new PgClient({ connectionString: pg.url });
    await pgc.connect();
    const casesBefore = Number((await pgc.query(`SELECT count(*) AS n FROM "Case" WHERE type = 'restricted-share'`)).rows[0].n);
    await pgc.end();

    const half = Math.ceil(CASES / 2);
    const warmOne = await lifecycleLoad([a.instance], sessions, 4, 4, 'warm-one');
    record(loadResult('warm-up on instance A', warmOne.runs));
    const oneBefore = await lifecycleLoad([a.instance], sessions, half, CONCURRENCY, 'one-before');
    record(loadResult(`instance A alone, ${CONCURRENCY} at a time`, oneBefore.runs));

    const b = await startInstance('B');
    console.log(`instance B at ${b.instance.baseUrl} (its own API, worker and DATA_DIR; the same server, task queue and database)`);
    const both = [a.instance, b.instance];
    const warmTwo = await lifecycleLoad(both, sessions, 4, 4, 'warm-two');
    record(loadResult('warm-up on both instances', warmTwo.runs));
    const two = await lifecycleLoad(both, sessions, 2 * half, CONCURRENCY, 'two');
    record(loadResult(`instances A and B at once, ${CONCURRENCY} at a time, each step on either`, two.runs));

    await b.stack.stop();
    const oneAfter = await lifecycleLoad([a.instance], sessions, half, CONCURRENCY, 'one-after');
    record(loadResult(`instance A alone again (B stopped), ${CONCURRENCY} at a time`, oneAfter.runs));
    const one = { runs: [...oneBefore.runs, ...oneAfter.runs], seconds: oneBefore.seconds + oneAfter.seconds };

    const runs = [...warmOne.runs, ...oneBefore.runs, ...warmTwo.runs, ...two.runs, ...oneAfter.runs];
    for (const r of await databaseChecks(pg.url, runs, casesBefore)) record(r);
    for (const r of await temporalChecks(cluster.address, NAMESPACE, runs)) record(r);
    const verify = await call(a.instance, admin, 'GET', '/admin/audit/verify');
    record({ name: 'audit: the chain written by both instances verifies (GET /admin/audit/verify)', ok: verify.status === 200 && verify.body?.ok === true, detail: verify.status === 200 && verify.body?.ok === true ? undefined : `${verify.status} ${verify.text.slice(0, 300)}` });

    const rate = (x: { runs: CaseRun[]; seconds: number }) => x.runs.length / x.seconds;
    console.log(`\nthroughput, restricted-share lifecycles (file + retry, review, approve ×2, consent, agree), ${2 * half} cases each, ${CONCURRENCY} at a time:`);
    console.log(`  two instances  ${rate(two).toFixed(2)} cases/s (${two.seconds.toFixed(1)} s)`);
    console.log(`  one instance   ${rate(one).toFixed(2)} cases/s (${one.seconds.toFixed(1)} s: ${half} cases before the two-instance run, ${half} after)`);
    console.log(`  two / one      ${(rate(two) / rate(one)).toFixed(2)} (target ≥ 0.9; printed, not asserted)`);
    console.log(`  (1-minute load average at the end: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores — other work on the machine moves the ratio)`);
  } catch (e) {
    record({ name: 'cluster test ran to the end', ok: false, detail: (e as Error).stack ?? String(e) });
    console.log(`see ${path.relative(projectRoot, path.join(dir, 'cluster.log'))}`);
  } finally {
    for (const s of stacks) await s.stop().catch(() => undefined);
    await server.stopAll().catch(() => undefined);
    try {
      pg?.stop();
    } catch (e) {
      record({ name: 'PostgreSQL stopped', ok: false, detail: (e as Error).message });
    }
    logFile.end();
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`--- cluster: ${passed} passed, ${failed} failed`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((e: unknown) => {
  console.error(e);
  console.log(`${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + 1} failed`);
  process.exit(1);
});
