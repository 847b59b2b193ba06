/** Input, state and messages of the problem-data workflow, shared with the API and the tests. */
import { defineUpdate } from '@temporalio/workflow';
import type { ProblemDataPayload } from '../domain/cases/problem-data/payload';
import type { ProblemRoundView } from '../domain/views';
import type { Actor, CaseState, FiledCaseInput } from './kernel/types';

export interface PdCaseInput extends FiledCaseInput<ProblemDataPayload, PdData> {
  /** Who confirms the provider's answer: the reporting organisation, with the role it filed under. */
  reporter: { via: 'form' | 'api-key' | 'quality-check'; confirmRole: 'applicant' | 'bdb-reviewer' };
  parties: { bdbOrgId: string; bdbName: string };
}

export type { ResolutionMode } from '../domain/views';
/** One round of the loop, as the case page shows it. */
export type PdRound = ProblemRoundView;

export interface PdData {
  payload: ProblemDataPayload;
  providerId: string;
  rounds: PdRound[];
  /** Working days the BDB set for provider-handle on this case (overrides 5, or 1 when urgent). */
  bdbLimitWorkingDays: number | null;
  closedBy: 'reporter' | 'lapse' | 'arbitration' | null;
}

export type PdState = CaseState<PdData>;

export interface SetHandlingLimitInput {
  actor: Actor;
  requestId?: string;
  workingDays: number;
  reason: string;
}

/** The BDB sets another limit for the provider on this case (PROCEDURES §6: urgent reports). */
export const setHandlingLimitUpdate = defineUpdate<{ status: string; dueAt: string | null }, [SetHandlingLimitInput]>('setHandlingLimit');
