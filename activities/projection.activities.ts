/**
 * Writes what a workflow decided into the business database, idempotently:
 * every row is keyed by an id the workflow chose, so a retried activity or a
 * replayed workflow writes nothing twice.
 *
 * Data the database can never store fails non-retryably (the workflow parks
 * the batch and reports the case stuck) instead of being retried forever.
 */
import crypto from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../db/client';
import { toJson } from '../db/json';
import { appendAuditEntryWithin } from '../db/repositories/audit.repository';
import { retitleCaseSearchTerms } from '../db/repositories/case-search';
import { findUnstorable, storableText, toStorable } from '../domain/input/storable';
import { UNWRITABLE_PROJECTION, type DayPlans, type PlanAheadRequest, type ProjectOptions, type ProjectResult, type ProjectionOp, type StuckReport } from '../domain/cases/projection';
import { isPermanentDataError } from '../db/errors';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

type Op<K extends ProjectionOp['op']> = Extract<ProjectionOp, { op: K }>;
type Inserted = Op<'task-open'> | Op<'history'>;

async function apply(tx: Tx, op: Exclude<ProjectionOp, Inserted>, auditKey: Buffer): Promise<void> {
  switch (op.op) {
    case 'case-status':
      // A new title changes the case search's terms (db/repositories/case-search.ts), read before the row is written.
      if (op.title !== undefined) await retitleCaseSearchTerms(tx, op.caseId, op.title);
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
    case 'task-close':
      await tx.task.update({
        where: { id: op.id },
        data: {
          status: op.status,
          decision: op.decision ?? null,
          decisionData: op.decisionData === undefined ? undefined : toJson(op.decisionData),
          decidedBy: op.decidedBy ?? null,
          decisionRequestId: op.requestId ?? null,
          completedAt: new Date(op.completedAt),
        },
      });
      return;
    case 'task-deadline':
      await tx.task.update({ where: { id: op.id }, data: { dueAt: new Date(op.dueAt), provisional: op.provisional, ...(op.overdueCleared ? { overdueSince: null } : {}) } });
      return;
    case 'task-overdue':
      await tx.task.update({ where: { id: op.id }, data: { overdueSince: new Date(op.since) } });
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
    case 'agreement-draft':
      await tx.agreement.upsert({
        where: { caseId: op.caseId },
        create: { caseId: op.caseId, templateVersion: op.templateVersion, text: op.text, sha256: sha256Hex(op.text), createdAt: new Date(op.at) },
        update: {}, // the text is written once: a signature refers to it
      });
      return;
    case 'agreement-sign':
      await tx.agreementSignature.upsert({
        where: { key: op.key },
        create: { key: op.key, caseId: op.caseId, step: op.step, signerName: op.signerName, userId: op.userId, signedAt: new Date(op.at), sha256: op.sha256 },
        update: {},
      });
      return;
    case 'cc-issue':
      await tx.opinionCc.upsert({
        where: { id: op.id },
        create: { id: op.id, caseId: op.caseId, orgId: op.orgId, opinionNumber: op.opinionNumber, title: op.title, createdAt: new Date(op.at) },
        update: {}, // a read item stays read
      });
      return;
    case 'audit':
      await appendAuditEntryWithin(tx, auditKey, { key: op.key, actor: op.actor, actorOrg: op.actorOrg, action: op.action, target: op.target, detail: op.detail });
      return;
  }
}

const taskRow = (op: Op<'task-open'>) => ({
  id: op.id,
  caseId: op.caseId,
  step: op.step,
  assigneeOrgId: op.assigneeOrgId,
  assigneeRole: op.assigneeRole,
  status: 'open',
  decisions: toJson(op.decisions),
  subject: op.subject ?? null,
  dueAt: op.dueAt ? new Date(op.dueAt) : null,
  provisional: op.provisional,
  createdAt: new Date(op.createdAt),
});

const historyRow = (op: Op<'history'>) => ({
  key: op.key,
  caseId: op.caseId,
  at: new Date(op.at),
  actor: op.actor.name,
  actorId: op.actor.id,
  actorOrgId: op.actor.orgId,
  taskId: op.taskId ?? taskIdIn(op.data),
  action: op.action,
  step: op.step ?? null,
  decision: op.decision ?? null,
  comment: op.comment ?? null,
  article: op.article ?? null,
  data: op.data === undefined ? undefined : toJson(op.data),
});

/** The first op of each id: a row already written (a retried batch) stays as first written, as an upsert left it. */
const firstOfEach = <T>(ops: T[], id: (op: T) => string, have: Set<string>): T[] =>
  ops.filter((op) => {
    if (have.has(id(op))) return false;
    have.add(id(op));
    return true;
  });

/** A batch's new tasks in two statements (the ids already written, one insert of the rest), not three per task. */
async function insertNewTasks(tx: Tx, ops: Op<'task-open'>[]): Promise<void> {
  if (ops.length === 0) return;
  const have = await tx.task.findMany({ where: { id: { in: ops.map((o) => o.id) } }, select: { id: true } });
  const rows = firstOfEach(ops, (o) => o.id, new Set(have.map((t) => t.id))).map(taskRow);
  if (rows.length > 0) await tx.task.createMany({ data: rows });
}

/** A batch's new history entries in two statements, likewise. */
async function insertNewHistory(tx: Tx, ops: Op<'history'>[]): Promise<void> {
  if (ops.length === 0) return;
  const have = await tx.historyEntry.findMany({ where: { key: { in: ops.map((o) => o.key) } }, select: { key: true } });
  const rows = firstOfEach(ops, (o) => o.key, new Set(have.map((h) => h.key))).map(historyRow);
  if (rows.length > 0) await tx.historyEntry.createMany({ data: rows });
}

const sha256Hex = (text: string): string => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

const taskIdIn = (data: unknown): string | null => {
  const id = (data as { taskId?: unknown } | null | undefined)?.taskId;
  return typeof id === 'string' ? id : null;
};

const unwritable = (message: string, cause?: unknown) =>
  ApplicationFailure.create({ type: UNWRITABLE_PROJECTION, message: storableText(message, 2000), nonRetryable: true, cause: cause instanceof Error ? cause : undefined });

export function createProjectionActivities(db: Db, auditKey: Buffer, planAhead: (req: PlanAheadRequest) => Promise<DayPlans>) {
  /** One batch, one transaction; a batch the database can never store fails for good (the case parks it). */
  async function write(ops: ProjectionOp[], opts: ProjectOptions): Promise<void> {
    const batch = opts.sanitize ? (toStorable(ops) as ProjectionOp[]) : ops;
    const bad = findUnstorable(batch);
    if (bad) throw unwritable(`projection batch holds data the database cannot store at ${bad.path}: ${bad.message}`);
    try {
      // Audit entries first: their first statement takes the write lock (SQLite), so the
      // transaction never has to upgrade a read snapshot another writer made stale. Then the
      // batch's new tasks (its later ops may close or move them), its other ops in order, and its
      // history entries, which no other op refers to.
      const is = <K extends ProjectionOp['op']>(k: K) => (op: ProjectionOp): op is Op<K> => op.op === k;
      const rest = batch.filter((op): op is Exclude<ProjectionOp, Inserted> => op.op !== 'audit' && op.op !== 'task-open' && op.op !== 'history');
      await db.$transaction(async (tx) => {
        for (const op of batch.filter(is('audit'))) await apply(tx, op, auditKey);
        await insertNewTasks(tx, batch.filter(is('task-open')));
        for (const op of rest) await apply(tx, op, auditKey);
        await insertNewHistory(tx, batch.filter(is('history')));
      });
    } catch (e) {
      // Transient failures (database down, busy, lost connection) are retried by Temporal; data errors never heal.
      if (isPermanentDataError(e)) throw unwritable(`the database refused the projection batch: ${(e as Error).message}`, e);
      throw e;
    }
  }

  return {
    /**
     * Applies one batch of a workflow's changes in a single transaction, and
     * plans the deadlines the case asks for ahead (its next tasks then open
     * without an activity round trip of their own).
     */
    async project(ops: ProjectionOp[], opts: ProjectOptions = {}): Promise<ProjectResult> {
      await write(ops, opts);
      if (!opts.planAhead) return {};
      // The batch is written: a calendar that cannot be read now only costs the case its own planning later.
      return planAhead(opts.planAhead).then(
        (plans) => ({ plans }),
        () => ({}),
      );
    },

    /** Puts a case on the administrators' stuck-cases view (or updates it). Its text is cleaned first: it must always write. */
    async reportStuck(r: StuckReport): Promise<void> {
      const reason = storableText(r.reason, 4000);
      const detail = { kind: r.kind, waitingBatches: r.waitingBatches };
      await db.stuckCase.upsert({
        where: { caseId: r.caseId },
        create: { caseId: r.caseId, reason, detail, since: new Date() },
        update: { reason, detail, attempts: { increment: 1 }, resolvedAt: null, resolvedBy: null },
      });
    },

    /** The case's waiting batches are written: it leaves the stuck-cases view. */
    async resolveStuck(r: { caseId: string; by: string }): Promise<void> {
      await db.stuckCase.updateMany({ where: { caseId: r.caseId, resolvedAt: null }, data: { resolvedAt: new Date(), resolvedBy: storableText(r.by, 200) } });
    },
  };
}
