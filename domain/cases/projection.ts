/**
 * What a workflow asks the projection activity to write. Each operation is
 * keyed by an id the workflow chose, so replaying or retrying writes nothing twice.
 */
export interface ActorRef {
  id: string | null; // user or api key id; null for the system
  name: string; // shown in the history
  orgId: string | null;
}

export const SYSTEM_ACTOR: ActorRef = { id: null, name: '系统', orgId: null };

export type ProjectionOp =
  | { op: 'case-status'; caseId: string; status: string; outcome?: unknown; problemList?: boolean; payload?: unknown; title?: string; closedAt?: string | null }
  | {
      op: 'task-open';
      id: string;
      caseId: string;
      step: string;
      assigneeOrgId: string;
      assigneeRole: string;
      decisions: readonly string[];
      /** What the task is about when its step runs once per resource. */
      subject?: string;
      dueAt: string | null;
      provisional: boolean;
      createdAt: string;
    }
  | {
      op: 'task-close';
      id: string;
      status: 'done' | 'cancelled';
      decision?: string;
      decisionData?: unknown;
      decidedBy?: string;
      /** The Update id that decided it: a retry of that request learns it succeeded. */
      requestId?: string;
      completedAt: string;
    }
  /** A re-planned deadline; `overdueCleared` when the corrected deadline lies ahead of an overdue task. */
  | { op: 'task-deadline'; id: string; dueAt: string; provisional: boolean; overdueCleared?: boolean }
  | { op: 'task-overdue'; id: string; since: string }
  | {
      op: 'history';
      key: string;
      caseId: string;
      at: string;
      actor: ActorRef;
      action: string;
      step?: string;
      decision?: string;
      comment?: string;
      article?: string;
      /** The task the entry concerns: reads are scoped by it. */
      taskId?: string;
      data?: unknown;
    }
  | {
      op: 'grant-issue';
      id: string;
      caseId: string;
      resourceCode: string;
      orgId: string;
      scope: string[];
      method: string;
      desensitized?: unknown;
      grantedAt: string;
      expiresAt: string;
    }
  | { op: 'grant-end'; id: string; status: 'expired' | 'revoked'; at: string; by: string }
  | { op: 'notify'; id: string; orgId: string; role: string | null; caseId: string; taskId: string | null; kind: string; message: string; at: string }
  /** The agreement's exact text, written once; the projection keeps its SHA-256 beside it. */
  | { op: 'agreement-draft'; caseId: string; templateVersion: string; text: string; at: string }
  /** One signature of the agreement: signer, user, time and the SHA-256 of the text signed. */
  | { op: 'agreement-sign'; key: string; caseId: string; step: string; signerName: string; userId: string | null; at: string; sha256: string }
  /** 抄送: a read-only copy of an IT project's opinion for one recipient organisation (Art. 9); keyed, written once. */
  | { op: 'cc-issue'; id: string; caseId: string; orgId: string; opinionNumber: string; title: string; at: string }
  /**
   * An audit entry written in the same transaction as the fact it records, so
   * it exists if and only if the fact does; `key` makes a retried batch append it once.
   */
  | { op: 'audit'; key: string; actor: string; actorOrg: string | null; action: string; target: string; detail?: Record<string, unknown> };

/** Why a batch could not be written: data the database refuses (never retried) or retries exhausted. */
export type ProjectionFailureKind = 'unwritable-data' | 'retries-exhausted';
export const UNWRITABLE_PROJECTION = 'unwritable-projection';

export interface StuckReport {
  caseId: string;
  kind: ProjectionFailureKind;
  reason: string;
  /** How many batches wait to be written, in order. */
  waitingBatches: number;
}

export interface ProjectOptions {
  /** Admin's choice for a stuck case: write the batch with unstorable text replaced (U+FFFD) and cut to size. */
  sanitize?: boolean;
  /** Deadlines to plan, with the batch, for tasks the case may open later on the same Shanghai day. */
  planAhead?: PlanAheadRequest;
}

/** A clock rule without its start: what a step's deadline or a grant's period says. */
export type AheadRule = { workingDays: number } | { naturalDays: number };

/**
 * Plans for rules counted from `from`. A deadline depends only on the Shanghai
 * day it counts from (the receipt day never counts; PROCEDURES §2), so each plan
 * holds for any instant of that day, under the calendar as it was read.
 */
export interface PlanAheadRequest {
  from: string; // ISO instant
  rules: AheadRule[];
}

export interface DayPlans {
  from: string;
  plans: { rule: AheadRule; planned: PlannedDeadline }[];
}

export interface ProjectResult {
  plans?: DayPlans;
}

export interface DeadlineRequest {
  from: string; // ISO instant
  workingDays?: number;
  naturalDays?: number;
}

export interface PlannedDeadline {
  dueAt: string; // ISO instant
  remindAt: string | null; // one working day before (policy), for working-day deadlines
  provisional: boolean;
  yearsConsulted: number[];
}
