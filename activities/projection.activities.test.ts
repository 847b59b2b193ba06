/**
 * The projection writes a batch's new tasks and history entries with one
 * insert each (not a look-up, an insert and a read-back per row): a task opened
 * and closed in the same batch still ends closed, and a retried batch — or one
 * re-sent with different text for rows it already wrote — writes nothing twice
 * and leaves every row as first written.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '../db/client';
import { toJson } from '../db/json';
import { prepareDatabase } from '../scripts/prepare-database';
import { createPlanAhead } from './deadline.activities';
import { createProjectionActivities } from './projection.activities';
import type { ProjectionOp } from '../domain/cases/projection';

const CASE = 'PROJ-1';
let dir: string;
let db: Db;
let project: (ops: ProjectionOp[]) => Promise<unknown>;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yongshu-projection-'));
  const url = `file:${path.join(dir, 'projection.db')}`;
  await prepareDatabase(url, { seed: false });
  db = createDb(url);
  project = createProjectionActivities(db, Buffer.alloc(32, 7), createPlanAhead(async () => [])).project;
  await db.organisation.create({ data: { id: 'proj-org', name: '机构', kind: 'agency' } });
  await db.case.create({
    data: { id: CASE, type: 'restricted-share', status: 'in-progress', title: '办件', applicantOrgId: 'proj-org', payload: toJson({}), workflowId: 'wf-proj', createdAt: new Date('2026-10-12T10:00:00+08:00') },
  });
});

after(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

const AT = '2026-10-12T02:00:00.000Z';
const open = (id: string): ProjectionOp => ({
  op: 'task-open',
  id,
  caseId: CASE,
  step: 'bdb-review',
  assigneeOrgId: 'proj-org',
  assigneeRole: 'bdb-reviewer',
  decisions: ['approve', 'return'],
  dueAt: null,
  provisional: false,
  createdAt: AT,
});
const entry = (n: number, comment: string, taskId?: string): ProjectionOp => ({
  op: 'history',
  key: `${CASE}-h${n}`,
  caseId: CASE,
  at: AT,
  actor: { id: null, name: '系统', orgId: null },
  action: 'step-opened',
  step: 'bdb-review',
  comment,
  ...(taskId ? { data: { taskId } } : {}),
});
const history = async () => (await db.historyEntry.findMany({ where: { caseId: CASE }, orderBy: { key: 'asc' } })).map((h) => [h.key, h.comment, h.taskId]);

test('a batch opens tasks, closes one of them and records its history, in one transaction', async () => {
  await project([
    entry(1, '受理', 'PROJ-1-t1'),
    open('PROJ-1-t1'),
    { op: 'task-close', id: 'PROJ-1-t1', status: 'cancelled', completedAt: AT },
    open('PROJ-1-t2'),
    entry(2, '待审核'),
  ]);
  const tasks = await db.task.findMany({ where: { caseId: CASE }, orderBy: { id: 'asc' } });
  assert.deepEqual(
    tasks.map((t) => [t.id, t.status]),
    [
      ['PROJ-1-t1', 'cancelled'],
      ['PROJ-1-t2', 'open'],
    ],
  );
  assert.deepEqual(await history(), [
    [`${CASE}-h1`, '受理', 'PROJ-1-t1'],
    [`${CASE}-h2`, '待审核', null],
  ]);
});

test('a retried batch writes nothing twice; rows already written stay as first written, new ones are added', async () => {
  await project([entry(2, '另一段文字'), open('PROJ-1-t2'), entry(3, '新的一条'), open('PROJ-1-t3'), entry(3, '同批重复')]);
  assert.deepEqual(await history(), [
    [`${CASE}-h1`, '受理', 'PROJ-1-t1'],
    [`${CASE}-h2`, '待审核', null],
    [`${CASE}-h3`, '新的一条', null],
  ]);
  assert.deepEqual((await db.task.findMany({ where: { caseId: CASE }, orderBy: { id: 'asc' } })).map((t) => [t.id, t.status]), [
    ['PROJ-1-t1', 'cancelled'],
    ['PROJ-1-t2', 'open'],
    ['PROJ-1-t3', 'open'],
  ]);
});
