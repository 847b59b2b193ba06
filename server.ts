/**
 * The API and the web on one port: Express answers /api/v1 (api/app.ts) and
 * hands every other request to Next.js (web/). `--dev` serves the web with
 * hot reload; otherwise the production build (`npm run build`) is served.
 */
import path from 'node:path';
import express from 'express';
import next from 'next';
import { createApi } from './api/app';
import { loadAuditKey } from './config/audit-key';
import { startMaintenance } from './api/maintenance';
import { answerClientError } from './api/client-error';
import { loadEnv, projectRoot } from './config/env';
import { createDb } from './db/client';
import { connectTemporalClient, temporalSettings } from './temporal.config';
import { retry } from './scripts/lib/retry';

async function main() {
  const env = loadEnv();
  const dev = process.argv.includes('--dev');
  const apiOnly = process.argv.includes('--api-only');
  const db = createDb(env.DATABASE_URL);
  const auditKey = loadAuditKey(env);
  const settings = temporalSettings(env);
  const { client, connection } = await retry(() => connectTemporalClient(settings), { attempts: 60, delayMs: 1000, what: `Temporal at ${settings.address}` });

  const app = express();
  app.disable('x-powered-by');
  const deps = { env, db, temporal: { client, settings }, auditKey };
  app.use('/api/v1', createApi(deps));
  const stopMaintenance = startMaintenance(deps);

  if (!apiOnly) {
    const web = next({ dev, dir: path.join(projectRoot, 'web'), quiet: !dev });
    await web.prepare();
    const handle = web.getRequestHandler();
    app.use((req, res) => handle(req, res));
  }

  const server = app.listen(env.PORT, env.HOST, () => {
    console.log(`[server] http://localhost:${env.PORT} (API under /api/v1${apiOnly ? ', no web' : ''})`);
  });
  // What Node's HTTP parser refuses (a URL over 16 KB…) gets a JSON error body too.
  server.on('clientError', answerClientError);

  const stop = async () => {
    stopMaintenance();
    server.close();
    await connection.close().catch(() => undefined);
    await db.$disconnect();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error('[server] failed to start:', e);
  process.exit(1);
});
