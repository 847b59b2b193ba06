/**
 * Withdrawing a case, revoking a grant, re-planning after a calendar change —
 * for every procedure, through the kernel's Updates and Signals.
 */
import type { Principal } from '../../domain/auth/principal';
import { AppError } from '../../domain/errors';
import type { CaseDetailView } from '../../domain/views';
import { calendarPublishedSignal, revokeGrantUpdate, withdrawUpdate } from '../../workflows/kernel/messages';
import type { ApiDeps } from '../deps';
import { fromWorkflowError } from './workflow-errors';
import { actorOf } from './case-actor';

/** Roles that file cases, and so may withdraw their organisation's. */
const FILING_ROLES = ['applicant', 'public-applicant'] as const;

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

export async function withdrawCase(deps: ApiDeps, p: Principal, caseId: string, reason: string | undefined, requestId: string): Promise<CaseDetailView> {
  const c = await deps.repos.cases.findVisible(caseId, p);
  if (!c) throw new AppError('not_found', '没有这个办件');
  if (c.applicantOrgId !== p.org.id || !FILING_ROLES.some((r) => p.roles.includes(r))) throw new AppError('forbidden', '只有申请单位可以撤回申请');
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

/** After a calendar year is published, running cases of every procedure with deadlines in it re-plan (PROCEDURES §2). */
export async function replanRunningCases(deps: ApiDeps, year: number): Promise<{ signalled: number }> {
  let signalled = 0;
  for (const c of await deps.repos.cases.casesWithDeadlinesIn(year)) {
    try {
      await deps.temporal.client.workflow.getHandle(c.workflowId).signal(calendarPublishedSignal, { year });
      signalled++;
    } catch (e) {
      if (!fromWorkflowError(e)) throw e; // a case that just ended needs no re-plan
    }
  }
  return { signalled };
}
