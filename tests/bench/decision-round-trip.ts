/**
 * `npm run bench`: how long people wait on the restricted-share procedure —
 * filing, the first task reaching the inbox, and a decision's round trip
 * (POST → the workflow's Update accepted → projection written → answer).
 * Starts a throwaway stack unless BASE_URL points at a running one.
 *   npm run bench -- 50      (cases; default 30)
 */
import path from 'node:path';
import fs from 'node:fs';
import { startStack, type Stack } from '../../scripts/lib/stack';
import { prepareDatabase } from '../../scripts/prepare-database';
import { projectRoot } from '../../config/env';

const n = Number(process.argv[2] ?? 30);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const report = (name: string, xs: number[]) =>
  console.log(`${name.padEnd(38)} p50 ${pct(xs, 50).toFixed(0).padStart(5)} ms   p95 ${pct(xs, 95).toFixed(0).padStart(5)} ms   max ${Math.max(...xs).toFixed(0).padStart(5)} ms`);

async function main() {
  let stack: Stack | undefined;
  let base = process.env.BASE_URL;
  if (!base) {
    const dir = path.join(projectRoot, 'tests', '.tmp', `bench-${Date.now()}`);
    fs.mkdirSync(dir, { recursive: true });
    const databaseUrl = `file:${path.join(dir, 'bench.db')}`;
    await prepareDatabase(databaseUrl, { seed: true });
    stack = await startStack({ port: 3990, databaseUrl, dataDir: dir, temporalPort: 7990, uiPort: null, temporalDbFile: null, taskQueue: 'yongshu-bench', web: 'none', log: () => undefined });
    base = stack.baseUrl;
  }
  process.env.BASE_URL = base;
  const { as, rsPayload, openTask } = await import('../integration/client');
  try {
    const [amr, reviewer, psb] = await Promise.all([as('amr.applicant'), as('bdb.reviewer'), as('psb.provider')]);
    const filing: number[] = [];
    const toInbox: number[] = [];
    const approve: number[] = [];
    const agree: number[] = [];
    for (let i = 0; i < n; i++) {
      let t = performance.now();
      const filed = await amr.post('/cases', { type: 'restricted-share', payload: rsPayload() });
      filing.push(performance.now() - t);
      if (filed.status !== 201) throw new Error(`filing failed: ${filed.text}`);
      t = performance.now();
      const review = await openTask(reviewer, filed.body.id, 'bdb-review');
      toInbox.push(performance.now() - t);
      t = performance.now();
      const a = await reviewer.post(`/tasks/${review.id}/decision`, { decision: 'approve' });
      approve.push(performance.now() - t);
      if (a.status !== 200) throw new Error(`approve failed: ${a.text}`);
      const consent = await openTask(psb, filed.body.id, 'provider-consent');
      t = performance.now();
      const g = await psb.post(`/tasks/${consent.id}/decision`, { decision: 'agree' });
      agree.push(performance.now() - t);
      if (g.body?.case?.status !== 'granted') throw new Error(`agree did not grant: ${g.text}`);
    }
    console.log(`\nrestricted-share, ${n} cases, against ${base}`);
    report('POST /cases (201)', filing);
    report('filed → bdb-review task in the inbox', toInbox);
    report('decision approve (Update + projection)', approve);
    report('decision agree → granted', agree);
  } finally {
    await stack?.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
