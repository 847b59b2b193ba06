/**
 * The Temporal worker: runs the procedures' workflows and their activities.
 * Start as many as load needs; they share the task queue.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from './activities';
import { loadAuditKey } from './config/audit-key';
import { loadEnv } from './config/env';
import { createDb } from './db/client';
import { temporalSettings } from './temporal.config';
import { retry } from './scripts/lib/retry';

async function main() {
  const env = loadEnv();
  const settings = temporalSettings(env);
  const db = createDb(env.DATABASE_URL);
  const auditKey = loadAuditKey(env); // the API's key: the projection appends audit entries
  const connection = await retry(() => NativeConnection.connect({ address: settings.address }), {
    attempts: 60,
    delayMs: 1000,
    what: `Temporal at ${settings.address}`,
  });
  try {
    const worker = await Worker.create({
      connection,
      namespace: settings.namespace,
      taskQueue: settings.taskQueue,
      workflowsPath: require.resolve('./workflows'),
      activities: createActivities(db, { auditKey }),
    });
    console.log(`[worker] polling ${settings.taskQueue} on ${settings.address}`);
    process.once('SIGINT', () => worker.shutdown());
    process.once('SIGTERM', () => worker.shutdown());
    await worker.run();
  } finally {
    await connection.close();
    await db.$disconnect();
  }
}

main().catch((e: unknown) => {
  console.error('[worker] failed:', e);
  process.exit(1);
});
