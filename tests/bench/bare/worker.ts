/**
 * The bare baseline's worker: its own process and task queue on the same
 * Temporal server as the app, as the app's worker is its own process.
 *   TEMPORAL_ADDRESS, BARE_TASK_QUEUE, TEMPORAL_NAMESPACE (default "default")
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { bareActivities } from './activities';

async function main() {
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const taskQueue = process.env.BARE_TASK_QUEUE ?? 'bench-bare';
  const connection = await NativeConnection.connect({ address });
  try {
    const worker = await Worker.create({
      connection,
      namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
      taskQueue,
      workflowsPath: require.resolve('./workflows'),
      activities: bareActivities,
    });
    console.log(`[bare-worker] polling ${taskQueue} on ${address}`);
    process.once('SIGINT', () => worker.shutdown());
    process.once('SIGTERM', () => worker.shutdown());
    await worker.run();
  } finally {
    await connection.close();
  }
}

main().catch((e: unknown) => {
  console.error('[bare-worker] failed:', e);
  process.exit(1);
});
