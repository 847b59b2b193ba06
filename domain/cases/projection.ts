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
      dueAt: string | null;
      provisional: boolean;
      createdAt: string;
    }
  | { op: 'task-close'; id: string; status: 'done' | 'cancelled'; decision?: string; decisionData?: unknown; decidedBy?: string; completedAt: string }
  | { op: 'task-deadline'; id: string; dueAt: string; provisional: boolean }
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
  | { op: 'notify'; id: string; orgId: string; role: string | null; caseId: string; taskId: string | null; kind: string; message: string; at: string };

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
