/**
 * Starting a case's workflow, and reconciling starts that were never
 * confirmed (the filer's process died, or Temporal was unreachable): each such
 * case either runs or is marked failed — never deleted, never started twice.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { ApiDeps } from '../deps';

type StartDeps = Pick<ApiDeps, 'repos' | 'temporal'>;

import { filerOf } from './filers';

/** A start not confirmed after this long is the reconciler's (the filer may still be at it before). */
export const START_GRACE_MS = 30_000;
/** After this long without Temporal taking it, a start is given up and the case marked failed. */
export const START_GIVE_UP_MS = 24 * 3600_000;

export async function startCaseWorkflow(deps: StartDeps, c: { id: string; type: string; workflowId: string; startInput: unknown }): Promise<void> {
  const workflowType = filerOf(c.type)?.workflowType;
  if (!workflowType) throw new Error(`no workflow for case type ${c.type}`);
  try {
    await deps.temporal.client.workflow.start(workflowType, {
      workflowId: c.workflowId,
      taskQueue: deps.temporal.settings.taskQueue,
      args: [c.startInput],
      // A case's workflow id is used once: a closed case is never started again.
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
  }
  await deps.repos.caseStarts.markStarted(c.id);
}

/** Does Temporal know the workflow? undefined when it cannot be asked now. */
async function workflowExists(deps: StartDeps, workflowId: string): Promise<boolean> {
  try {
    await deps.temporal.client.workflow.getHandle(workflowId).describe();
    return true;
  } catch (e) {
    if (e instanceof WorkflowNotFoundError) return false;
    throw e;
  }
}

/** One pass of the reconciler (a maintenance job); returns what it did, for logs and tests. */
export async function reconcileCaseStarts(deps: StartDeps, opts: { graceMs?: number; giveUpMs?: number } = {}): Promise<{ started: string[]; failed: string[] }> {
  const started: string[] = [];
  const failed: string[] = [];
  for (const c of await deps.repos.caseStarts.pending(opts.graceMs ?? START_GRACE_MS)) {
    try {
      if (await workflowExists(deps, c.workflowId)) await deps.repos.caseStarts.markStarted(c.id);
      else await startCaseWorkflow(deps, c);
      started.push(c.id);
    } catch (e) {
      const message = (e as Error).message;
      if (Date.now() - c.createdAt.getTime() > (opts.giveUpMs ?? START_GIVE_UP_MS)) {
        await deps.repos.caseStarts.markFailed(c.id, message);
        failed.push(c.id);
      } else {
        await deps.repos.caseStarts.recordStartError(c.id, message);
      }
    }
  }
  return { started, failed };
}
