/**
 * Drives the app's restricted-share lifecycle through HTTP as the integration
 * tests do: file → the review task in the BDB's inbox → approve → the consent
 * task in the provider's inbox → agree → granted. Times the whole lifecycle,
 * each stage, and each decision's round trip.
 */
import { call, RS_PAYLOAD, type Instance, type Sessions } from '../cluster/lifecycle-load';
import type { LifecycleTimes } from './bare/driver';

/** How often a client looks at its inbox while a task is not there yet. */
export const INBOX_POLL_MS = 25;

export interface AppLifecycleTimes extends LifecycleTimes {
  filing: number;
  toInbox: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function openTask(i: Instance, cookie: string, caseId: string, step: string): Promise<{ id: string }> {
  const until = Date.now() + 30_000;
  for (;;) {
    const r = await call(i, cookie, 'GET', `/tasks?status=open&step=${step}&caseId=${encodeURIComponent(caseId)}`);
    if (r.status !== 200) throw new Error(`inbox ${step}: ${r.status} ${r.text.slice(0, 300)}`);
    const task = (r.body.items as { id: string; caseId: string; step: string }[]).find((t) => t.caseId === caseId && t.step === step);
    if (task) return task;
    if (Date.now() > until) throw new Error(`no open ${step} task on ${caseId} after 30 s`);
    await sleep(INBOX_POLL_MS);
  }
}

export async function appLifecycle(api: Instance, s: Sessions): Promise<AppLifecycleTimes> {
  const t0 = performance.now();
  const filed = await call(api, s.applicant, 'POST', '/cases', { type: 'restricted-share', payload: RS_PAYLOAD });
  const filing = performance.now() - t0;
  if (filed.status !== 201) throw new Error(`filing: ${filed.status} ${filed.text.slice(0, 300)}`);
  const caseId = filed.body.id as string;
  const review = await openTask(api, s.reviewer, caseId, 'bdb-review');
  const toInbox = performance.now() - t0 - filing;
  const decisions: number[] = [];
  let t = performance.now();
  const approved = await call(api, s.reviewer, 'POST', `/tasks/${review.id}/decision`, { decision: 'approve' });
  decisions.push(performance.now() - t);
  if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${approved.text.slice(0, 300)}`);
  const consent = await openTask(api, s.provider, caseId, 'provider-consent');
  t = performance.now();
  const agreed = await call(api, s.provider, 'POST', `/tasks/${consent.id}/decision`, { decision: 'agree' });
  decisions.push(performance.now() - t);
  if (agreed.body?.case?.status !== 'granted') throw new Error(`agree did not grant: ${agreed.status} ${agreed.text.slice(0, 300)}`);
  return { lifecycle: performance.now() - t0, decisions, filing, toInbox };
}
