/** Every procedure's spec, and the words the UI and the history use for its steps and decisions. */
import type { CaseType } from '../cases/case-types';
import type { DecisionSpec, ProcedureSpec, StepSpec } from './procedure-spec';
import { RESTRICTED_SHARE_SPEC } from './restricted-share.spec';
import { CONDITIONAL_OPEN_SPEC } from './conditional-open.spec';
import { PROBLEM_DATA_SPEC } from './problem-data.spec';
import { IT_PROJECT_SPEC } from './it-project.spec';

export * from './procedure-spec';
export { decisionBodySchema, type DecisionBody } from './decision-rules';
export { missingDecisionFields, payloadRefusal, type DecisionRefusal } from './decision-check';

export const PROCEDURE_SPECS: Readonly<Record<CaseType, ProcedureSpec>> = {
  'restricted-share': RESTRICTED_SHARE_SPEC,
  'conditional-open': CONDITIONAL_OPEN_SPEC,
  'problem-data': PROBLEM_DATA_SPEC,
  'it-project': IT_PROJECT_SPEC,
};

export const procedureSpec = (type: CaseType): ProcedureSpec => PROCEDURE_SPECS[type];

export function stepSpec(type: CaseType, step: string | null | undefined): StepSpec | undefined {
  return step ? PROCEDURE_SPECS[type]?.steps[step] : undefined;
}

export function decisionSpec(type: CaseType, step: string | null | undefined, decision: string | null | undefined): DecisionSpec | undefined {
  return decision ? stepSpec(type, step)?.decisions[decision] : undefined;
}

/** A step's name in Chinese; the raw name when unknown (a step of a newer version, say). */
export const stepLabelOf = (type: CaseType, step: string | null | undefined): string => (step ? (stepSpec(type, step)?.label ?? step) : '');

export const decisionLabelOf = (type: CaseType, step: string | null | undefined, decision: string | null | undefined): string =>
  decision ? (decisionSpec(type, step, decision)?.label ?? decision) : '';

/** Every step name any procedure has (for filters), in procedure order. */
export const ALL_STEPS: readonly string[] = [...new Set(Object.values(PROCEDURE_SPECS).flatMap((s) => Object.keys(s.steps)))];
