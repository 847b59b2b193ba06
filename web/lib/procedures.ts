/**
 * What the web knows of a procedure, read from its spec (domain/procedures):
 * step and decision words, articles, hints and required fields, keyed by
 * (case type, step[, decision]) — `bdb-review`, `approve`, `accept` recur in
 * several procedures with other meanings and articles.
 */
import type { Role } from '../../domain/auth/roles';
import type { CaseType } from '../../domain/views';
import { ALL_STEPS, decisionSpec, PROCEDURE_SPECS, stepLabelOf, stepSpec, type DecisionField, type DecisionTone, type ProcedureSpec } from '../../domain/procedures';

export { END, FILED } from '../../domain/procedures/procedure-spec';

export const procedureOf = (type: CaseType): ProcedureSpec => PROCEDURE_SPECS[type];

/** A step's Chinese name; '—' for none, the raw name for a step this version does not know. */
export const stepLabelFor = (type: CaseType, step: string | null | undefined): string => (step ? stepLabelOf(type, step) : '—');

export const stepArticleFor = (type: CaseType, step: string): string | undefined => stepSpec(type, step)?.article;

export interface DecisionMeta {
  label: string;
  tone: DecisionTone;
  /** Fields the decision must carry, from the spec. */
  requires: readonly DecisionField[];
  hint?: string;
  article?: string;
}

export function decisionMetaFor(type: CaseType, step: string | null | undefined, decision: string | null | undefined): DecisionMeta {
  if (!decision) return { label: '—', tone: 'slate', requires: [] };
  const d = decisionSpec(type, step, decision);
  if (!d) return { label: decision, tone: 'slate', requires: [] };
  return { label: d.label, tone: d.tone, requires: d.requires ?? [], hint: d.hint, article: d.article ?? stepSpec(type, step)?.article };
}

/**
 * The steps a filter offers: those of the chosen procedure (every procedure's when none),
 * narrowed to the steps the user's roles hold, labelled from the spec.
 */
export function stepOptions(type: string, roles: readonly Role[]): (readonly [string, string])[] {
  const all = Object.keys(PROCEDURE_SPECS) as CaseType[];
  const types = all.includes(type as CaseType) ? [type as CaseType] : all;
  const seen = new Map<string, string>();
  for (const t of types) {
    for (const [step, s] of Object.entries(PROCEDURE_SPECS[t].steps)) {
      if (!roles.includes(s.role)) continue;
      // A step name shared by procedures (bdb-review) keeps the first label when no type is chosen.
      if (!seen.has(step)) seen.set(step, s.label);
    }
  }
  return ALL_STEPS.filter((s) => seen.has(s)).map((s) => [s, seen.get(s) ?? s] as const);
}

/** Procedures the user may file, in the specs' order. */
export const fileableBy = (roles: readonly Role[]): ProcedureSpec[] => Object.values(PROCEDURE_SPECS).filter((p) => p.filedBy.some((r) => roles.includes(r)));

/** Steps where someone signs the procedure's agreement (a decision there requires 签署人), in flow order. */
export const signingSteps = (type: CaseType): string[] =>
  procedureOf(type)
    .flow.flatMap((stage) => [...stage.main, ...(stage.branch ?? [])])
    .filter((s) => Object.values(procedureOf(type).steps[s]?.decisions ?? {}).some((d) => d.requires?.includes('signerName')));
