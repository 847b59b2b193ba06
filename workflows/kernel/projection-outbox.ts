/**
 * The ordered projection outbox of one case: what a workflow decided goes to
 * the business database in batches, one after another, through the `project`
 * activity. A batch the database refuses (or that failed past its retries) is
 * parked with every later one — order is kept, nothing is dropped — and the
 * case is reported on the administrators' stuck-cases view. The case keeps
 * answering; its waiting batches are written when an administrator retries
 * (optionally cleaned), or, after exhausted retries, by itself a while later.
 */
import { ActivityFailure, ApplicationFailure, proxyActivities, sleep } from '@temporalio/workflow';
import type { WorkflowActivities } from '../../activities';
import type { DeadlinePlans } from './deadline-plans';
import { UNWRITABLE_PROJECTION, type ProjectionFailureKind, type ProjectionOp } from '../../domain/cases/projection';

// Retries are bounded: an activity retried without limit on data it can never write blocks its case for good.
const { project } = proxyActivities<WorkflowActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 30 },
});
// Reporting always succeeds in the end: it writes a small, cleaned row.
const { reportStuck, resolveStuck } = proxyActivities<WorkflowActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});

/** How long a case waits before retrying on its own after its retries ran out (the database was down). */
const SELF_RETRY_AFTER = '15 minutes';

export interface RetryRequest {
  by: string;
  /** Write the waiting batches with unstorable text replaced (an administrator's decision). */
  sanitize: boolean;
}

export interface ProjectionOutbox {
  push(op: ProjectionOp): void;
  /** Sends what was pushed since the last flush; resolves once it is written or parked. */
  flush(): Promise<void>;
  retry(r: RetryRequest): Promise<void>;
  isStuck(): boolean;
  /** Resolves when every batch sent so far is written or parked. */
  drained(): Promise<void>;
}

/** The failure kind for the stuck view: the database refused the data, or it could not be reached for long. */
function failureOf(e: unknown): { kind: ProjectionFailureKind; reason: string } {
  const cause = e instanceof ActivityFailure ? e.cause : e;
  if (cause instanceof ApplicationFailure && cause.type === UNWRITABLE_PROJECTION) return { kind: 'unwritable-data', reason: cause.message };
  return { kind: 'retries-exhausted', reason: (cause as Error | undefined)?.message ?? String(e) };
}

export function createProjectionOutbox(caseId: string, plans?: DeadlinePlans): ProjectionOutbox {
  let pending: ProjectionOp[] = [];
  const waiting: ProjectionOp[][] = [];
  let stuck: { kind: ProjectionFailureKind; reason: string } | null = null;
  let selfRetryScheduled = false;
  let writes: Promise<void> = Promise.resolve();

  const report = () => reportStuck({ caseId, kind: stuck!.kind, reason: stuck!.reason, waitingBatches: waiting.length });

  function park(e: unknown): Promise<void> {
    stuck = failureOf(e);
    if (stuck.kind === 'retries-exhausted' && !selfRetryScheduled) {
      selfRetryScheduled = true;
      void sleep(SELF_RETRY_AFTER).then(() => {
        selfRetryScheduled = false;
        return retry({ by: '系统（自动重试）', sanitize: false });
      });
    }
    return report();
  }

  // Never rejects: a rejected link would silently stop every later write.
  async function write(ops: ProjectionOp[]): Promise<void> {
    if (stuck) {
      waiting.push(ops); // nothing overtakes a parked batch
      return report();
    }
    try {
      const ask = plans?.ask(new Date().toISOString());
      const result = await (ask ? project(ops, { planAhead: ask.request }) : project(ops));
      ask?.accept(result?.plans);
    } catch (e) {
      waiting.push(ops);
      await park(e);
    }
  }

  async function writeWaiting(r: RetryRequest): Promise<void> {
    if (!stuck) return;
    while (waiting.length > 0) {
      try {
        await project(waiting[0]!, { sanitize: r.sanitize });
      } catch (e) {
        await park(e);
        return;
      }
      waiting.shift();
    }
    stuck = null;
    await resolveStuck({ caseId, by: r.by });
  }

  function retry(r: RetryRequest): Promise<void> {
    writes = writes.then(() => writeWaiting(r));
    return writes;
  }

  return {
    push: (op) => void pending.push(op),
    flush() {
      const ops = pending;
      pending = [];
      if (ops.length > 0) writes = writes.then(() => write(ops));
      return writes;
    },
    retry,
    isStuck: () => stuck !== null,
    drained: () => writes,
  };
}
