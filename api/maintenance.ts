/**
 * Housekeeping the API process runs every minute: each job is independent,
 * a failing job is logged and the others still run, and a run never overlaps
 * the previous one. Every API instance runs it; each job must be safe to run
 * twice at once (deletes by condition are).
 *
 * To add a job: add an entry to `maintenanceJobs`.
 */
import type { AppDeps } from './deps';
import { createRepositories } from '../db/repositories';
import { signInPolicyOf } from './use-cases/sign-in';
import { reconcileCaseStarts } from './use-cases/case-starts';
import { refreshPlannerStatistics } from '../db/planner-statistics';

export interface MaintenanceJob {
  name: string;
  run(now: Date): Promise<unknown>;
}

export const MAINTENANCE_INTERVAL_MS = 60_000;

export function maintenanceJobs(deps: AppDeps): MaintenanceJob[] {
  const repos = createRepositories(deps.db, { auditKey: deps.auditKey });
  const policy = signInPolicyOf(deps.env);
  return [
    // Sessions past their idle or absolute timeout authenticate nobody; their rows go.
    { name: 'purgeExpiredSessions', run: (now) => repos.users.purgeExpiredSessions(now, policy) },
    // Attempts older than the retention (and locks that ended before it) serve no count any more.
    { name: 'purgeOldSignInAttempts', run: (now) => repos.signIn.purgeBefore(new Date(now.getTime() - policy.attemptRetentionMs)) },
    // Cases whose workflow start was never confirmed (the filer died, Temporal was down): start them or mark them failed.
    { name: 'reconcileCaseStarts', run: () => reconcileCaseStarts({ repos, temporal: deps.temporal }) },
    // SQLite's planner statistics follow the tables as they grow (a no-op until one has grown enough to matter).
    { name: 'refreshPlannerStatistics', run: () => refreshPlannerStatistics(deps.db) },
  ];
}

/** Runs every job once, in order; resolves with the names of those that failed. */
export async function runMaintenance(jobs: readonly MaintenanceJob[], now: Date, log: (line: string, e?: unknown) => void = console.error): Promise<string[]> {
  const failed: string[] = [];
  for (const job of jobs) {
    try {
      await job.run(now);
    } catch (e) {
      failed.push(job.name);
      log(`[maintenance] ${job.name} failed:`, e);
    }
  }
  return failed;
}

/** Starts the minute loop (first run right away); returns a function that stops it. */
export function startMaintenance(deps: AppDeps, jobs: readonly MaintenanceJob[] = maintenanceJobs(deps), intervalMs = MAINTENANCE_INTERVAL_MS): () => void {
  let running = false;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = true;
    runMaintenance(jobs, new Date())
      .catch(() => undefined)
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(tick, 0);
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref(); // never what keeps the process alive
  return () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
  };
}
