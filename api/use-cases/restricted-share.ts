/**
 * The restricted-share use cases: file a request, decide a task, withdraw,
 * revoke a grant. Each validates at the edge, authorises against the caller's
 * organisation and role, and hands the decision to the workflow — answering
 * only once the workflow has taken it.
 */
import crypto from 'node:crypto';
import type { Principal } from '../../domain/auth/principal';
import { AppError } from '../../domain/errors';
import { decisionBodySchema, missingDecisionFields } from '../../domain/cases/restricted-share/decisions';
import { caseTitle, checkRestrictedShareRules, restrictedSharePayloadSchema, type RestrictedSharePayload } from '../../domain/cases/restricted-share/payload';
import type { RsStep } from '../../domain/cases/restricted-share/steps';
import type { CaseDetailView } from '../../domain/views';
import { calendarPublishedSignal, decideUpdate, revokeGrantUpdate, withdrawUpdate } from '../../workflows/kernel/messages';
import type { RsActor, RsCaseInput, RsResourceFacts } from '../../workflows/restricted-share.types';
import { parseOrThrow } from '../validate';
import type { ApiDeps } from '../deps';
import { fromWorkflowError } from './workflow-errors';
import { isUniqueViolation } from '../../db/errors';
import { failpoint } from '../failpoints';
import { startCaseWorkflow } from './case-starts';

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

/**
 * Files a case: the row first (pending), then the workflow. A start that fails
 * or times out keeps the row; the reconciler (case-starts.ts) asks Temporal
 * and starts it or marks it failed. A retry of the same keyed request finds the
 * row and makes sure its workflow runs.
 */
export async function fileRestrictedShare(deps: ApiDeps, p: Principal, rawPayload: unknown, idempotencyKey?: string): Promise<{ id: string; workflowId: string; status: string }> {
  if (!p.roles.includes('applicant')) throw new AppError('forbidden', '受限共享申请须由市级行政机关或区县（市）大数据主管部门提出（第17条）');
  const { payload, resources } = await checkRestrictedSharePayload(deps, rawPayload);
  const id = newCaseId('RS', idempotencyKey ? `${p.kind}:${p.id}:${idempotencyKey}` : undefined);
  const workflowId = `restricted-share-${id}`;
  const title = caseTitle(payload, new Map(resources.map((r) => [r.code, r.name])));
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
    await deps.repos.caseStarts.createPending({ id, type: 'restricted-share', title, applicantOrgId: p.org.id, applicantUserId: p.kind === 'user' ? p.id : null, payload, workflowId, startInput: input });
  } catch (e) {
    // A retry of the same keyed request filed it already: that case is the answer, once its workflow runs.
    const existing = isUniqueViolation(e) ? await deps.repos.cases.find(id) : null;
    if (!existing) throw e;
    if (existing.startState === 'pending') await startOrExplain(deps, id, workflowId, existing.startInput);
    return { id, workflowId: existing.workflowId, status: existing.status };
  }
  failpoint('file:before-start');
  await startOrExplain(deps, id, workflowId, input);
  // The filing's audit entry is written by the workflow with its first record ('case-file').
  return { id, workflowId, status: 'in-progress' };
}

async function startOrExplain(deps: ApiDeps, id: string, workflowId: string, input: unknown): Promise<void> {
  try {
    await startCaseWorkflow(deps, { id, type: 'restricted-share', workflowId, startInput: input });
  } catch (e) {
    await deps.repos.caseStarts.recordStartError(id, (e as Error).message);
    throw new AppError('unavailable', `办件 ${id} 已保存，但流程引擎暂不可用；系统将自动重试启动，无需重新提交（使用同一 Idempotency-Key 重试可得到该办件）`, { caseId: id });
  }
}

/**
 * Decides a task. `requestId` identifies the request across retries (api/idempotency.ts):
 * it is the Update id and is stored with the decision, so a retry whose first attempt
 * took effect — before a crash lost its answer — is answered with that result, and any
 * other request on a decided task gets 409. One decision, one audit entry (written by
 * the projection with the decision itself).
 */
export async function decideRestrictedShareTask(deps: ApiDeps, p: Principal, taskId: string, rawBody: unknown, requestId: string): Promise<CaseDetailView> {
  const task = await deps.repos.cases.task(taskId);
  // Only the caller's organisation and roles see a task: anyone else is told it does not exist.
  if (!task || task.assigneeOrgId !== p.org.id || !p.roles.includes(task.assigneeRole as never)) throw new AppError('not_found', '没有这个待办任务');
  const detail = async () => (await deps.repos.cases.detail(task.caseId, p))!;
  const decidedByThisRequest = async () => (await deps.repos.cases.task(taskId))?.decisionRequestId === requestId;
  if (task.status !== 'open') {
    if (task.decisionRequestId === requestId) return detail(); // a retry of the request that decided it
    throw new AppError('conflict', '该任务已处理或已关闭');
  }
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
  failpoint('decision:before-update');
  try {
    // The Update id is the request's: a retry of this request joins (or reads) the same Update; another request is refused by the workflow.
    await handle.executeUpdate(decideUpdate, {
      // The workflow re-checks a resubmit's payload (missingDecisionFields): send the checked one, not the raw input.
      args: [{ taskId, requestId, actor: actorOf(p), decision: { ...body, payload: amended?.payload }, amended }],
      updateId: `decide-${taskId}-${requestId}`,
    });
  } catch (e) {
    const mapped = e instanceof AppError ? e : fromWorkflowError(e);
    // The workflow ended with this very decision (its Update can no longer be read): the projection knows.
    if (mapped?.code === 'conflict' && (await decidedByThisRequest())) return detail();
    if (mapped) await refuse(mapped);
    throw e;
  }
  failpoint('decision:after-update');
  return detail();
}

/**
 * Sends an Update keyed by the request and, if the workflow refuses it as a
 * conflict, asks the projection whether this very request already took effect
 * (a retry after a crash): then it is a success, otherwise the conflict stands.
 */
async function sendOnce(send: () => Promise<unknown>, tookEffect: () => Promise<boolean>): Promise<void> {
  try {
    await send();
  } catch (e) {
    const mapped = fromWorkflowError(e);
    if (mapped?.code === 'conflict' && (await tookEffect())) return;
    throw mapped ?? e;
  }
}

export async function withdrawRestrictedShare(deps: ApiDeps, p: Principal, caseId: string, reason: string | undefined, requestId: string): Promise<CaseDetailView> {
  const c = await deps.repos.cases.findVisible(caseId, p);
  if (!c) throw new AppError('not_found', '没有这个办件');
  if (c.applicantOrgId !== p.org.id || !p.roles.includes('applicant')) throw new AppError('forbidden', '只有申请单位可以撤回申请');
  const tookEffect = () => deps.repos.requestEffects.inHistory(caseId, 'withdrawn', requestId);
  if (c.status !== 'in-progress') {
    if (await tookEffect()) return (await deps.repos.cases.detail(caseId, p))!;
    throw new AppError('conflict', '办件已办结，不能撤回');
  }
  await sendOnce(
    () => deps.temporal.client.workflow.getHandle(c.workflowId).executeUpdate(withdrawUpdate, { args: [{ actor: actorOf(p), reason, requestId }], updateId: `withdraw-${caseId}-${requestId}` }),
    tookEffect,
  );
  return (await deps.repos.cases.detail(caseId, p))!;
}

export async function revokeGrant(deps: ApiDeps, p: Principal, grantId: string, reason: string, requestId: string): Promise<CaseDetailView> {
  const g = await deps.repos.cases.grant(grantId);
  if (!g) throw new AppError('not_found', '没有这个访问权限');
  const tookEffect = () => deps.repos.requestEffects.inHistory(g.caseId, 'grant-revoked', requestId);
  if (g.status !== 'active') {
    if (await tookEffect()) return (await deps.repos.cases.detail(g.caseId, p))!;
    throw new AppError('conflict', '该访问权限已结束');
  }
  await sendOnce(
    () =>
      deps.temporal.client.workflow
        .getHandle(g.case.workflowId)
        .executeUpdate(revokeGrantUpdate, { args: [{ grantId, actor: actorOf(p), reason, requestId }], updateId: `revoke-${grantId}-${requestId}` }),
    tookEffect,
  );
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
