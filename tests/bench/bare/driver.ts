/**
 * Drives the bare baseline with a plain Temporal client: per lifecycle, start
 * the workflow and send its two Updates one after the other, timing each.
 */
import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import { bareLifecycleWorkflow, bareStepUpdate } from './workflows';

export interface LifecycleTimes {
  /** From the first request to the last answer. */
  lifecycle: number;
  /** Each decision's round trip (two per lifecycle). */
  decisions: number[];
}

export async function bareLifecycle(client: Client, taskQueue: string): Promise<LifecycleTimes> {
  const t0 = performance.now();
  const handle = await client.workflow.start(bareLifecycleWorkflow, { taskQueue, workflowId: `bench-bare-${crypto.randomUUID()}` });
  const decisions: number[] = [];
  for (const n of [1, 2]) {
    const t = performance.now();
    const decided = await handle.executeUpdate(bareStepUpdate, { args: [n] });
    decisions.push(performance.now() - t);
    if (decided !== n) throw new Error(`bare Update ${n} answered ${decided}`);
  }
  return { lifecycle: performance.now() - t0, decisions };
}
