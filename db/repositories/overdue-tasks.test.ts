/**
 * The BDB's overdue view on a throwaway SQLite database, with rows inserted
 * around the 2026 National Day holiday and a clock of the test's choosing:
 * which tasks it lists, how late each is in working days, most late first,
 * and paging through it row by row.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '../client';
import { toJson } from '../json';
import { prepareDatabase } from '../../scripts/prepare-database';
import { createCasesRepository } from './cases.repository';
import type { OverdueTaskCursor } from '../../domain/paging';

// Friday 2026-10-16, 10:00 Shanghai.
const NOW = new Date('2026-10-16T10:00:00+08:00');

let dir: string;
let db: Db;
let cases: ReturnType<typeof createCasesRepository>;
let orgA: { id: string; name: string };
let orgB: { id: string; name: string };

interface Row {
  id: string;
  org: { id: string };
  dueAt: string | null;
  createdAt: string;
  status?: 'open' | 'done';
  overdueSince?: string;
}

async function insert(rows: Row[]): Promise<void> {
  for (const r of rows) {
    await db.case.create({
      data: {
        id: `case-${r.id}`,
        type: 'restricted-share',
        status: 'in-progress',
        title: `办件 ${r.id}`,
        applicantOrgId: orgA.id,
        payload: toJson({}),
        workflowId: `wf-${r.id}`,
        createdAt: new Date(r.createdAt),
      },
    });
    await db.task.create({
      data: {
        id: r.id,
        caseId: `case-${r.id}`,
        step: 'provider-consent',
        assigneeOrgId: r.org.id,
        assigneeRole: 'provider-reviewer',
        status: r.status ?? 'open',
        decisions: toJson(['agree', 'disagree']),
        dueAt: r.dueAt ? new Date(r.dueAt) : null,
        overdueSince: r.overdueSince ? new Date(r.overdueSince) : null,
        createdAt: new Date(r.createdAt),
        completedAt: r.status === 'done' ? new Date(r.createdAt) : null,
      },
    });
  }
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yongshu-overdue-'));
  const url = `file:${path.join(dir, 'overdue.db')}`;
  await prepareDatabase(url, { seed: true });
  db = createDb(url);
  cases = createCasesRepository(db);
  const orgs = await db.organisation.findMany({ orderBy: { name: 'asc' }, take: 2 });
  [orgA, orgB] = orgs.map((o) => ({ id: o.id, name: o.name })) as [typeof orgA, typeof orgB];
  await insert([
    // Last day 09-30: late by 10-08, 10-09, 10-10 (adjusted Saturday), 10-12 … 10-16.
    { id: 't-sept', org: orgB, dueAt: '2026-10-01T00:00:00+08:00', createdAt: '2026-09-23T09:00:00+08:00' },
    // Last day 10-13: late by 10-14, 10-15, 10-16; two rows share the deadline and go by createdAt.
    { id: 't-oct-b', org: orgA, dueAt: '2026-10-14T00:00:00+08:00', createdAt: '2026-09-30T11:00:00+08:00' },
    { id: 't-oct-a', org: orgB, dueAt: '2026-10-14T00:00:00+08:00', createdAt: '2026-09-30T10:00:00+08:00' },
    // Marked overdue by the workflow although its (extended) deadline is ahead: listed, 0 days late.
    { id: 't-marked', org: orgA, dueAt: '2026-10-21T00:00:00+08:00', createdAt: '2026-10-09T10:00:00+08:00', overdueSince: '2026-10-15T00:00:00+08:00' },
    // Not overdue, closed, or without a deadline: not listed.
    { id: 't-ahead', org: orgA, dueAt: '2026-10-21T00:00:00+08:00', createdAt: '2026-10-14T10:00:00+08:00' },
    { id: 't-done', org: orgB, dueAt: '2026-10-01T00:00:00+08:00', createdAt: '2026-09-22T10:00:00+08:00', status: 'done' },
    { id: 't-undated', org: orgB, dueAt: null, createdAt: '2026-09-20T10:00:00+08:00' },
  ]);
});

after(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('every overdue open task across organisations, most late first, with its organisation and working days late', async () => {
  const page = await cases.overdueTasks({ limit: 50, after: null }, NOW);
  assert.equal(page.total, 4);
  assert.equal(page.next, null);
  assert.deepEqual(
    page.items.map((t) => [t.id, t.assignee.org.name, t.workingDaysLate, t.light, t.workingDaysLeft]),
    [
      ['t-sept', orgB.name, 8, 'red', -8],
      ['t-oct-a', orgB.name, 3, 'red', -3],
      ['t-oct-b', orgA.name, 3, 'red', -3],
      ['t-marked', orgA.name, 0, 'red', 2],
    ],
  );
  assert.ok(page.items.every((t) => t.overdue && t.status === 'open'));
});

test('paging one row at a time visits each overdue task once, in order, even when one is added meanwhile', async () => {
  const seen: string[] = [];
  let after: OverdueTaskCursor | null = null;
  let pages = 0;
  do {
    const page: Awaited<ReturnType<typeof cases.overdueTasks>> = await cases.overdueTasks({ limit: 1, after }, NOW);
    seen.push(...page.items.map((t) => t.id));
    after = page.next;
    if (++pages === 2) {
      // Added behind the cursor (earlier deadline) and ahead of it: only the one ahead can still be reached.
      await insert([
        { id: 't-behind', org: orgA, dueAt: '2026-09-01T00:00:00+08:00', createdAt: '2026-08-20T10:00:00+08:00' },
        { id: 't-ahead-of-cursor', org: orgA, dueAt: '2026-10-15T00:00:00+08:00', createdAt: '2026-10-08T10:00:00+08:00' },
      ]);
    }
  } while (after && pages < 10);
  assert.deepEqual(seen, ['t-sept', 't-oct-a', 't-oct-b', 't-ahead-of-cursor', 't-marked']);
});

test('a closed task carries no light and no countdown', async () => {
  const done = await cases.taskView('t-done');
  assert.equal(done?.light, null);
  assert.equal(done?.workingDaysLeft, null);
  assert.equal(done?.overdue, false);
});
