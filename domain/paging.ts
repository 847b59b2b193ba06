/**
 * Keyset paging (API.md "Lists, paging and search"). A page ends with a cursor
 * naming the last row's sort key; the next page starts strictly after it. The
 * key of every list is unique and never reused, so following the cursors
 * visits each row once even while rows are added.
 */
import { z } from './zod-locale';

export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 200;

/** A page of a list: `nextCursor` is null on the last page; `total` counts every match. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
}

const ms = z.number().int().nonnegative();
const id = z.string().min(1).max(200);

/** Cases, newest first: (createdAt desc, id desc). */
export const caseCursorSchema = z.strictObject({ k: z.literal('case'), t: ms, i: id });
/**
 * The open inbox, most urgent first: tasks with a deadline by (dueAt, createdAt, id),
 * then tasks without one by (createdAt, id). `d` is null once the cursor is in that second segment.
 */
export const openTaskCursorSchema = z.strictObject({ k: z.literal('task-open'), d: ms.nullable(), t: ms, i: id });
/** Done tasks, latest first: (completedAt desc, id desc); tasks without completedAt last, by id desc. */
export const doneTaskCursorSchema = z.strictObject({ k: z.literal('task-done'), d: ms.nullable(), i: id });
/** The BDB's overdue view, most late first: (dueAt, createdAt, id) ascending. */
export const overdueTaskCursorSchema = z.strictObject({ k: z.literal('task-overdue'), d: ms, t: ms, i: id });
/** 抄送 items, newest first: (createdAt desc, id desc). */
export const ccCursorSchema = z.strictObject({ k: z.literal('cc'), t: ms, i: id });
/** The audit log, newest first: seq desc. */
export const auditCursorSchema = z.strictObject({ k: z.literal('audit'), s: z.number().int() });

export type CaseCursor = z.infer<typeof caseCursorSchema>;
export type OpenTaskCursor = z.infer<typeof openTaskCursorSchema>;
export type DoneTaskCursor = z.infer<typeof doneTaskCursorSchema>;
export type OverdueTaskCursor = z.infer<typeof overdueTaskCursorSchema>;
export type AuditCursor = z.infer<typeof auditCursorSchema>;
export type CcCursor = z.infer<typeof ccCursorSchema>;

/**
 * The first `n` of several lists each already sorted by `cmp`: one index-ordered
 * query per role (or status) merged, instead of one query whose `IN` keeps the
 * index from giving the order.
 */
export function mergeSorted<T>(lists: readonly T[][], cmp: (a: T, b: T) => number, n: number): T[] {
  return lists.flat().sort(cmp).slice(0, n);
}
