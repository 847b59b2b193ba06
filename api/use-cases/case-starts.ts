/**
 * Starting a case's workflow, and reconciling starts that were never
 * confirmed (the filer's process died, or Temporal was unreachable): each such
 * case either runs or is marked failed — never deleted, never started twice.
 */
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type WorkflowStartOptions } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { ApiDeps } from '../deps';
import { filedUpdate } from '../../workflows/kernel/messages';

type StartDeps = Pick<ApiDeps, 'repos' | 'temporal'>;

import { filerOf } from './filers';

/** A start not confirmed after this long is the reconciler's (the filer may still be at it before). */
export const START_GRACE_MS = 30_000;
/** After this long without Temporal taking it, a start is given up and the case marked failed. */
export const START_GIVE_UP_MS = 24 * 3600_000;

/**
 * How long a filing waits for its first record (case row, first tasks) to be
 * written before answering anyway: a worker that is down or behind delays the
 * inbox, never the filing.
 */
export const FILING_WAIT_MS = 5_000;

const sleep = (ms: number) => new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref());

/**
 * Starts the case's workflow. With `awaitFirstRecord` (a person filing) the
 * start goes with the `filed` Update (Update-with-Start: one request, and the
 * Update reaches the workflow in its first task), so the 201 follows the
 * first tasks into the inbox instead of a client polling for them.
 */
export async function startCaseWorkflow(deps: StartDeps, c: { id: string; type: string; workflowId: string; startInput: unknown }, opts: { awaitFirstRecord?: boolean } = {}): Promise<void> {
  const workflowType = filerOf(c.type)?.workflowType;
  if (!workflowType) throw new Error(`no workflow for case type ${c.type}`);
  const options = {
    workflowId: c.workflowId,
    taskQueue: deps.temporal.settings.taskQueue,
    args: [c.startInput],
    // A case's workflow id is used once: a closed case is never started again.
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
  };
  const deadline = Date.now() + FILING_WAIT_MS;
  if (opts.awaitFirstRecord && (await startWithFiledUpdate(deps, c.id, workflowType, options, deadline))) return;
  try {
    await deps.temporal.client.workflow.start(workflowType, options);
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
  }
  await deps.repos.caseStarts.markStarted(c.id);
}

/**
 * Update-with-Start, bounded: true once the start is confirmed (and marked),
 * whether or not the first record came within the wait. False when the server
 * did not confirm the start in time (it answers an Update-with-Start only once
 * a worker took the Update): the caller starts it plainly, which is harmless
 * if it did start.
 */
async function startWithFiledUpdate(deps: StartDeps, caseId: string, workflowType: string, options: WorkflowStartOptions, deadline: number): Promise<boolean> {
  const start = new WithStartWorkflowOperation(workflowType, { ...options, workflowIdConflictPolicy: 'USE_EXISTING' });
  const filed = deps.temporal.client.workflow.executeUpdateWithStart(filedUpdate, { startWorkflowOperation: start });
  filed.catch(() => undefined); // its outcome only shortens the wait
  try {
    if ((await Promise.race([start.workflowHandle(), sleep(deadline - Date.now())])) === 'timeout') return false;
  } catch (e) {
    // A case's workflow that already ran to its end (REJECT_DUPLICATE): started, as a plain start would say.
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
  }
  await deps.repos.caseStarts.markStarted(caseId);
  await Promise.race([filed.catch(() => undefined), sleep(deadline - Date.now())]);
  return true;
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
