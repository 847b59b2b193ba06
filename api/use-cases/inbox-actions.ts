/**
 * 签收, 退回签收, 转办 and 催办 on one task, and the claim rule of deciding.
 * The rules are domain/inbox/task-claims.ts; the writes (with their history and
 * audit entries, in one transaction) db/repositories/task-claims.repository.ts.
 * A claim is checked on the row read first, then written with a compare-and-set:
 * whoever loses a race is told who won.
 */
import type { Principal } from '../../domain/auth/principal';
import { AppError } from '../../domain/errors';
import type { TaskView } from '../../domain/views';
import {
  claimRefusal,
  decideClaimRefusal,
  transferRefusal,
  transferTargetRefusal,
  unclaimRefusal,
  urgeRefusal,
  type ClaimCaller,
  type ClaimableTask,
} from '../../domain/inbox/task-claims';
import type { ClaimWrite, InboxActor } from '../../db/repositories/task-claims.repository';
import type { ApiDeps } from '../deps';

const callerOf = (p: Principal): ClaimCaller => ({ kind: p.kind, id: p.id, orgId: p.org.id, roles: p.roles });
const actorOf = (p: Principal): InboxActor => ({ id: p.id, name: p.name, orgId: p.org.id, orgName: p.org.name });

const throwIf = (e: AppError | null): void => {
  if (e) throw e;
};

async function taskOrThrow(deps: ApiDeps, taskId: string): Promise<ClaimableTask & { caseId: string }> {
  const t = await deps.repos.cases.task(taskId);
  if (!t) throw new AppError('not_found', '没有这个待办任务');
  return t;
}

/** A compare-and-set that found the row changed: the rule, applied to the row as it is now, says why. */
function afterWrite(w: ClaimWrite, why: (now: ClaimableTask) => AppError | null): void {
  if (w.ok) return;
  if (!w.task) throw new AppError('not_found', '没有这个待办任务');
  throw why(w.task) ?? new AppError('conflict', '该任务的签收状态已变化，请刷新后重试');
}

async function viewOf(deps: ApiDeps, taskId: string): Promise<TaskView> {
  const v = await deps.repos.cases.taskView(taskId);
  if (!v) throw new AppError('not_found', '没有这个待办任务');
  return v;
}

const comment = (what: string, reason?: string) => (reason ? `${what}（理由：${reason}）` : what);

export async function claimTask(deps: ApiDeps, p: Principal, taskId: string, reason: string | undefined, requestId: string): Promise<TaskView> {
  const t = await taskOrThrow(deps, taskId);
  throwIf(claimRefusal(callerOf(p), t));
  if (t.claimedById !== p.id) {
    const w = await deps.repos.taskClaims.claim({ taskId, requestId, actor: actorOf(p), comment: reason ?? null, detail: reason ? { reason } : {} });
    afterWrite(w, (now) => claimRefusal(callerOf(p), now));
  }
  return viewOf(deps, taskId);
}

export async function unclaimTask(deps: ApiDeps, p: Principal, taskId: string, reason: string | undefined, requestId: string): Promise<TaskView> {
  const t = await taskOrThrow(deps, taskId);
  throwIf(unclaimRefusal(callerOf(p), t));
  const claimer = t.claimedById as string;
  // An administrator releasing someone else's claim says whose.
  const what = claimer === p.id ? null : `退回 ${t.claimedByName ?? claimer} 的签收`;
  const w = await deps.repos.taskClaims.unclaim({ taskId, requestId, actor: actorOf(p), comment: what ? comment(what, reason) : (reason ?? null), detail: { from: claimer, ...(reason ? { reason } : {}) } }, claimer);
  afterWrite(w, (now) => unclaimRefusal(callerOf(p), now));
  return viewOf(deps, taskId);
}

export async function transferTask(deps: ApiDeps, p: Principal, taskId: string, body: { toUserId: string; reason: string }, requestId: string): Promise<TaskView> {
  const t = await taskOrThrow(deps, taskId);
  const caller = callerOf(p);
  throwIf(transferRefusal(caller, t));
  const target = await deps.repos.taskClaims.transferTarget(body.toUserId);
  throwIf(transferTargetRefusal(caller, t, target));
  const to = { id: body.toUserId, name: target?.name ?? body.toUserId };
  const w = await deps.repos.taskClaims.transfer(
    { taskId, requestId, actor: actorOf(p), comment: comment(`转办给 ${to.name}`, body.reason), detail: { from: t.claimedById, to: to.id, reason: body.reason } },
    t.claimedById,
    to,
  );
  afterWrite(w, (now) => transferRefusal(caller, now));
  return viewOf(deps, taskId);
}

export async function urgeTask(deps: ApiDeps, p: Principal, taskId: string, message: string, requestId: string): Promise<TaskView> {
  const t = await deps.repos.cases.task(taskId);
  throwIf(urgeRefusal(t));
  const task = await viewOf(deps, taskId);
  const what = `${task.caseTitle}「${task.stepLabel}${task.subject ? `：${task.subject}` : ''}」`;
  const w = await deps.repos.taskClaims.urge(
    { taskId, requestId, actor: actorOf(p), comment: message, detail: { message, to: { org: task.assignee.org.id, role: task.assignee.role } } },
    { message: `催办：${what}（${p.org.name} / ${p.name}）：${message}` },
  );
  afterWrite(w, (now) => urgeRefusal(now));
  return task;
}

/** Users to whom the caller may hand the task: the organisation's holders of its role, but not the caller or the current claimer. */
export async function transferCandidates(deps: ApiDeps, p: Principal, taskId: string): Promise<{ id: string; name: string }[]> {
  const t = await taskOrThrow(deps, taskId);
  throwIf(transferRefusal(callerOf(p), t));
  const holders = await deps.repos.taskClaims.holdersOf(t.assigneeOrgId, t.assigneeRole);
  return holders.filter((u) => u.id !== p.id && u.id !== t.claimedById);
}

/** Deciding a claimed task: only its claimer (api/use-cases/decide-task.ts calls this before anything else is checked). */
export function assertMayDecide(p: Principal, task: ClaimableTask): void {
  throwIf(decideClaimRefusal(callerOf(p), task));
}

/**
 * Deciding an unclaimed task claims it for the person deciding, just before the
 * decision goes to the workflow. If the workflow then refuses the decision the
 * claim stays: the person did take the task up.
 */
export async function claimOnDecision(deps: ApiDeps, p: Principal, task: ClaimableTask & { id: string }, requestId: string): Promise<void> {
  if (p.kind !== 'user' || task.claimedById !== null) return;
  const w = await deps.repos.taskClaims.claim({ taskId: task.id, requestId, actor: actorOf(p), comment: '办理时签收' });
  // Closed meanwhile: the workflow answers that (or, for a retry of the deciding request, its result).
  if (w.ok || w.task?.status !== 'open') return;
  throwIf(decideClaimRefusal(callerOf(p), w.task));
}
