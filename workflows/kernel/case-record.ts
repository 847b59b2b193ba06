/**
 * What a case writes about itself: history entries, audit entries and its case
 * row, queued on the ordered projection outbox under keys the workflow chooses
 * (`<case>-h<n>`, `<case>-audit-<what>`), so retries and replays write nothing twice.
 */
import type { ActorRef, ProjectionOp } from '../../domain/cases/projection';
import { createProjectionOutbox, type ProjectionOutbox } from './projection-outbox';
import type { DeadlinePlans } from './deadline-plans';
import { stuckFailure } from './failures';
import type { Actor } from './types';

export type HistoryInput = Omit<Extract<ProjectionOp, { op: 'history' }>, 'op' | 'key' | 'caseId' | 'at'> & { at?: string };

export const SYSTEM: ActorRef = { id: null, name: '系统', orgId: null };
export const actorRef = (a: Actor): ActorRef => ({ id: a.id, name: `${a.orgName} / ${a.name}`, orgId: a.orgId });

/** Workflow time: deterministic. */
export const now = () => new Date().toISOString();

export interface CaseRecord {
  readonly outbox: ProjectionOutbox;
  history(entry: HistoryInput): void;
  /** An audit entry in the same batch as the fact it records (it exists iff the fact was written). */
  audit(key: string, actor: Actor, action: string, target: string, detail?: Record<string, unknown>): void;
  push(op: ProjectionOp): void;
  flush(): Promise<void>;
  /** For Update handlers, which answer only once their change is written: a parked batch fails the Update as `stuck`. */
  flushAnswering(): Promise<void>;
  historyCount(): number;
}

export function createCaseRecord(caseId: string, historySeqFrom = 0, plans?: DeadlinePlans): CaseRecord {
  const outbox = createProjectionOutbox(caseId, plans);
  let historySeq = historySeqFrom;
  const flush = () => outbox.flush();
  return {
    outbox,
    history: (entry) => outbox.push({ op: 'history', key: `${caseId}-h${++historySeq}`, caseId, at: entry.at ?? now(), ...entry }),
    audit: (key, a, action, target, detail) => outbox.push({ op: 'audit', key: `${caseId}-audit-${key}`, actor: a.name, actorOrg: a.orgName, action, target, detail }),
    push: (op) => outbox.push(op),
    flush,
    async flushAnswering() {
      await flush();
      if (outbox.isStuck()) throw stuckFailure();
    },
    historyCount: () => historySeq,
  };
}
