/** Input and state of the conditional-open workflow, shared with the API and the tests. */
import type { ConditionalOpenPayload } from '../domain/cases/conditional-open/payload';
import type { CaseState, FiledCaseInput, ResourceFacts } from './kernel/types';

export interface CoCaseInput extends FiledCaseInput<ConditionalOpenPayload, CoData> {
  applicant: FiledCaseInput<ConditionalOpenPayload, CoData>['applicant'] & { kind: 'person' | 'organisation' };
  parties: { bdbOrgId: string; bdbName: string };
}

/** One line of the 综合评估: the BDB's, or one provider's. */
export interface AssessmentTrack {
  step: 'bdb-assessment' | 'provider-assessment';
  orgId: string;
  state: 'assessing' | 'supplementing' | 'approved';
  /** Working days left on the paused clock while the applicant supplements. */
  workingDaysLeft?: number;
}

export interface CoOutcome {
  code: string;
  name: string;
  providerId: string;
  providerName: string;
  outcome: 'pending' | 'granted' | 'refused';
  note: string | null;
}

export interface CoData {
  payload: ConditionalOpenPayload;
  resources: ResourceFacts[];
  tracks: Record<string, AssessmentTrack>;
  outcomes: CoOutcome[];
  /** The agreement's template version once drafted (its text and hash live in the database). */
  agreementVersion: string | null;
  signatures: { step: string; signerName: string; userId: string; at: string; sha256: string }[];
}

export type CoState = CaseState<CoData>;
