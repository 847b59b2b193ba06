/**
 * `npm run bench:trace`: where one decision's time goes. On a throwaway stack
 * (as `npm run bench`), runs restricted-share lifecycles one at a time and, for
 * each decision, lines up on one clock: the client's HTTP send and answer, the
 * API's stages (its Server-Timing header: task lookup, checks, the Update, the
 * read-back) and the workflow's history events between them (workflow tasks,
 * each activity scheduled/started/completed, the Update accepted/completed).
 * Prints the median offset of every milestone from the HTTP send.
 *   npm run bench:trace -- 10     (lifecycles; default 10)
 */
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { projectRoot } from '../../config/env';
import { prepareDatabase } from '../../scripts/prepare-database';
import { freePort } from '../../scripts/lib/free-port';
import { startStack, type Stack } from '../../scripts/lib/stack';
import { call, RS_PAYLOAD, signIn, type Instance } from '../cluster/lifecycle-load';

const N = Number(process.argv[2] ?? 10);
const EventType = temporal.api.enums.v1.EventType;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const epochMs = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) => Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;

async function openTask(i: Instance, cookie: string, caseId: string, step: string): Promise<string> {
  for (let tries = 0; tries < 600; tries++) {
    const r = await call(i, cookie, 'GET', `/tasks?status=open&step=${step}&caseId=${encodeURIComponent(caseId)}`);
    const t = (r.body?.items as { id: string; caseId: string }[] | undefined)?.find((x) => x.caseId === caseId);
    if (t) return t.id;
    await sleep(25);
  }
  throw new Error(`no ${step} task on ${caseId}`);
}

/** One decision: milestones in ms after the HTTP send. */
type Milestones = Map<string, number>;

async function traced(i: Instance, cookie: string, taskId: string, body: unknown, client: Client, workflowId: string): Promise<Milestones> {
  const sent = Date.now();
  const res = await fetch(`${i.baseUrl}/api/v1/tasks/${taskId}/decision`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await res.text();
  const answered = Date.now();
  if (res.status !== 200) throw new Error(`decision on ${taskId}: ${res.status}`);
  const m: Milestones = new Map();
  // API stages, laid end to end from the send (the request's arrival is within a millisecond here).
  let at = 0;
  for (const part of (res.headers.get('server-timing') ?? '').split(',')) {
    const [name, dur] = part.trim().split(';dur=');
    if (!name || !dur) continue;
    at += Number(dur);
    m.set(`api: ${name} done`, at);
  }
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const activityOf = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const e of history.events ?? []) {
    const t = epochMs(e.eventTime);
    const scheduled = e.activityTaskScheduledEventAttributes;
    if (scheduled) activityOf.set(String(e.eventId), scheduled.activityType?.name ?? '?');
    if (t < sent || t > answered) continue;
    const ref = e.activityTaskStartedEventAttributes?.scheduledEventId ?? e.activityTaskCompletedEventAttributes?.scheduledEventId;
    const activity = scheduled?.activityType?.name ?? (ref !== undefined && ref !== null ? activityOf.get(String(ref)) : undefined);
    const type = (EventType[e.eventType ?? 0] ?? 'EVENT').replace(/^EVENT_TYPE_/, '').toLowerCase();
    const base = `temporal: ${type}${activity ? ` ${activity}` : ''}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    m.set(n > 1 ? `${base} #${n}` : base, t - sent);
  }
  m.set('client: HTTP answer received', answered - sent);
  return m;
}

async function main() {
  const dir = path.join(projectRoot, 'tests', '.tmp', `trace-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  const databaseUrl = `file:${path.join(dir, 'trace.db')}`;
  await prepareDatabase(databaseUrl, { seed: true });
  let stack: Stack | undefined;
  let connection: Connection | undefined;
  try {
    stack = await startStack({ port: await freePort(), databaseUrl, dataDir: dir, temporalPort: await freePort(), uiPort: null, temporalDbFile: null, taskQueue: 'yongshu-trace', web: 'none', log: () => undefined });
    connection = await Connection.connect({ address: stack.temporalAddress });
    const client = new Client({ connection });
    const api: Instance = { name: 'app', baseUrl: stack.baseUrl };
    const [amr, bdb, psb] = await Promise.all(['amr.applicant', 'bdb.reviewer', 'psb.provider'].map((u) => signIn(api, u)));
    const byKind: Record<string, Milestones[]> = { approve: [], agree: [] };
    for (let k = 0; k < N + 2; k++) {
      const filed = await call(api, amr!, 'POST', '/cases', { type: 'restricted-share', payload: RS_PAYLOAD });
      if (filed.status !== 201) throw new Error(`filing: ${filed.text}`);
      const { id, workflowId } = filed.body as { id: string; workflowId: string };
      const approve = await traced(api, bdb!, await openTask(api, bdb!, id, 'bdb-review'), { decision: 'approve' }, client, workflowId);
      const agree = await traced(api, psb!, await openTask(api, psb!, id, 'provider-consent'), { decision: 'agree' }, client, workflowId);
      if (k < 2) continue; // the first two warm up
      byKind.approve!.push(approve);
      byKind.agree!.push(agree);
    }
    for (const [kind, runs] of Object.entries(byKind)) {
      console.log(`\n${kind}: median ms after the HTTP send, ${runs.length} decisions one at a time`);
      const names = [...new Set(runs.flatMap((r) => [...r.keys()]))];
      const rows = names.map((name) => ({ name, at: median(runs.map((r) => r.get(name)).filter((x): x is number => x !== undefined)), count: runs.filter((r) => r.has(name)).length }));
      for (const r of rows.sort((a, b) => a.at - b.at)) console.log(`  ${r.at.toFixed(0).padStart(5)}  ${r.name}${r.count < runs.length ? `  (in ${r.count}/${runs.length})` : ''}`);
    }
  } finally {
    await connection?.close();
    await stack?.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
