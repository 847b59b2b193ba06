/**
 * Inbox actions (签收, 退回签收, 转办, 催办) written by the API: the change,
 * its history entry and its audit entry commit together, or none does. The
 * audit log's lock is taken first (as db/repositories/grant-access.repository.ts
 * does), and the claim itself is a compare-and-set on the task row: of two
 * people claiming at once exactly one finds it unclaimed.
 *
 * History keys are `<caseId>-inbox-<requestId>-<action>`: the projection's are
 * `<caseId>-h<n>`, so the two never collide, and a retry of a request that
 * committed (the same requestId, api/idempotency.ts) writes nothing twice.
 */
import type { Db } from '../client';
import type { Prisma } from '../../generated/prisma';
import { appendAuditEntryWithin, lockHead, type AuditTx } from './audit.repository';
import type { InboxAction } from '../../domain/inbox/task-claims';

export interface InboxActor {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
}

export interface InboxChange {
  taskId: string;
  requestId: string;
  actor: InboxActor;
  /** Shown in the case history: the reason, the message, or what was done. */
  comment: string | null;
  /** Kept in the audit entry. */
  detail?: Record<string, unknown>;
}

/** What became of a claim write: done now or by an earlier attempt of the request, or refused because the row no longer matched. */
export type ClaimWrite = { ok: true } | { ok: false; task: TaskClaimRow | null };

type TaskClaimRow = { id: string; caseId: string; step: string; status: string; assigneeOrgId: string; assigneeRole: string; claimedById: string | null; claimedByName: string | null };

const claimFields = { id: true, caseId: true, step: true, status: true, assigneeOrgId: true, assigneeRole: true, claimedById: true, claimedByName: true } as const;

export function createTaskClaimsRepository(db: Db, opts: { auditKey: Buffer }) {
  const historyKey = (caseId: string, requestId: string, action: InboxAction) => `${caseId}-inbox-${requestId}-${action}`;

  /**
   * Under the audit lock: skips what an earlier attempt of this request wrote,
   * applies `change` (a compare-and-set: false when the row no longer matches),
   * then records the history and audit entries.
   */
  async function write(action: InboxAction, c: InboxChange, change: (tx: AuditTx, task: TaskClaimRow) => Promise<boolean>): Promise<ClaimWrite> {
    return db.$transaction(
      async (tx: AuditTx) => {
        const head = await lockHead(tx);
        const task = await tx.task.findUnique({ where: { id: c.taskId }, select: claimFields });
        if (!task) return { ok: false as const, task: null };
        const key = historyKey(task.caseId, c.requestId, action);
        if (await tx.historyEntry.findUnique({ where: { key }, select: { id: true } })) return { ok: true as const };
        if (!(await change(tx, task))) return { ok: false as const, task: await tx.task.findUnique({ where: { id: c.taskId }, select: claimFields }) };
        await tx.historyEntry.create({
          data: {
            key,
            caseId: task.caseId,
            at: new Date(),
            actor: `${c.actor.orgName} / ${c.actor.name}`,
            actorId: c.actor.id,
            actorOrgId: c.actor.orgId,
            taskId: task.id,
            action,
            step: task.step,
            comment: c.comment,
          },
        });
        await appendAuditEntryWithin(tx, opts.auditKey, {
          key: `inbox:${c.requestId}:${action}`,
          actor: c.actor.name,
          actorOrg: c.actor.orgName,
          action: `task-${action}`,
          target: `task:${task.id}`,
          detail: { case: task.caseId, step: task.step, ...(c.detail ?? {}) },
        }, head);
        return { ok: true as const };
      },
      { maxWait: 15_000, timeout: 30_000 },
    );
  }

  /** Sets the claim only where the row is still open and `where` holds: the compare-and-set. */
  const setClaim = async (tx: AuditTx, taskId: string, where: Prisma.TaskWhereInput, to: { id: string; name: string } | null): Promise<boolean> => {
    const r = await tx.task.updateMany({
      where: { AND: [{ id: taskId, status: 'open' }, where] },
      data: to ? { claimedById: to.id, claimedByName: to.name, claimedAt: new Date() } : { claimedById: null, claimedByName: null, claimedAt: null },
    });
    return r.count === 1;
  };

  return {
    /** Claims an open, unclaimed task for the actor. */
    claim(c: InboxChange): Promise<ClaimWrite> {
      return write('claimed', c, (tx, t) => setClaim(tx, t.id, { claimedById: null }, c.actor));
    },

    /** Releases the claim `expectedClaimerId` holds. */
    unclaim(c: InboxChange, expectedClaimerId: string): Promise<ClaimWrite> {
      return write('unclaimed', c, (tx, t) => setClaim(tx, t.id, { claimedById: expectedClaimerId }, null));
    },

    /** Hands the task to `to`, provided the claim is still as the caller saw it (`expectedClaimerId`, null: unclaimed). */
    transfer(c: InboxChange, expectedClaimerId: string | null, to: { id: string; name: string }): Promise<ClaimWrite> {
      return write('transferred', c, (tx, t) => setClaim(tx, t.id, { claimedById: expectedClaimerId }, to));
    },

    /** Notifies the task's organisation and role, while the task is open. */
    urge(c: InboxChange, notification: { message: string }): Promise<ClaimWrite> {
      return write('urged', c, async (tx, t) => {
        if (t.status !== 'open') return false;
        await tx.notification.create({
          data: {
            id: historyKey(t.caseId, c.requestId, 'urged'),
            orgId: t.assigneeOrgId,
            role: t.assigneeRole,
            caseId: t.caseId,
            taskId: t.id,
            kind: 'urge',
            message: notification.message,
            createdAt: new Date(),
          },
        });
        return true;
      });
    },

    /** Active users of an organisation who hold a role: whom a task may be handed to. */
    async holdersOf(orgId: string, role: string): Promise<{ id: string; name: string }[]> {
      const rows = await db.user.findMany({
        where: { orgId, active: true, roles: { some: { role } } },
        select: { id: true, displayName: true },
        orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
      });
      return rows.map((u) => ({ id: u.id, name: u.displayName }));
    },

    /** A transfer's target as the rules need it (domain/inbox/task-claims.ts). */
    async transferTarget(userId: string): Promise<{ id: string; name: string; orgId: string; active: boolean; roles: string[] } | null> {
      const u = await db.user.findUnique({ where: { id: userId }, select: { id: true, displayName: true, orgId: true, active: true, roles: { select: { role: true } } } });
      return u ? { id: u.id, name: u.displayName, orgId: u.orgId, active: u.active, roles: u.roles.map((r) => r.role) } : null;
    },
  };
}

export type TaskClaimsRepository = ReturnType<typeof createTaskClaimsRepository>;
