/**
 * Deciding a task, for every step of every procedure: the one place the API
 * sends the `decide` Update. `requestId` identifies the request across retries
 * (api/idempotency.ts): it is the Update id and is stored with the decision, so
 * a retry whose first attempt took effect — before a crash lost its answer — is
 * answered with that result, and any other request on a decided task gets 409.
 * One decision, one audit entry (written by the projection with the decision itself).
 */
import type { Principal } from '../../domain/auth/principal';
import { AppError } from '../../domain/errors';
import type { CaseType } from '../../domain/cases/case-types';
import { decisionBodySchema, missingDecisionFields, procedureSpec, type DecisionBody } from '../../domain/procedures';
import type { CaseDetailView } from '../../domain/views';
import { decideUpdate } from '../../workflows/kernel/messages';
import type { DecideInput } from '../../workflows/kernel/types';
import { extensionRefusal } from '../../domain/cases/problem-data/deadlines';
import { registeredResourcesRefusal, type ItProjectPayload } from '../../domain/cases/it-project/payload';
import { fromJson } from '../../db/json';
import { parseOrThrow } from '../validate';
import type { ApiDeps } from '../deps';
import { failpoint } from '../failpoints';
import { fromWorkflowError } from './workflow-errors';
import { actorOf } from './case-actor';
import { filerOf } from './filers';
import { assertMayDecide, claimOnDecision } from './inbox-actions';

/** Marks the end of a stage of the decision (the route reports them as Server-Timing: where a decision's time goes). */
export type StageMark = (stage: 'task' | 'checked' | 'update' | 'readback') => void;

export async function decideTask(deps: ApiDeps, p: Principal, taskId: string, rawBody: unknown, requestId: string, mark: StageMark = () => undefined): Promise<CaseDetailView> {
  const task = await deps.repos.cases.task(taskId);
  mark('task');
  // Only the caller's organisation and roles see a task: anyone else is told it does not exist.
  if (!task || task.assigneeOrgId !== p.org.id || !p.roles.includes(task.assigneeRole as never)) throw new AppError('not_found', '没有这个待办任务');
  const detail = async () => (await deps.repos.cases.detail(task.caseId, p))!;
  const decidedByThisRequest = async () => (await deps.repos.cases.task(taskId))?.decisionRequestId === requestId;
  if (task.status !== 'open') {
    if (task.decisionRequestId === requestId) return detail(); // a retry of the request that decided it
    throw new AppError('conflict', '该任务已处理或已关闭');
  }
  assertMayDecide(p, task); // claimed by someone else: 409
  const body = parseOrThrow(decisionBodySchema, rawBody, '决定内容');
  const refuse = async (err: AppError): Promise<never> => {
    // A refused Update leaves no trace in Temporal's history: the audit log keeps it.
    await deps.repos.audit.append({ actor: p.name, actorOrg: p.org.name, action: 'decision-refused', target: `task:${taskId}`, detail: { decision: body.decision, reason: err.message } });
    throw err;
  };
  const type = task.case.type as CaseType;
  const missing = missingDecisionFields(procedureSpec(type), task.step, body, fromJson<string[]>(task.decisions));
  if (missing) await refuse(new AppError('rule_refused', missing.message, missing.fields, missing.article));
  // Art. 27 ¶3: an extension past receipt + 60 natural days is refused here, before the BDB is asked (the workflow checks again).
  if (body.decision === 'request-extension' && body.newDueAt) {
    const bad = extensionRefusal({ receivedAt: task.case.createdAt.toISOString(), newDueAt: body.newDueAt, currentDueAt: task.dueAt?.toISOString() });
    if (bad) await refuse(new AppError('rule_refused', bad.message, bad.fields, bad.article));
  }
  // Art. 11: one registered resource per project catalog entry, refused here before the workflow is asked (it checks again).
  if (body.decision === 'complete' && type === 'it-project') {
    const bad = registeredResourcesRefusal(fromJson<Pick<ItProjectPayload, 'dataCatalog'>>(task.case.payload), body.registeredResources);
    if (bad) await refuse(new AppError('rule_refused', bad.message, bad.fields, bad.article));
  }
  const extra = await decisionExtras(deps, type, task.caseId, body).catch(refuse);

  await claimOnDecision(deps, p, task, requestId); // deciding an unclaimed task claims it (and the claim stays if the workflow refuses)
  const handle = deps.temporal.client.workflow.getHandle(task.case.workflowId);
  mark('checked');
  failpoint('decision:before-update');
  try {
    // The Update id is the request's: a retry of this request joins (or reads) the same Update; another request is refused by the workflow.
    const input: DecideInput = { taskId, requestId, actor: actorOf(p), decision: { ...body, payload: extra.amended?.payload }, ...extra };
    await handle.executeUpdate(decideUpdate, { args: [input], updateId: `decide-${taskId}-${requestId}` });
  } catch (e) {
    const mapped = e instanceof AppError ? e : fromWorkflowError(e);
    // The workflow ended with this very decision (its Update can no longer be read): the projection knows.
    if (mapped?.code === 'conflict' && (await decidedByThisRequest())) return detail();
    // 503: the workflow may have taken it (stuck record, aborted Update) — not a refusal; a retry with the key finds out.
    if (mapped?.code === 'unavailable') throw mapped;
    if (mapped) await refuse(mapped);
    throw e;
  }
  mark('update');
  failpoint('decision:after-update');
  const view = await detail();
  mark('readback');
  return view;
}

/** What a decision carries besides its body: a resubmit's checked payload, a signature's text hash. */
async function decisionExtras(deps: ApiDeps, type: CaseType, caseId: string, body: DecisionBody): Promise<Pick<DecideInput, 'amended' | 'signedSha256'>> {
  if (body.decision === 'resubmit') {
    const filer = filerOf(type);
    if (!filer) throw new AppError('rule_refused', '该流程不能重新提交', { decision: '不可重新提交' });
    // The workflow re-checks a resubmit's payload: it gets the checked one, not the raw input.
    return { amended: await filer.amend(deps, body.payload) };
  }
  if (body.decision === 'sign') {
    const agreement = await deps.repos.agreements.forCase(caseId);
    if (!agreement) throw new AppError('conflict', '数据利用协议尚未生成');
    // A signature refers to the exact text: one the signer did not read is not signed.
    if (body.agreementSha256 && body.agreementSha256 !== agreement.sha256) {
      throw new AppError('conflict', '协议文本与您阅读的版本不一致，请刷新后重新阅读再签署', { agreementSha256: '与当前协议文本的 SHA-256 不一致' });
    }
    return { signedSha256: agreement.sha256 };
  }
  return {};
}
