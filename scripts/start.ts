/**
 * `npm start`: the whole system on embedded defaults at http://localhost:3000
 * — Temporal dev server (SQLite file in data/, Web UI on 8233), the worker,
 * and the API + web. With TEMPORAL_ADDRESS set, uses that cluster instead.
 * Ctrl-C stops everything; if one part dies, the rest are stopped too.
 */
import path from 'node:path';
import { loadEnv } from '../config/env';
import { prepareDatabase } from './prepare-database';
import { ensureWebBuild } from './lib/web-build';
import { startStack } from './lib/stack';

// When the terminal (or npm) that read our output is gone, writing must not crash the shutdown.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

async function main() {
  const env = loadEnv();
  const dev = process.argv.includes('--dev');
  await prepareDatabase(env.DATABASE_URL, { seed: env.DEMO_MODE });
  if (!dev) ensureWebBuild();
  const stack = await startStack({
    port: env.PORT,
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    temporalAddress: env.TEMPORAL_ADDRESS,
    temporalPort: env.TEMPORAL_DEV_PORT,
    uiPort: env.TEMPORAL_UI_PORT,
    temporalDbFile: path.join(env.DATA_DIR, 'temporal.db'),
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    web: dev ? 'dev' : 'prod',
  });
  console.log(`\n甬数流程 is ready: ${stack.baseUrl}  (API ${stack.baseUrl}/api/v1/docs/` +
    (env.TEMPORAL_ADDRESS ? `, Temporal ${env.TEMPORAL_ADDRESS})` : `, Temporal Web UI http://localhost:${env.TEMPORAL_UI_PORT})`) +
    (env.DEMO_MODE ? '\nDemo users: admin, bdb.reviewer, amr.applicant, psb.provider, … password ningbo-demo' : ''));

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('[start] stopping…');
    await stack.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  const { name } = await stack.supervisor.firstExit;
  console.error(`[start] ${name} stopped unexpectedly; stopping the rest`);
  await stop(1);
}

main().catch((e: unknown) => {
  console.error(`[start] ${(e as Error).message}`);
  process.exit(1);
});
