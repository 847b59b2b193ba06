/**
 * Writes what a workflow decided into the business database, idempotently:
 * every row is keyed by an id the workflow chose, so a retried activity or a
 * replayed workflow writes nothing twice.
 */
import type { Db } from '../db/client';
import { toJson } from '../db/json';
import type { ProjectionOp } from '../domain/cases/projection';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

async function apply(tx: Tx, op: ProjectionOp): Promise<void> {
  switch (op.op) {
    case 'case-status':
      await tx.case.update({
        where: { id: op.caseId },
        data: {
          status: op.status,
          ...(op.outcome !== undefined ? { outcome: toJson(op.outcome) } : {}),
          ...(op.problemList !== undefined ? { problemList: op.problemList } : {}),
          ...(op.payload !== undefined ? { payload: toJson(op.payload) } : {}),
          ...(op.title !== undefined ? { title: op.title } : {}),
          ...(op.closedAt !== undefined ? { closedAt: op.closedAt ? new Date(op.closedAt) : null } : {}),
        },
      });
      return;
    case 'task-open':
      await tx.task.upsert({
        where: { id: op.id },
        create: {
          id: op.id,
          caseId: op.caseId,
          step: op.step,
          assigneeOrgId: op.assigneeOrgId,
          assigneeRole: op.assigneeRole,
          status: 'open',
          decisions: toJson(op.decisions),
          dueAt: op.dueAt ? new Date(op.dueAt) : null,
          provisional: op.provisional,
          createdAt: new Date(op.createdAt),
        },
        update: {},
      });
      return;
    case 'task-close':
      await tx.task.update({
        where: { id: op.id },
        data: {
          status: op.status,
          decision: op.decision ?? null,
          decisionData: op.decisionData === undefined ? undefined : toJson(op.decisionData),
          decidedBy: op.decidedBy ?? null,
          completedAt: new Date(op.completedAt),
        },
      });
      return;
    case 'task-deadline':
      await tx.task.update({ where: { id: op.id }, data: { dueAt: new Date(op.dueAt), provisional: op.provisional } });
      return;
    case 'task-overdue':
      await tx.task.update({ where: { id: op.id }, data: { overdueSince: new Date(op.since) } });
      return;
    case 'history':
      await tx.historyEntry.upsert({
        where: { key: op.key },
        create: {
          key: op.key,
          caseId: op.caseId,
          at: new Date(op.at),
          actor: op.actor.name,
          actorId: op.actor.id,
          action: op.action,
          step: op.step ?? null,
          decision: op.decision ?? null,
          comment: op.comment ?? null,
          article: op.article ?? null,
          data: op.data === undefined ? undefined : toJson(op.data),
        },
        update: {},
      });
      return;
    case 'grant-issue':
      await tx.accessGrant.upsert({
        where: { id: op.id },
        create: {
          id: op.id,
          caseId: op.caseId,
          resourceCode: op.resourceCode,
          orgId: op.orgId,
          scope: toJson(op.scope),
          method: op.method,
          desensitized: op.desensitized === undefined ? undefined : toJson(op.desensitized),
          status: 'active',
          grantedAt: new Date(op.grantedAt),
          expiresAt: new Date(op.expiresAt),
        },
        update: {},
      });
      return;
    case 'grant-end':
      await tx.accessGrant.update({ where: { id: op.id }, data: { status: op.status, endedAt: new Date(op.at), endedBy: op.by } });
      return;
    case 'notify':
      await tx.notification.upsert({
        where: { id: op.id },
        create: { id: op.id, orgId: op.orgId, role: op.role, caseId: op.caseId, taskId: op.taskId, kind: op.kind, message: op.message, createdAt: new Date(op.at) },
        update: {},
      });
      return;
  }
}

export function createProjectionActivities(db: Db) {
  return {
    /** Applies one batch of a workflow's changes in a single transaction. */
    async project(ops: ProjectionOp[]): Promise<void> {
      await db.$transaction(async (tx) => {
        for (const op of ops) await apply(tx, op);
      });
    },
  };
}
