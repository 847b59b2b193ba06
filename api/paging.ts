/**
 * Paging parameters at the edge: `limit` (1–200, default 50) and an opaque
 * `cursor` — base64url of the last row's sort key (domain/paging.ts), checked
 * with zod on the way back in, so a forged or foreign cursor is a 400.
 */
import type { z as zod } from 'zod';
import { z } from '../domain/zod-locale';
import { AppError } from '../domain/errors';
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from '../domain/paging';

const LIMIT_MESSAGE = `limit 须为 1–${PAGE_LIMIT_MAX} 的整数`;

/** Query fields every paged list takes. */
export const pageQuery = {
  limit: z.coerce
    .number({ error: LIMIT_MESSAGE })
    .int(LIMIT_MESSAGE)
    .min(1, LIMIT_MESSAGE)
    .max(PAGE_LIMIT_MAX, LIMIT_MESSAGE)
    .default(PAGE_LIMIT_DEFAULT)
    .describe(`每页条数，1–${PAGE_LIMIT_MAX}，默认 ${PAGE_LIMIT_DEFAULT}`),
  cursor: z.string().max(600, '翻页游标无效').optional().describe('上一页返回的 nextCursor；不传则从第一页开始'),
};

export const encodeCursor = (key: unknown): string => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/** The sort key a cursor names, or a 400 naming the field when it is not one this list issued. */
export function decodeCursor<S extends zod.ZodType>(schema: S, cursor: string | undefined): zod.infer<S> | null {
  if (cursor === undefined || cursor === '') return null;
  let raw: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    raw = undefined;
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw new AppError('bad_request', '翻页游标无效：请从第一页重新查询', { cursor: '翻页游标无效或不属于此列表' });
  return r.data;
}

/** The answer of a paged list: its items, the cursor of the next page (null on the last) and the count of matches. */
export const pageBody = <T>(page: { items: T[]; total: number; next: unknown }) => ({
  items: page.items,
  nextCursor: page.next ? encodeCursor(page.next) : null,
  total: page.total,
});

/** Response schema of a paged list of `item`. */
export const pageSchema = <T extends zod.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('下一页的游标；最后一页为 null'),
    total: z.number().int().describe('符合条件的总条数'),
  });

/**
 * A paged list's handler: the cursor checked against this list's own key (a 400
 * before anything is read), one page read after it, the answer with the next cursor.
 */
export async function listPage<S extends zod.ZodType, T>(
  cursorSchema: S,
  query: { limit: number; cursor?: string },
  read: (page: { limit: number; after: zod.infer<S> | null }) => Promise<{ items: T[]; total: number; next: unknown }>,
) {
  const after = decodeCursor(cursorSchema, query.cursor);
  return { body: pageBody(await read({ limit: query.limit, after })) };
}
