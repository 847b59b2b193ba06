/**
 * An IT project lives for months, so its workflow continues as new (kernel,
 * ARCHITECTURE "The procedure kernel"): here one started with a small
 * `limits.continueAsNewAtHistoryLength` continues in the middle of the
 * completion wait, and stays ONE case in every view — the case page (one
 * history, no entry twice), the inbox (the same task, decided across runs) and
 * GET /admin/cases/{id}/timeline, which follows every run.
 */
import crypto from 'node:crypto';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { as, caseOf, type Client, decide, type Json, openTask, waitFor } from './client';
import { createDb, type Db } from '../../db/client';
import type { ItCaseInput } from '../../workflows/it-project.types';
import { itProjectPayloadSchema } from '../../domain/cases/it-project/payload';

let amr: Client;
let reviewer: Client;
let admin: Client;
let db: Db;
let connection: Connection;
let temporal: TemporalClient;
const CODE = `NB-AMR-LR${crypto.randomInt(1e6)}`;

before(async () => {
  [amr, reviewer, admin] = await Promise.all([as('amr.applicant'), as('bdb.reviewer'), as('admin')]);
  for (const v of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_TASK_QUEUE']) assert.ok(process.env[v], `${v} is set by npm test`);
  db = createDb(process.env.DATABASE_URL!);
  connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  temporal = new TemporalClient({ connection });
  await db.resource.create({
    data: { code: CODE, name: '长期项目数据', system: '项目系统', dataItems: ['字段'], storageFormat: '数据库', shareClass: 'unconditional', openClass: 'none', provisionMethod: '接口', updateCycle: 'daily', sharePeriodDays: 365, providerId: 'amr', lastUpdatedAt: new Date() },
  });
});
after(async () => {
  await db?.$disconnect();
  await connection?.close();
});

test('a case that continued as new mid-wait is one case: one history, the same task, every run on the timeline', async () => {
  const id = `IT-LONGRUN-${crypto.randomBytes(4).toString('hex').toUpperCase()}`;
  const workflowId = `it-project-${id}`;
  const payload = itProjectPayloadSchema.parse({
    projectName: '长期建设项目',
    investmentWan: 500,
    content: '分期建设',
    buildsOwnCloudOrDataCenter: false,
    dataCatalog: [{ name: '项目数据', dataItems: ['字段'], shareClass: 'unconditional', openClass: 'none' }],
    sharingPlan: '按目录共享',
    plannedCompletion: '2027-12-31',
  });
  // Filed as the API files it (the row, then the workflow), but with a small history limit.
  await db.case.create({ data: { id, type: 'it-project', status: 'in-progress', title: `信息化项目审核：${payload.projectName}`, applicantOrgId: 'amr', payload, workflowId } });
  const amrActor = { id: 'u-amr', name: '测试', orgId: 'amr', orgName: '宁波市市场监督管理局', roles: ['applicant'] };
  const input: ItCaseInput = {
    caseId: id,
    filedAt: new Date().toISOString(),
    applicant: { orgId: 'amr', orgName: '宁波市市场监督管理局', actor: amrActor },
    payload,
    resources: [],
    parties: { bdbOrgId: 'bdb', bdbName: '宁波市大数据发展管理局' },
    recipients: [{ orgId: 'ndrc', orgName: '宁波市发展和改革委员会' }],
    limits: { continueAsNewAtHistoryLength: 25 },
  };
  const handle = await temporal.workflow.start('itProjectWorkflow', { taskQueue: process.env.TEMPORAL_TASK_QUEUE!, workflowId, args: [input] });

  await decide(reviewer, (await openTask(reviewer, id, 'bdb-review')).id, { decision: 'approve' });
  const report = await openTask(amr, id, 'owner-report-completion');
  await waitFor('a second run', async () => (await handle.describe()).runId !== handle.firstExecutionRunId);

  // The same task, decided in the new run; the case goes on to accepted.
  await decide(amr, report.id, { decision: 'complete', registeredResources: [CODE] });
  const done = await decide(reviewer, (await openTask(reviewer, id, 'bdb-acceptance')).id, { decision: 'accept' });
  assert.equal(done.status, 'accepted');

  const c = await caseOf(admin, id);
  const actions = c.history.map((h: Json) => h.action);
  assert.ok(actions.includes('continued-as-new'), actions.join(' '));
  for (const once of ['filed', 'opinion-issued', 'acceptance-checked', 'case-accepted']) assert.equal(actions.filter((a: string) => a === once).length, 1, `${once} once`);
  assert.equal(await db.historyEntry.count({ where: { caseId: id } }), c.history.length, 'no history row twice');
  assert.deepEqual(c.tasks.map((t: Json) => t.step), ['bdb-review', 'owner-report-completion', 'bdb-acceptance']);

  const timeline = await admin.get(`/admin/cases/${id}/timeline`);
  assert.equal(timeline.status, 200, timeline.text);
  const runs = timeline.body.workflow.runs as Json[];
  assert.ok(runs.length >= 2, `runs: ${runs.length}`);
  assert.equal(runs[0].runId, handle.firstExecutionRunId, 'the first run first');
  assert.equal(runs.at(-1).runId, timeline.body.workflow.runId);
  assert.equal(timeline.body.history.length, c.history.length);
});
