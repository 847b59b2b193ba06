/** A Temporal history in readable lines, for administrators (PROCEDURES §8). */
import type { temporal } from '@temporalio/proto';
import { formatShanghai } from '../../domain/calendar';

type History = temporal.api.history.v1.IHistory;

const toDate = (t: { seconds?: unknown; nanos?: number | null } | null | undefined): string | null => {
  if (!t?.seconds) return null;
  const s = Number(t.seconds as number | { toNumber(): number });
  return formatShanghai(new Date(s * 1000 + Math.floor((t.nanos ?? 0) / 1e6)));
};

export function readableEvents(history: History): { id: number; at: string | null; type: string; detail: string | null }[] {
  return (history.events ?? []).map((e) => {
    const attrs = Object.entries(e).find(([k, v]) => k.endsWith('EventAttributes') && v) as [string, Record<string, unknown>] | undefined;
    const typeName = attrs?.[0].replace(/EventAttributes$/, '') ?? String(e.eventType);
    const a = attrs?.[1] ?? {};
    const detail =
      (a.activityType as { name?: string } | undefined)?.name ??
      (a.signalName as string | undefined) ??
      (a.acceptedRequest as { input?: { name?: string } } | undefined)?.input?.name ??
      (a.startToFireTimeout ? `timer ${JSON.stringify(a.startToFireTimeout)}` : null) ??
      null;
    return { id: Number(e.eventId), at: toDate(e.eventTime as never), type: typeName, detail };
  });
}

/**
 * Every run of a case's workflow, oldest first: a case that continued as new
 * has several, each started with a link to the one before
 * (`continuedExecutionRunId`), which we follow back from the latest.
 */
export async function historiesOfAllRuns(fetchRun: (runId?: string) => Promise<History>, latestRunId: string): Promise<{ runId: string; history: History }[]> {
  const runs: { runId: string; history: History }[] = [];
  let runId: string | undefined = latestRunId;
  // A bound, not a belief: a case continues as new every few thousand events.
  for (let i = 0; runId && i < 1000; i++) {
    const history = await fetchRun(runId);
    runs.unshift({ runId, history });
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return runs;
}
