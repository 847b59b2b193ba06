/**
 * The bare Temporal baseline `npm run bench` measures the app against: the
 * restricted-share lifecycle's shape with nothing of ours in it. Start →
 * activity; Update → activity; Update → activity; each Update answers after
 * its activity. No-op bodies: what is left is the engine's own cost.
 */
import { allHandlersFinished, condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
import type { BareActivities } from './activities';

export const bareStepUpdate = defineUpdate<number, [number]>('bareStep');

const { bareStep } = proxyActivities<BareActivities>({ startToCloseTimeout: '1 minute' });

export async function bareLifecycleWorkflow(): Promise<void> {
  let filed = false;
  let decided = 0;
  setHandler(bareStepUpdate, async (n) => {
    await condition(() => filed); // a decision on a task that exists (the app's first task comes from the filing's activity)
    await bareStep(n);
    return ++decided;
  });
  await bareStep(0);
  filed = true;
  await condition(() => decided === 2 && allHandlersFinished());
}
