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
