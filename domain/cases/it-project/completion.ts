/**
 * The completion wait and the acceptance check (Art. 11): when the owner is
 * reminded to report, and what the automatic check finds for each entry of
 * the project's data catalog. Computed in activities, never in the workflow.
 */
import { isUpdateLapsed } from '../../catalog/rules';

/** Policy: completion reminders go out at 09:00 Shanghai (office hours), not at midnight. */
export const REMINDER_HOUR_SHANGHAI = 9;

const daysInMonth = (y: number, m0: number) => new Date(Date.UTC(y, m0 + 1, 0)).getUTCDate();

/**
 * The n-th completion reminder (n = 0 at the planned completion date, then one
 * each calendar month after, the day clamped to the month's end: 01-31 → 02-28).
 */
export function completionReminderAt(plannedCompletion: string, n: number): Date {
  const [y, m, d] = plannedCompletion.split('-').map(Number) as [number, number, number];
  const months = m - 1 + n;
  const year = y + Math.floor(months / 12);
  const month0 = months % 12;
  const day = Math.min(d, daysInMonth(year, month0));
  return new Date(Date.UTC(year, month0, day, REMINDER_HOUR_SHANGHAI - 8));
}

/** The first reminder strictly after `after`: its number in the schedule and its instant. */
export function nextCompletionReminder(plannedCompletion: string, after: Date): { n: number; at: string } {
  let n = 0;
  while (completionReminderAt(plannedCompletion, n).getTime() <= after.getTime()) n++;
  return { n, at: completionReminderAt(plannedCompletion, n).toISOString() };
}

/** What the check needs of a catalog resource. */
export interface CatalogFacts {
  code: string;
  providerId: string;
  updateCycle: string;
  lastUpdatedAt: Date;
}

export interface AcceptanceEntry {
  name: string;
  resourceCode: string;
  /** The code is in the public catalog (Art. 10). */
  inCatalog: boolean;
  /** The project owner provides it. */
  ownedByOwner: boolean;
  /** Data is being collected: the update cycle has not lapsed (Art. 26). */
  collected: boolean;
}

export interface AcceptanceCheck {
  passed: boolean;
  checkedAt: string;
  entries: AcceptanceEntry[];
}

/** The automatic acceptance check: every entry in the catalog, provided by the owner, with data collected. */
export function checkAcceptance(o: { ownerOrgId: string; entries: readonly { name: string; resourceCode: string }[]; catalog: readonly CatalogFacts[]; now: Date }): AcceptanceCheck {
  const entries = o.entries.map((e): AcceptanceEntry => {
    const r = o.catalog.find((c) => c.code === e.resourceCode);
    return { name: e.name, resourceCode: e.resourceCode, inCatalog: !!r, ownedByOwner: !!r && r.providerId === o.ownerOrgId, collected: !!r && !isUpdateLapsed(r.updateCycle, r.lastUpdatedAt, o.now) };
  });
  return { passed: entries.length > 0 && entries.every(entryPassed), checkedAt: o.now.toISOString(), entries };
}

export const entryPassed = (e: AcceptanceEntry): boolean => e.inCatalog && e.ownedByOwner && e.collected;

/** Why an entry failed, in the words the history and the failed-acceptance notice use. */
export function entryProblems(e: AcceptanceEntry): string[] {
  if (!e.inCatalog) return ['不在公共数据资源目录中'];
  return [...(e.ownedByOwner ? [] : ['提供单位不是项目建设单位']), ...(e.collected ? [] : ['数据未按更新周期归集（第26条）'])];
}
