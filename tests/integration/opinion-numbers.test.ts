/**
 * Opinion numbers 甬数审〔YYYY〕N号 (Art. 9): per year, consecutive from 1, never
 * reused or skipped — when two reviewers approve many cases at the same moment
 * through the API, and at the allocator itself: a retried allocation for the
 * same deciding task gets its first number, concurrent ones get distinct
 * consecutive numbers. Runs on SQLite and on PostgreSQL (`npm test -- postgres`).
 */
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { as, type Client, type Json, openTask } from './client';
import { createDb, type Db } from '../../db/client';
import { createOpinionsRepository } from '../../db/repositories/opinions.repository';
import { shanghaiYear } from '../../domain/cases/it-project/opinion';

let amr: Client;
let reviewers: Client[];
let db: Db;

before(async () => {
  [amr, ...reviewers] = await Promise.all([as('amr.applicant'), as('bdb.reviewer'), as('bdb.reviewer2')]);
  assert.ok(process.env.DATABASE_URL, 'DATABASE_URL is set by npm test');
  db = createDb(process.env.DATABASE_URL);
});
after(async () => {
  await db?.$disconnect();
});

const project = () => ({
  projectName: `并发审核项目 ${crypto.randomUUID().slice(0, 8)}`,
  investmentWan: 100,
  content: '建设内容',
  buildsOwnCloudOrDataCenter: false,
  dataCatalog: [{ name: '项目数据', dataItems: ['字段'], shareClass: 'unconditional', openClass: 'none' }],
  sharingPlan: '按目录共享',
  plannedCompletion: '2027-12-31',
});
async function file(): Promise<string> {
  const r = await amr.post('/cases', { type: 'it-project', payload: project() });
  assert.equal(r.status, 201, r.text);
  return r.body.id as string;
}
const seqOf = (number: string) => Number(/〔\d{4}〕(\d+)号$/.exec(number)?.[1]);

/** Every number of the year so far is 1..N: none skipped, none twice. */
async function assertConsecutive(year: number): Promise<number[]> {
  const rows = await db.opinion.findMany({ where: { year }, select: { seq: true, number: true }, orderBy: { seq: 'asc' } });
  assert.deepEqual(rows.map((r) => r.seq), rows.map((_, i) => i + 1), 'numbers of the year are 1..N');
  assert.deepEqual(rows.map((r) => seqOf(r.number)), rows.map((r) => r.seq));
  const counter = await db.opinionCounter.findUnique({ where: { year } });
  assert.equal(counter?.last, rows.length, 'the counter stands at the last number issued');
  return rows.map((r) => r.seq);
}

describe('opinion numbers', () => {
  test('20 cases approved at once by two reviewers: 20 distinct numbers, the year consecutive from 1', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, file));
    const tasks = await Promise.all(ids.map((id, i) => openTask(reviewers[i % 2]!, id, 'bdb-review', 30_000)));
    const answers = await Promise.all(
      tasks.map((t, i) => reviewers[i % 2]!.post(`/tasks/${t.id}/decision`, i % 3 === 0 ? { decision: 'approve-with-conditions', conditions: '按期接入平台' } : { decision: 'approve' })),
    );
    for (const r of answers) assert.equal(r.status, 200, r.text);
    const numbers = answers.map((r) => (r.body.case as Json).outcome.opinion.number as string);
    assert.equal(new Set(numbers).size, 20, `distinct: ${numbers.join(' ')}`);
    const year = Number(/〔(\d{4})〕/.exec(numbers[0]!)![1]);
    const all = await assertConsecutive(year);
    for (const n of numbers) assert.ok(all.includes(seqOf(n)));
    // Each number is the one the database holds for the deciding task.
    const rows = await db.opinion.findMany({ where: { taskId: { in: tasks.map((t) => t.id as string) } } });
    assert.deepEqual(rows.map((r) => r.number).sort(), [...numbers].sort());
  });

  test('the allocator: a retry for the same task gets the same number; many tasks at once get distinct consecutive ones', async () => {
    const caseId = await file();
    const opinions = createOpinionsRepository(db);
    const decidedAt = new Date();
    const year = shanghaiYear(decidedAt);
    const request = (taskId: string) => ({ taskId, caseId, decision: 'approve' as const, decidedAt });
    const first = await opinions.allocate(request(`${caseId}-alloc-retry`));
    const retry = await opinions.allocate(request(`${caseId}-alloc-retry`));
    assert.deepEqual(retry, first, 'a retried activity gets the same number');
    const next = await opinions.allocate(request(`${caseId}-alloc-next`));
    assert.equal(next.seq, first.seq + 1, 'the retry skipped nothing');

    const many = await Promise.all(Array.from({ length: 25 }, (_, i) => opinions.allocate(request(`${caseId}-alloc-${i}`))));
    const again = await Promise.all(Array.from({ length: 25 }, (_, i) => opinions.allocate(request(`${caseId}-alloc-${i}`))));
    assert.deepEqual(again, many, 'concurrent retries get the numbers already given');
    const seqs = many.map((o) => o.seq).sort((a, b) => a - b);
    assert.deepEqual(seqs, seqs.map((_, i) => seqs[0]! + i), 'consecutive');
    assert.ok(seqs[0]! > next.seq);
    await assertConsecutive(year);
    // Clean up the case this test filed: it stays an ordinary withdrawn case.
    await (await as('amr.applicant')).post(`/cases/${caseId}/withdraw`, {});
  });
});
