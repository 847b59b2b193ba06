/**
 * The draft of a conditional open-data application as the form holds it (text as
 * typed), its payload for the API, and the API's checks made first with the same
 * domain schema and rules (Art. 21, 22, 25 ¶2, 32), so refusals show at once, at the field.
 */
import type { ResourceView } from '../../domain/views';
import { checkConditionalOpenRules, conditionalOpenPayloadSchema, type RuleRefusal } from '../../domain/cases/conditional-open/payload';

export interface ConditionalOpenDraft {
  resources: string[];
  purpose: string;
  scenario: string;
  securityMeasures: string;
  contact: string;
  useDays: string;
  crossBorder: boolean;
  securityAssessment: string;
}

/** The payload fields this form owns. */
export const CONDITIONAL_OPEN_FIELDS = ['resources', 'purpose', 'scenario', 'securityMeasures', 'contact', 'useDays', 'crossBorder', 'securityAssessment'] as const;

export function emptyConditionalOpenDraft(resources: string[] = []): ConditionalOpenDraft {
  return { resources, purpose: '', scenario: '', securityMeasures: '', contact: '', useDays: '', crossBorder: false, securityAssessment: '' };
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** Prefill from a filed payload (提交补充材料 after 要求补充材料). */
export function conditionalOpenDraftFromPayload(p: Record<string, unknown>): ConditionalOpenDraft {
  return {
    resources: Array.isArray(p.resources) ? p.resources.filter((x): x is string => typeof x === 'string') : [],
    purpose: str(p.purpose),
    scenario: str(p.scenario),
    securityMeasures: str(p.securityMeasures),
    contact: str(p.contact),
    useDays: str(p.useDays),
    crossBorder: p.crossBorder === true,
    securityAssessment: str(p.securityAssessment),
  };
}

export function conditionalOpenDraftToPayload(d: ConditionalOpenDraft): Record<string, unknown> {
  const days = d.useDays.trim();
  return {
    resources: d.resources,
    purpose: d.purpose.trim(),
    scenario: d.scenario.trim(),
    securityMeasures: d.securityMeasures.trim(),
    contact: d.contact.trim(),
    // A non-number goes as typed so the API can say what is wrong with it.
    ...(days ? { useDays: /^\d+$/.test(days) ? Number(days) : days } : {}),
    crossBorder: d.crossBorder,
    ...(d.crossBorder && d.securityAssessment.trim() ? { securityAssessment: d.securityAssessment.trim() } : {}),
  };
}

/** Shape first, then the regulation's rules over the catalog; null when the API would accept the application as far as the catalog shows. */
export function checkConditionalOpenDraft(d: ConditionalOpenDraft, catalog: readonly ResourceView[] | undefined): RuleRefusal | null {
  const r = conditionalOpenPayloadSchema.safeParse(conditionalOpenDraftToPayload(d));
  if (!r.success) {
    const fields: Record<string, string> = {};
    for (const i of r.error.issues) fields[i.path.join('.') || '_'] ??= i.message;
    return { message: '申请内容有误，请修改标出的内容', article: '', fields };
  }
  return catalog ? checkConditionalOpenRules(r.data, catalog) : null;
}

/** An edited field's error goes (its fix is under way); recording an assessment answers the cross-border refusal. */
export function conditionalOpenErrorsAfterEdit(errors: Record<string, string>, prev: ConditionalOpenDraft, next: ConditionalOpenDraft): Record<string, string> {
  const changed = new Set((Object.keys(next) as (keyof ConditionalOpenDraft)[]).filter((k) => prev[k] !== next[k]));
  if (changed.size === 0) return errors;
  if (changed.has('securityAssessment')) changed.add('crossBorder');
  const out = Object.fromEntries(Object.entries(errors).filter(([k]) => !changed.has(k.split('.')[0] as keyof ConditionalOpenDraft)));
  return Object.keys(out).length === Object.keys(errors).length ? errors : out;
}
