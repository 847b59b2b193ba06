/**
 * The restricted-share lifecycle through HTTP, N cases at a time, each step of
 * a case sent to an instance picked at random: filing with an Idempotency-Key
 * (and its retry on the other instance), the review task, approve (sent to
 * every instance at once with one Idempotency-Key, as a client retrying on
 * another node would), the provider's consent task, agree → granted.
 * Sessions live in the shared database, so one cookie is valid on every instance.
 */
import crypto from 'node:crypto';
import { rsPayload } from '../integration/client';

export interface Instance {
  name: string;
  baseUrl: string;
}

export interface Sessions {
  applicant: string; // cookie of amr.applicant
  reviewer: string; // bdb.reviewer
  provider: string; // psb.provider
}

export interface CaseRun {
  filingKey: string;
  id?: string;
  status?: string;
  /** The instance each step went to, e.g. file@A retry@B review@B approve@A+B consent@A agree@B. */
  route: string[];
  error?: string;
}

// Response bodies are whatever JSON the server sent; the load checks the fields it relies on.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export async function call(i: Instance, cookie: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Json; text: string }> {
  const h: Record<string, string> = { accept: 'application/json', ...headers };
  if (cookie) h.cookie = cookie;
  if (body !== undefined) h['content-type'] = 'application/json';
  const res = await fetch(`${i.baseUrl}/api/v1${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(60_000) });
  const text = await res.text();
  let parsed: Json;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, text };
}

export async function signIn(i: Instance, username: string): Promise<string> {
  const res = await fetch(`${i.baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ username, password: 'ningbo-demo' }),
  });
  const cookie = res.headers.getSetCookie().map((l) => /^(yongshu_session=[^;]*)/.exec(l)?.[1]).find(Boolean);
  if (res.status !== 200 || !cookie) throw new Error(`sign-in as ${username} on ${i.name}: ${res.status} ${await res.text()}`);
  return cookie;
}

/** The one restricted-share filing every load and bench uses: the integration tests' valid payload. */
export const RS_PAYLOAD = rsPayload();

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

class StepError extends Error {}
const expect = (ok: boolean, what: string, r: { status: number; text: string }) => {
  if (!ok) throw new StepError(`${what}: ${r.status} ${r.text.slice(0, 300)}`);
};

async function openTask(i: Instance, cookie: string, caseId: string, step: string): Promise<Json> {
  const until = Date.now() + 30_000;
  for (;;) {
    const r = await call(i, cookie, 'GET', `/tasks?status=open&step=${step}&caseId=${encodeURIComponent(caseId)}`);
    expect(r.status === 200, `inbox ${step}`, r);
    const task = (r.body.items as Json[]).find((t) => t.caseId === caseId && t.step === step);
    if (task) return task;
    if (Date.now() > until) throw new StepError(`no open ${step} task on ${caseId} after 30 s`);
    await sleep(100);
  }
}

async function oneCase(instances: Instance[], s: Sessions, run: CaseRun): Promise<void> {
  const pick = () => instances[Math.floor(Math.random() * instances.length)]!;
  const otherThan = (x: Instance) => instances.find((i) => i !== x) ?? x;
  const go = (label: string, i: Instance) => run.route.push(`${label}@${i.name}`);

  const fileOn = pick();
  go('file', fileOn);
  const filing = { type: 'restricted-share', payload: RS_PAYLOAD };
  const filed = await call(fileOn, s.applicant, 'POST', '/cases', filing, { 'Idempotency-Key': run.filingKey });
  expect(filed.status === 201, 'filing', filed);
  run.id = filed.body.id as string;
  const retryOn = otherThan(fileOn);
  go('retry', retryOn);
  const again = await call(retryOn, s.applicant, 'POST', '/cases', filing, { 'Idempotency-Key': run.filingKey });
  expect(again.status === 201 && again.body.id === run.id, `the filing's retry answers the same case ${run.id}`, again);

  const reviewOn = pick();
  go('review', reviewOn);
  const review = await openTask(reviewOn, s.reviewer, run.id, 'bdb-review');
  const approveKey = `approve-${crypto.randomUUID()}`;
  const approveOn = instances.length > 1 ? instances : [instances[0]!, instances[0]!];
  run.route.push(`approve@${approveOn.map((i) => i.name).join('+')}`);
  const approvals = await Promise.all(approveOn.map((i) => call(i, s.reviewer, 'POST', `/tasks/${review.id}/decision`, { decision: 'approve', comment: '材料齐全' }, { 'Idempotency-Key': approveKey })));
  for (const a of approvals) expect(a.status === 200 && a.body.case?.id === run.id && a.body.case?.status === 'in-progress', 'approve (one key, sent to every instance at once)', a);

  const consentOn = pick();
  go('consent', consentOn);
  const consent = await openTask(consentOn, s.provider, run.id, 'provider-consent');
  const agreeOn = pick();
  go('agree', agreeOn);
  const agreed = await call(agreeOn, s.provider, 'POST', `/tasks/${consent.id}/decision`, { decision: 'agree', comment: '同意共享' });
  expect(agreed.status === 200, 'agree', agreed);
  run.status = agreed.body.case?.status as string;
  expect(run.status === 'granted', 'agree answers a granted case', agreed);
}

/** Runs `n` lifecycles, `concurrency` at a time; never throws for one case (its error is kept on its run). */
export async function lifecycleLoad(instances: Instance[], s: Sessions, n: number, concurrency: number, tag: string): Promise<{ runs: CaseRun[]; seconds: number }> {
  const runs: CaseRun[] = Array.from({ length: n }, (_, k) => ({ filingKey: `cluster-${tag}-${k}-${crypto.randomUUID()}`, route: [] }));
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < runs.length) {
        const run = runs[next++]!;
        try {
          await oneCase(instances, s, run);
        } catch (e) {
          run.error = (e as Error).message;
        }
      }
    }),
  );
  return { runs, seconds: (performance.now() - t0) / 1000 };
}
