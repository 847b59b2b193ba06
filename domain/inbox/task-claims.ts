/**
 * Inbox actions on one task (签收 / 退回签收 / 转办 / 催办) and the claim rule of
 * deciding: who may do what, as pure rules. A claim is inbox state — which
 * person of the assigned organisation is handling the task — not procedure
 * state: the workflow still addresses the task to the organisation and role.
 *
 * An administrator holds no task role (PROCEDURES.md §1), so an administrator
 * never claims or decides; "the claimer (or an admin)" of API.md is read as:
 * an administrator may release or reassign anyone's claim, and a person who
 * holds the task's role and is also an administrator may decide over a claim.
 */
import { AppError } from '../errors';
import type { Role } from '../auth/roles';

export interface ClaimCaller {
  kind: 'user' | 'api-key';
  id: string;
  orgId: string;
  roles: readonly Role[];
}

export interface ClaimableTask {
  assigneeOrgId: string;
  assigneeRole: string;
  status: string;
  claimedById: string | null;
  claimedByName: string | null;
}

/** A person who may claim and decide this task: of its organisation, holding its role. */
export const handlesTask = (c: ClaimCaller, t: ClaimableTask): boolean => c.orgId === t.assigneeOrgId && c.roles.includes(t.assigneeRole as Role);

const isAdmin = (c: ClaimCaller): boolean => c.roles.includes('admin');
const claimerName = (t: ClaimableTask) => t.claimedByName ?? t.claimedById ?? '';

const notFound = () => new AppError('not_found', '没有这个待办任务');
const closed = () => new AppError('conflict', '该任务已处理或已关闭');
const claimedByOther = (t: ClaimableTask) => new AppError('conflict', `该任务已由 ${claimerName(t)} 签收`);

/** Whether (and why not) the caller may claim the task; null when they may (also when they already hold it). */
export function claimRefusal(c: ClaimCaller, t: ClaimableTask): AppError | null {
  if (!handlesTask(c, t)) return notFound();
  if (c.kind !== 'user') return new AppError('forbidden', '签收须由工作人员本人办理');
  if (t.status !== 'open') return closed();
  if (t.claimedById !== null && t.claimedById !== c.id) return claimedByOther(t);
  return null;
}

/** Release: the claimer, or an administrator. */
export function unclaimRefusal(c: ClaimCaller, t: ClaimableTask): AppError | null {
  if (!handlesTask(c, t) && !isAdmin(c)) return notFound();
  if (t.status !== 'open') return closed();
  if (t.claimedById === null) return new AppError('conflict', '该任务尚未签收');
  if (t.claimedById !== c.id && !isAdmin(c)) return new AppError('conflict', `该任务由 ${claimerName(t)} 签收，只有签收人或管理员可以退回签收`);
  return null;
}

/** Hand over (before the target is checked): the claimer, anyone handling an unclaimed task, or an administrator. */
export function transferRefusal(c: ClaimCaller, t: ClaimableTask): AppError | null {
  if (!handlesTask(c, t) && !isAdmin(c)) return notFound();
  if (c.kind !== 'user') return new AppError('forbidden', '转办须由工作人员本人办理');
  if (t.status !== 'open') return closed();
  if (t.claimedById !== null && t.claimedById !== c.id && !isAdmin(c)) return new AppError('conflict', `该任务已由 ${claimerName(t)} 签收，只有签收人或管理员可以转办`);
  return null;
}

export interface TransferTarget {
  id: string;
  orgId: string;
  active: boolean;
  roles: readonly string[];
}

/** The person a task is handed to: another active user of the task's organisation who holds its role (422 otherwise). */
export function transferTargetRefusal(c: ClaimCaller, t: ClaimableTask, target: TransferTarget | null): AppError | null {
  const refuse = (why: string) => new AppError('validation_failed', `不能转办：${why}`, { toUserId: why });
  if (!target || !target.active) return refuse('没有这个用户');
  if (target.id === c.id) return refuse('不能转办给自己');
  if (target.orgId !== t.assigneeOrgId) return refuse('只能转办给本单位的人员');
  if (!target.roles.includes(t.assigneeRole)) return refuse('该用户没有办理此任务的角色');
  if (target.id === t.claimedById) return refuse('该任务已由此人签收');
  return null;
}

/** Deciding: once claimed, only the claimer — or an administrator who also holds the role — decides. */
export function decideClaimRefusal(c: ClaimCaller, t: ClaimableTask): AppError | null {
  if (t.claimedById !== null && t.claimedById !== c.id && !isAdmin(c)) return claimedByOther(t);
  return null;
}

/** Urging is open to any task still open; who may urge is the route's (bdb-coordinator, admin). */
export function urgeRefusal(t: ClaimableTask | null): AppError | null {
  if (!t) return notFound();
  if (t.status !== 'open') return closed();
  return null;
}

/** The history's actions of the inbox (labels: domain/cases/labels.ts). */
export const INBOX_ACTIONS = ['claimed', 'unclaimed', 'transferred', 'urged'] as const;
export type InboxAction = (typeof INBOX_ACTIONS)[number];
