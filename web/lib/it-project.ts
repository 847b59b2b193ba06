/**
 * The IT project review 信息化项目审核 (Art. 8, 9, 11) as the web holds it: the
 * filing draft (text as typed, catalog entries added and removed in the form)
 * and its payload for the API (API.md "Cases"), the opinion and the acceptance
 * check read from a case's outcome ("IT project review: the opinion"), and the
 * 抄送 items of GET /tasks?kind=cc.
 */
import { itProjectPayloadSchema } from '../../domain/cases/it-project/payload';
import type { AcceptanceCheckView, CaseDetailView, OpenClass, OpinionView, ShareClass } from '../../domain/views';

export interface CatalogEntryDraft {
  /** Stable key for React while entries are added and removed. */
  key: string;
  name: string;
  dataItems: string[];
  shareClass: ShareClass | '';
  openClass: OpenClass | '';
}

export interface ItProjectDraft {
  projectName: string;
  investmentWan: string;
  content: string;
  /** null: not answered yet (the question has no default: the applicant must say). */
  buildsOwnCloudOrDataCenter: boolean | null;
  dataCatalog: CatalogEntryDraft[];
  sharingPlan: string;
  plannedCompletion: string;
}

/** The payload fields this form owns (errors for others are listed at the top). */
export const IT_PROJECT_FIELDS = ['projectName', 'investmentWan', 'content', 'buildsOwnCloudOrDataCenter', 'dataCatalog', 'sharingPlan', 'plannedCompletion'] as const;

let keySeq = 0;
export const newEntryKey = (): string => `e${++keySeq}-${Date.now().toString(36)}`;

export const emptyCatalogEntry = (): CatalogEntryDraft => ({ key: newEntryKey(), name: '', dataItems: [], shareClass: '', openClass: '' });

export function emptyItProjectDraft(): ItProjectDraft {
  return { projectName: '', investmentWan: '', content: '', buildsOwnCloudOrDataCenter: null, dataCatalog: [emptyCatalogEntry()], sharingPlan: '', plannedCompletion: '' };
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Prefill from a filed payload (重新提交 after 退回修改). */
export function itProjectDraftFromPayload(p: Record<string, unknown>): ItProjectDraft {
  const entries = Array.isArray(p.dataCatalog) ? p.dataCatalog : [];
  return {
    projectName: str(p.projectName),
    investmentWan: str(p.investmentWan),
    content: str(p.content),
    buildsOwnCloudOrDataCenter: typeof p.buildsOwnCloudOrDataCenter === 'boolean' ? p.buildsOwnCloudOrDataCenter : null,
    dataCatalog: entries.map((e) => {
      const o = (e && typeof e === 'object' ? e : {}) as Record<string, unknown>;
      return { key: newEntryKey(), name: str(o.name), dataItems: strings(o.dataItems), shareClass: str(o.shareClass) as ShareClass | '', openClass: str(o.openClass) as OpenClass | '' };
    }),
    sharingPlan: str(p.sharingPlan),
    plannedCompletion: str(p.plannedCompletion),
  };
}

/** The payload as API.md names it; what the user left out or typed wrongly goes as it is, so the API names the field. */
export function itProjectDraftToPayload(d: ItProjectDraft): Record<string, unknown> {
  const inv = d.investmentWan.trim().replace(/,/g, '');
  return {
    projectName: d.projectName.trim(),
    investmentWan: /^\d+(\.\d+)?$/.test(inv) ? Number(inv) : inv,
    content: d.content.trim(),
    ...(d.buildsOwnCloudOrDataCenter === null ? {} : { buildsOwnCloudOrDataCenter: d.buildsOwnCloudOrDataCenter }),
    dataCatalog: d.dataCatalog.map((e) => ({
      name: e.name.trim(),
      dataItems: e.dataItems,
      ...(e.shareClass ? { shareClass: e.shareClass } : {}),
      ...(e.openClass ? { openClass: e.openClass } : {}),
    })),
    sharingPlan: d.sharingPlan.trim(),
    plannedCompletion: d.plannedCompletion,
  };
}

/**
 * The filing's shape, checked with the API's own schema before sending (field
 * errors keyed as the API keys them, an unchosen select said as a form says
 * it); null when only the API's rules are left to check — own cloud (Art. 8),
 * an empty catalog (Art. 11), a past completion date — which it names itself.
 */
export function checkItProjectDraft(d: ItProjectDraft): Record<string, string> | null {
  const fields: Record<string, string> = {};
  if (d.buildsOwnCloudOrDataCenter === null) fields.buildsOwnCloudOrDataCenter = '请选择是否自建政务云或数据中心';
  d.dataCatalog.forEach((e, i) => {
    if (!e.shareClass) fields[`dataCatalog.${i}.shareClass`] = '请选择共享属性';
    if (!e.openClass) fields[`dataCatalog.${i}.openClass`] = '请选择开放属性';
  });
  const r = itProjectPayloadSchema.safeParse(itProjectDraftToPayload(d));
  if (!r.success) for (const i of r.error.issues) fields[i.path.join('.') || 'projectName'] ??= i.message;
  return Object.keys(fields).length > 0 ? fields : null;
}

/**
 * Errors after an edit: the edited field's go (its fix is under way). Catalog
 * entries are keyed by position (`dataCatalog.2.name`), so adding or removing
 * an entry drops every entry error rather than show one beside the wrong entry.
 */
export function itProjectErrorsAfterEdit(errors: Record<string, string>, prev: ItProjectDraft, next: ItProjectDraft): Record<string, string> {
  const changed = new Set<string>();
  for (const k of IT_PROJECT_FIELDS) if (k !== 'dataCatalog' && prev[k] !== next[k]) changed.add(k);
  const entryChanged = (i: number, f: keyof CatalogEntryDraft) => prev.dataCatalog[i]?.[f] !== next.dataCatalog[i]?.[f];
  const reshaped = prev.dataCatalog.length !== next.dataCatalog.length || prev.dataCatalog.some((e, i) => e.key !== next.dataCatalog[i]?.key);
  const out = Object.fromEntries(
    Object.entries(errors).filter(([k]) => {
      const [head, idx, field] = k.split('.');
      if (head !== 'dataCatalog') return !changed.has(head ?? k);
      if (reshaped) return false;
      if (idx === undefined) return true;
      return field === undefined ? true : !entryChanged(Number(idx), field as keyof CatalogEntryDraft);
    }),
  );
  return Object.keys(out).length === Object.keys(errors).length ? errors : out;
}

export type { AcceptanceCheckView, OpinionView };
export type AcceptanceEntryView = AcceptanceCheckView['entries'][number];

export const entryPassed = (e: AcceptanceEntryView): boolean => e.inCatalog && e.ownedByOwner && e.collected;

/** The IT-project parts of a case outcome (null before each exists). */
export function itProjectOutcome(outcome: CaseDetailView['outcome']): { opinion: OpinionView | null; acceptanceCheck: AcceptanceCheckView | null; nextReminderAt: string | null } {
  return { opinion: outcome?.opinion ?? null, acceptanceCheck: outcome?.acceptanceCheck ?? null, nextReminderAt: outcome?.nextReminderAt ?? null };
}

/** The opinion in a sentence's words. */
export const OPINION_DECISION_LABELS: Record<string, string> = {
  approve: '通过',
  'approve-with-conditions': '有条件通过',
  reject: '不予通过',
};

/** One 抄送 item of GET /tasks?kind=cc. */
export interface CcItemView {
  id: string;
  kind: 'cc';
  caseId: string;
  caseType: string;
  step: string;
  title: string;
  opinionNumber: string;
  createdAt: string;
  readAt: string | null;
  readBy: { id: string; name: string } | null;
}

export const opinionHref = (caseId: string): string => `/cases/${encodeURIComponent(caseId)}/opinion`;
/** Same-origin href of the PDF (the API is proxied under /api/v1). */
export const opinionPdfHref = (caseId: string): string => `/api/v1/cases/${encodeURIComponent(caseId)}/opinion.pdf`;

/** The project's catalog entries as filed (name and data items), for the completion report and the check. */
export function projectCatalogEntries(payload: Record<string, unknown>): { name: string; dataItems: string[] }[] {
  const entries = Array.isArray(payload.dataCatalog) ? payload.dataCatalog : [];
  return entries.map((e) => {
    const o = (e && typeof e === 'object' ? e : {}) as Record<string, unknown>;
    return { name: str(o.name), dataItems: strings(o.dataItems) };
  });
}
