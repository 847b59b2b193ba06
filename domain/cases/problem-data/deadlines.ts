/**
 * The problem-data loop's deadlines (Art. 27 ¶3, PROCEDURES §6): 5 working days
 * to handle, 1 for an urgent report (policy), and an extension that may never
 * pass receipt + 60 natural days. Pure: the API and the workflow's validator both ask it.
 */
import type { RuleRefusal } from '../payload-rules';
import { dueText } from '../due-text';

export const HANDLING_WORKING_DAYS = 5;
/** Policy: an urgent report is due the next working day; the BDB may set another limit on the case. */
export const URGENT_HANDLING_WORKING_DAYS = 1;
/** Art. 27 ¶3: an extension reaches at most 60 natural days from receipt. */
export const EXTENSION_CAP_NATURAL_DAYS = 60;
/** The longest limit the BDB may set on a case, in working days (stays within the 60-day cap). */
export const MAX_BDB_LIMIT_WORKING_DAYS = 40;

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // China keeps no daylight saving time

/** Natural days counted like working days (PROCEDURES §2): from the day after receipt, ending at 24:00 of the N-th day. */
export function naturalDaysEnd(receivedAt: string, days: number): Date {
  const local = Date.parse(receivedAt) + SHANGHAI_OFFSET_MS;
  const startOfReceiptDay = Math.floor(local / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
  return new Date(startOfReceiptDay + (days + 1) * DAY_MS);
}

/** The latest instant an extension may reach. */
export const extensionCap = (receivedAt: string): Date => naturalDaysEnd(receivedAt, EXTENSION_CAP_NATURAL_DAYS);

/**
 * Null when `newDueAt` is a deadline an extension may set: later than the
 * deadline it replaces and not past receipt + 60 natural days (Art. 27 ¶3).
 */
export function extensionRefusal(o: { receivedAt: string; newDueAt: string; currentDueAt?: string | null }): RuleRefusal | null {
  const requested = Date.parse(o.newDueAt);
  if (Number.isNaN(requested)) return { message: '请填写申请延长至的日期', article: '第27条第3款', fields: { newDueAt: '日期无效' } };
  const cap = extensionCap(o.receivedAt);
  if (requested > cap.getTime()) {
    return {
      message: `延期最长至收到反馈之日起60个自然日，即 ${dueText(cap.toISOString())}（第27条第3款）`,
      article: '第27条第3款',
      fields: { newDueAt: `不能晚于 ${dueText(cap.toISOString())}` },
    };
  }
  if (o.currentDueAt && requested <= Date.parse(o.currentDueAt)) {
    return { message: '申请延长至的日期须晚于当前办理期限', article: '第27条第3款', fields: { newDueAt: `须晚于当前期限 ${dueText(o.currentDueAt)}` } };
  }
  return null;
}

