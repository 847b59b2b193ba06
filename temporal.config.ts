/**
 * How processes reach Temporal: one place for the address, namespace and task
 * queue, so the API (client), the worker and the tests agree.
 */
import { Connection, Client } from '@temporalio/client';
import { loadEnv, temporalAddress, type Env } from './config/env';

export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
}

export const temporalSettings = (env: Env = loadEnv()): TemporalSettings => ({
  address: temporalAddress(env),
  namespace: env.TEMPORAL_NAMESPACE,
  taskQueue: env.TEMPORAL_TASK_QUEUE,
});

export async function connectTemporalClient(settings: TemporalSettings): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({ address: settings.address });
  return { client: new Client({ connection, namespace: settings.namespace }), connection };
}
