/**
 * The restricted-share use cases: file a request, decide a task, withdraw,
 * revoke a grant. Each validates at the edge, authorises against the caller's
 * organisation and role, and hands the decision to the workflow — answering
 * only once the workflow has taken it.
 */
import crypto from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Principal } from '../../domain/auth/principal';
import { AppError } from '../../domain/errors';
import { decisionBodySchema, missingDecisionFields } from '../../domain/cases/restricted-share/decisions';
import { caseTitle, checkRestrictedShareRules, restrictedSharePayloadSchema, type RestrictedSharePayload } from '../../domain/cases/restricted-share/payload';
import type { RsStep } from '../../domain/cases/restricted-share/steps';
import type { CaseDetailView } from '../../domain/views';
import { calendarPublishedSignal, decideUpdate, revokeGrantUpdate, withdrawUpdate } from '../../workflows/restricted-share.messages';
import type { RsActor, RsCaseInput, RsResourceFacts } from '../../workflows/restricted-share.types';
import { parseOrThrow } from '../validate';
import type { ApiDeps } from '../deps';
import { fromWorkflowError } from './workflow-errors';
import { isUniqueViolation } from '../../db/errors';

export const RESTRICTED_SHARE_WORKFLOW = 'restrictedShareWorkflow';

const actorOf = (p: Principal): RsActor => ({ id: p.id, name: p.name, orgId: p.org.id, orgName: p.org.name, roles: p.roles });

/** A readable case number; derived from the Idempotency-Key when there is one, so a retry names the same case. */
function newCaseId(prefix: string, idempotencyScope?: string): string {
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  const tail = idempotencyScope
    ? crypto.createHash('sha256').update(idempotencyScope).digest('hex').slice(0, 8)
    : crypto.randomBytes(4).toString('hex');
  return `${prefix}-${day}-${tail.toUpperCase()}`;
}

/** Shape, then the regulation's rules against the catalog; returns the payload and its resources' facts. */
export async function checkRestrictedSharePayload(deps: ApiDeps, raw: unknown, fieldPrefix = ''): Promise<{ payload: RestrictedSharePayload; resources: RsResourceFacts[] }> {
  const r = restrictedSharePayloadSchema.safeParse(raw);
  if (!r.success) {
    const err = (() => {
      try {
        parseOrThrow(restrictedSharePayloadSchema, raw, '申请内容');
      } catch (e) {
        return e as AppError;
      }
      return new AppError('validation_failed', '申请内容有误');
    })();
    const fields = Object.fromEntries(Object.entries(err.fields ?? {}).map(([k, v]) => [`${fieldPrefix}${k}`, v]));
    // The undertaking is a rule of Art. 20, not only a checkbox: say so.
    const article = fields[`${fieldPrefix}undertaking`] ? '第20条' : undefined;
    throw new AppError('validation_failed', err.message, fields, article);
  }
  const payload = r.data;
  const catalog = await deps.repos.catalog.getMany(payload.resources);
  const refusal = checkRestrictedShareRules(payload, catalog);
  if (refusal) {
    const fields = Object.fromEntries(Object.entries(refusal.fields).map(([k, v]) => [`${fieldPrefix}${k}`, v]));
    throw new AppError('rule_refused', refusal.message, fields, refusal.article);
  }
  const resources = payload.resources.map((code) => {
    const c = catalog.find((x) => x.code === code)!;
    return { code, name: c.name, shareClass: c.shareClass, providerId: c.provider.id, providerName: c.provider.name, sharePeriodDays: c.sharePeriodDays };
  });
  return { payload, resources };
}

export async function fileRestrictedShare(deps: ApiDeps, p: Principal, rawPayload: unknown, idempotencyKey?: string): Promise<{ id: string; workflowId: string; status: string }> {
  if (!p.roles.includes('applicant')) throw new AppError('forbidden', '受限共享申请须由市级行政机关或区县（市）大数据主管部门提出（第17条）');
  const { payload, resources } = await checkRestrictedSharePayload(deps, rawPayload);
  const id = newCaseId('RS', idempotencyKey ? `${p.kind}:${p.id}:${idempotencyKey}` : undefined);
  const workflowId = `restricted-share-${id}`;
  const title = caseTitle(payload, new Map(resources.map((r) => [r.code, r.name])));
  try {
    await deps.repos.cases.create({ id, type: 'restricted-share', title, applicantOrgId: p.org.id, applicantUserId: p.kind === 'user' ? p.id : null, payload, workflowId });
  } catch (e) {
    // A retry of the same keyed request filed it already: that case is the answer.
    const existing = isUniqueViolation(e) ? await deps.repos.cases.find(id) : null;
    if (existing) return { id, workflowId: existing.workflowId, status: existing.status };
    throw e;
  }
  const input: RsCaseInput = {
    caseId: id,
    filedAt: new Date().toISOString(),
    applicant: { orgId: p.org.id, orgName: p.org.name, actor: actorOf(p) },
    payload,
    resources,
    parties: { bdbOrgId: await deps.repos.cases.bdbOrgId(), leadershipOrgId: await deps.repos.cases.leadershipOrgId() },
  };
  input.orgNames = await deps.repos.cases.orgNamesOf([input.parties.bdbOrgId, input.parties.leadershipOrgId, p.org.id, ...resources.map((r) => r.providerId)]);
  try {
    await deps.temporal.client.workflow.start(RESTRICTED_SHARE_WORKFLOW, {
      workflowId,
      taskQueue: deps.temporal.settings.taskQueue,
      args: [input],
    });
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) {
      await deps.repos.cases.remove(id); // nothing ran: leave no orphan case
      throw new AppError('unavailable', `流程引擎暂不可用，申请未提交，请稍后重试（${(e as Error).message}）`);
    }
  }
  await deps.repos.audit.append({ actor: p.name, actorOrg: p.org.name, action: 'case-file', target: `case:${id}`, detail: { type: 'restricted-share', resources: payload.resources } });
  return { id, workflowId, status: 'in-progress' };
}

export async function decideRestrictedShareTask(deps: ApiDeps, p: Principal, taskId: string, rawBody: unknown): Promise<CaseDetailView> {
  const task = await deps.repos.cases.task(taskId);
  // Only the caller's organisation and roles see a task: anyone else is told it does not exist.
  if (!task || task.assigneeOrgId !== p.org.id || !p.roles.includes(task.assigneeRole as never)) throw new AppError('not_found', '没有这个待办任务');
  if (task.status !== 'open') throw new AppError('conflict', '该任务已处理或已关闭');
  const body = parseOrThrow(decisionBodySchema, rawBody, '决定内容');
  const missing = missingDecisionFields(task.step as RsStep, body);
  const refuse = async (err: AppError): Promise<never> => {
    // A refused Update leaves no trace in Temporal's history: the audit log keeps it.
    await deps.repos.audit.append({ actor: p.name, actorOrg: p.org.name, action: 'decision-refused', target: `task:${taskId}`, detail: { decision: body.decision, reason: err.message } });
    throw err;
  };
  if (missing) await refuse(new AppError('rule_refused', missing.message, missing.fields, missing.article));
  const amended = body.decision === 'resubmit' ? await checkRestrictedSharePayload(deps, body.payload, 'payload.').catch(refuse) : undefined;

  const handle = deps.temporal.client.workflow.getHandle(task.case.workflowId);
  try {
    // One update id per task: a decision sent twice (double click, retry) takes effect once.
    const result = await handle.executeUpdate(decideUpdate, {
      // The workflow re-checks a resubmit's payload (missingDecisionFields): send the checked one, not the raw input.
      args: [{ taskId, actor: actorOf(p), decision: { ...body, payload: amended?.payload }, amended }],
      updateId: `decide-${taskId}`,
    });
    if (result.decision !== body.decision) throw new AppError('conflict', '该任务已由他人作出其他决定');
  } catch (e) {
    const mapped = e instanceof AppError ? e : fromWorkflowError(e);
    if (mapped) await refuse(mapped);
    throw e;
  }
  await deps.repos.audit.append({ actor: p.name, actorOrg: p.org.name, action: 'decision', target: `task:${taskId}`, detail: { case: task.caseId, step: task.step, decision: body.decision } });
  return (await deps.repos.cases.detail(task.caseId, p))!;
}

export async function withdrawRestrictedShare(deps: ApiDeps, p: Principal, caseId: string, reason?: string): Promise<CaseDetailView> {
  const c = await deps.repos.cases.findVisible(caseId, p);
  if (!c) throw new AppError('not_found', '没有这个办件');
  if (c.applicantOrgId !== p.org.id || !p.roles.includes('applicant')) throw new AppError('forbidden', '只有申请单位可以撤回申请');
  if (c.status !== 'in-progress') throw new AppError('conflict', '办件已办结，不能撤回');
  try {
    await deps.temporal.client.workflow.getHandle(c.workflowId).executeUpdate(withdrawUpdate, { args: [{ actor: actorOf(p), reason }], updateId: `withdraw-${caseId}` });
  } catch (e) {
    throw fromWorkflowError(e) ?? e;
  }
  await deps.repos.audit.append({ actor: p.name, actorOrg: p.org.name, action: 'case-withdraw', target: `case:${caseId}` });
  return (await deps.repos.cases.detail(caseId, p))!;
}

export async function revokeGrant(deps: ApiDeps, p: Principal, grantId: string, reason: string): Promise<CaseDetailView> {
  const g = await deps.repos.cases.grant(grantId);
  if (!g) throw new AppError('not_found', '没有这个访问权限');
  if (g.status !== 'active') throw new AppError('conflict', '该访问权限已结束');
  try {
    await deps.temporal.client.workflow.getHandle(g.case.workflowId).executeUpdate(revokeGrantUpdate, { args: [{ grantId, actor: actorOf(p), reason }], updateId: `revoke-${grantId}` });
  } catch (e) {
    throw fromWorkflowError(e) ?? e;
  }
  await deps.repos.audit.append({ actor: p.name, actorOrg: p.org.name, action: 'grant-revoke', target: `grant:${grantId}`, detail: { reason } });
  return (await deps.repos.cases.detail(g.caseId, p))!;
}

/** After a calendar year is published, running cases with deadlines in it re-plan (PROCEDURES §2). */
export async function replanRunningCases(deps: ApiDeps, year: number): Promise<{ signalled: number }> {
  const cases = await deps.repos.cases.casesWithDeadlinesIn(year);
  let signalled = 0;
  for (const c of cases) {
    if (c.type !== 'restricted-share') continue;
    try {
      await deps.temporal.client.workflow.getHandle(c.workflowId).signal(calendarPublishedSignal, { year });
      signalled++;
    } catch (e) {
      if (!fromWorkflowError(e)) throw e; // a case that just ended needs no re-plan
    }
  }
  return { signalled };
}
