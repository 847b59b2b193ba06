/**
 * Starts the whole system: the Temporal dev server (unless TEMPORAL_ADDRESS
 * points at a cluster), the worker, and the API+web server. Used by
 * `npm start` (persistent data) and by `npm test` (a throwaway stack).
 */
import fs from 'node:fs';
import { portOpen } from './free-port';
import path from 'node:path';
import { projectRoot } from '../../config/env';
import { provideTemporalCli } from '../temporal-binaries';
import { createSupervisor, waitFor, type Supervisor } from './processes';

export interface StackOptions {
  port: number;
  databaseUrl: string;
  dataDir: string;
  /** An existing Temporal frontend; when absent a dev server is started. */
  temporalAddress?: string;
  temporalPort: number;
  uiPort: number | null; // null: headless dev server
  temporalDbFile: string | null; // null: in memory
  taskQueue: string;
  web: 'prod' | 'dev' | 'none';
  extraEnv?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface Stack {
  supervisor: Supervisor;
  baseUrl: string;
  temporalAddress: string;
  stop(): Promise<void>;
}

const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx');

export async function startStack(o: StackOptions): Promise<Stack> {
  const sup = createSupervisor(o.log);
  const temporalAddress = o.temporalAddress ?? `127.0.0.1:${o.temporalPort}`;
  try {
    if (!o.temporalAddress) {
      if (await portOpen(o.temporalPort)) throw new Error(`port ${o.temporalPort} is taken: stop what runs there, or set TEMPORAL_ADDRESS to use it`);
      const cli = provideTemporalCli();
      if (!cli.path) throw new Error('No Temporal CLI: install Go (it is built from source), put `temporal` on PATH, or set TEMPORAL_CLI_PATH');
      const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(o.temporalPort), '--log-level', 'error', '--namespace', 'default'];
      // An activity a workflow task schedules goes back to that worker in the task's answer, not through matching (README, Performance).
      args.push('--dynamic-config-value', 'system.enableActivityEagerExecution=true');
      if (o.temporalDbFile) {
        fs.mkdirSync(path.dirname(o.temporalDbFile), { recursive: true });
        args.push('--db-filename', o.temporalDbFile);
      }
      if (o.uiPort) args.push('--ui-port', String(o.uiPort));
      else args.push('--headless');
      sup.start('temporal', cli.path, args);
      await waitFor(() => portOpen(o.temporalPort), { timeoutMs: 60_000, what: 'Temporal dev server' });
    }
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...o.extraEnv,
      PORT: String(o.port),
      DATABASE_URL: o.databaseUrl,
      DATA_DIR: o.dataDir,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_TASK_QUEUE: o.taskQueue,
    };
    sup.start('worker', tsx, [path.join(projectRoot, 'worker.ts')], { env });
    const serverArgs = [path.join(projectRoot, 'server.ts')];
    if (o.web === 'dev') serverArgs.push('--dev');
    if (o.web === 'none') serverArgs.push('--api-only');
    sup.start('server', tsx, serverArgs, { env: { ...env, NODE_ENV: o.web === 'dev' ? 'development' : 'production' } });
    const baseUrl = `http://localhost:${o.port}`;
    const ready = waitFor(
      async () => {
        const r = await fetch(`${baseUrl}/api/v1/health`);
        return r.status === 200;
      },
      { timeoutMs: 180_000, what: 'the API (health)', intervalMs: 1000 },
    );
    const died = sup.firstExit.then(({ name, code }) => {
      throw new Error(`${name} exited (code ${code}) during start-up`);
    });
    await Promise.race([ready, died]);
    return { supervisor: sup, baseUrl, temporalAddress, stop: () => sup.stopAll() };
  } catch (e) {
    await sup.stopAll();
    throw e;
  }
}
