/**
 * A filer turns a procedure's raw payload into a case: it checks the payload
 * against the shared domain schema and the regulation's rules (with the catalog),
 * and builds the workflow's start input. `api/use-cases/file-case.ts` does the
 * rest the same way for every procedure.
 */
import type { AppError } from '../../../domain/errors';
import type { Principal } from '../../../domain/auth/principal';
import type { CaseType } from '../../../domain/cases/case-types';
import type { ResourceFacts } from '../../../workflows/kernel/types';
import type { ApiDeps } from '../../deps';

export interface PreparedCase {
  title: string;
  payload: unknown;
  startInput: { caseId: string };
}

export interface Filer {
  type: CaseType;
  /** The case number's prefix: RS-20261130-…, CO-… */
  idPrefix: string;
  /** The Temporal workflow type (the workflow function's name: renaming it breaks running cases). */
  workflowType: string;
  /** Why this caller may not file it (403), or null. */
  refuse(p: Principal): AppError | null;
  prepare(deps: ApiDeps, p: Principal, raw: unknown, caseId: string): Promise<PreparedCase>;
  /** An amended payload (`resubmit`), checked like a filing; field names prefixed `payload.`. */
  amend(deps: ApiDeps, raw: unknown): Promise<{ payload: unknown; resources: ResourceFacts[] }>;
}
