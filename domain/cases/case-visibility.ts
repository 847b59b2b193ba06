/**
 * How much of a case each party sees (PROCEDURES §1: every task is addressed to a
 * role within an organisation, and nobody else may see it).
 *
 * - The BDB, administrators and the applicant organisation see the whole case: the
 *   applicant is owed each provider's answer and legal basis (Art. 17).
 * - The leadership office, once it holds a task on the case, sees the whole case:
 *   it decides the dispute (Art. 18 ¶2) and needs the record to do so.
 * - Any other organisation with a task on the case (a data provider) sees its own
 *   part: its own tasks, outcomes and grants of the resources it provides, and the
 *   history entries that concern it. Whatever is not known to be its own is hidden.
 * - In a problem-data case (Art. 27) the only parties are the reporter, the
 *   provider and the BDB, and each answer is addressed to the other: the provider
 *   sees the whole case (the dispute it must answer, the BDB's reasons to reopen).
 * - An organisation that received a copy (抄送) of an IT project's opinion (the
 *   investment and finance authorities, Art. 9) reads the case it acts on — its
 *   payload, outcome and history — but holds no task on it and sees none.
 * - Everyone else sees nothing (the API answers 404).
 */

export type CaseAudience = 'whole' | 'own-part' | 'copied';

export interface CaseViewer {
  orgId: string;
  /** The organisation's kind (domain/auth/roles ORG_KINDS); null when unknown. */
  orgKind: string | null;
  admin: boolean;
  /** Holds `opinion-recipient`: reads the IT projects whose opinion was copied to its organisation (Art. 9). */
  opinionRecipient?: boolean;
}

/** Organisation kinds that see every case whole, whether or not they hold a task on it. */
const SEES_EVERY_CASE: readonly string[] = ['bdb'];

/** Procedures whose every party (each holds a task on the case) sees it whole. */
const EVERY_PARTY_SEES_WHOLE: readonly string[] = ['problem-data'];

/** Whether the viewer may see every case (not only those it is a party to). */
export const seesEveryCase = (v: CaseViewer): boolean => v.admin || (v.orgKind !== null && SEES_EVERY_CASE.includes(v.orgKind));

/** How much of the case the viewer sees; null when it is no party to it. */
export function caseAudience(v: CaseViewer, c: { applicantOrgId: string; taskOrgIds: readonly string[]; type?: string; ccOrgIds?: readonly string[] }): CaseAudience | null {
  if (seesEveryCase(v) || c.applicantOrgId === v.orgId) return 'whole';
  if (!c.taskOrgIds.includes(v.orgId)) return v.opinionRecipient && c.ccOrgIds?.includes(v.orgId) ? 'copied' : null;
  return v.orgKind === 'leadership-office' || (c.type !== undefined && EVERY_PARTY_SEES_WHOLE.includes(c.type)) ? 'whole' : 'own-part';
}

/**
 * Entries about the case as a whole, which every party may read: they carry no
 * other organisation's decision, comment or legal basis.
 */
export const CASE_LEVEL_ACTIONS: readonly string[] = ['filed', 'case-granted', 'case-rejected', 'withdrawn'];

export interface HistoryFacts {
  action: string;
  /** The organisation that acted; null for the system or when unknown. */
  actorOrgId: string | null;
  /** The task the entry concerns (column); older rows carry it in `data.taskId` only. */
  taskId: string | null;
  data: unknown;
}

const field = (data: unknown, name: string): string | null => {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const v = (data as Record<string, unknown>)[name];
  return typeof v === 'string' && v !== '' ? v : null;
};

/** The task an entry concerns: the column, else `data.taskId`. */
export const historyTaskId = (h: HistoryFacts): string | null => h.taskId ?? field(h.data, 'taskId');

export interface OwnPart {
  orgId: string;
  ownTaskIds: ReadonlySet<string>;
  /** Resource code → the organisation that provides it, for the case's resources. */
  resourceProvider: ReadonlyMap<string, string>;
}

const providesResource = (own: OwnPart, code: string | null): boolean => code !== null && own.resourceProvider.get(code) === own.orgId;

/**
 * Whether a provider sees one history entry: one of its tasks, its own act, a
 * case-level entry, or an entry about a resource it provides. Everything else —
 * above all another organisation's `decided` entry — stays hidden.
 */
export function historyEntryVisibleTo(own: OwnPart, h: HistoryFacts): boolean {
  if (CASE_LEVEL_ACTIONS.includes(h.action)) return true;
  if (h.actorOrgId !== null && h.actorOrgId === own.orgId) return true;
  const taskId = historyTaskId(h);
  if (taskId !== null) return own.ownTaskIds.has(taskId);
  return providesResource(own, field(h.data, 'resource'));
}

export interface CaseParts<T, O, G, H> {
  tasks: readonly T[];
  outcomes: readonly O[];
  grants: readonly G[];
  history: readonly H[];
}

/** The parts of a case the audience sees; for `whole`, all of them. */
export function visibleCaseParts<
  T extends { id: string; assigneeOrgId: string },
  O extends { code: string },
  G extends { resourceCode: string },
  H extends HistoryFacts,
>(
  audience: CaseAudience,
  viewerOrgId: string,
  resourceProvider: ReadonlyMap<string, string>,
  parts: CaseParts<T, O, G, H>,
): { tasks: T[]; outcomes: O[]; grants: G[]; history: H[] } {
  if (audience === 'whole') return { tasks: [...parts.tasks], outcomes: [...parts.outcomes], grants: [...parts.grants], history: [...parts.history] };
  if (audience === 'copied') return { tasks: [], outcomes: [...parts.outcomes], grants: [], history: [...parts.history] };
  const tasks = parts.tasks.filter((t) => t.assigneeOrgId === viewerOrgId);
  const own: OwnPart = { orgId: viewerOrgId, ownTaskIds: new Set(tasks.map((t) => t.id)), resourceProvider };
  return {
    tasks,
    outcomes: parts.outcomes.filter((o) => providesResource(own, o.code)),
    grants: parts.grants.filter((g) => providesResource(own, g.resourceCode)),
    history: parts.history.filter((h) => historyEntryVisibleTo(own, h)),
  };
}
