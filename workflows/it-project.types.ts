/** Input and state of the IT project review workflow, shared with the API and the tests. */
import type { ItProjectPayload } from '../domain/cases/it-project/payload';
import type { Opinion } from '../domain/cases/it-project/opinion';
import type { AcceptanceCheck } from '../domain/cases/it-project/completion';
import type { CaseState, FiledCaseInput } from './kernel/types';

export interface ItCaseInput extends FiledCaseInput<ItProjectPayload, ItData> {
  parties: { bdbOrgId: string; bdbName: string };
  /** Organisations that receive every opinion (抄送, Art. 9): resolved by the filer, not named here. */
  recipients: { orgId: string; orgName: string }[];
}

export interface ItData {
  payload: ItProjectPayload;
  opinion: Opinion | null;
  /** The next completion reminder (its place in the schedule and instant) while the owner has not reported. */
  reminder: { n: number; at: string } | null;
  /** What the owner reported at `complete`: one catalog resource per project catalog entry. */
  registeredResources: string[] | null;
  acceptanceCheck: AcceptanceCheck | null;
  /** Completion reports so far (a failed acceptance asks for another). */
  reports: number;
}

export type ItState = CaseState<ItData>;

/** What `outcome` of an IT project case holds (GET /cases/{id}). */
export interface ItOutcome {
  resources: [];
  opinion: Opinion | null;
  acceptanceCheck: AcceptanceCheck | null;
  registeredResources: string[] | null;
  nextReminderAt: string | null;
}
