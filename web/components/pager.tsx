/**
 * 上一页 / 下一页 under a cursor-paged list, with the count of matches. A case
 * list counts at most so many (GET /cases `totalCapped`): then "1000 条以上" (a search: "200 条以上").
 */
import type { CursorPages } from '../lib/use-cursor-pages';
import { btn } from './ui';

export function Pager({ pages, nextCursor, total, totalCapped, shown, pageSize, label, busy }: { pages: CursorPages; nextCursor: string | null | undefined; total: number | undefined; totalCapped?: boolean; shown: number; pageSize: number; label: string; busy?: boolean }) {
  const from = pages.pageNo !== null ? (pages.pageNo - 1) * pageSize + 1 : null;
  return (
    <nav aria-label={`${label}分页`} className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p aria-live="polite">
        共 <span className="font-semibold text-slate-900">{total ?? '—'}</span> 条{total !== undefined && totalCapped ? '以上' : ''}
        {shown > 0 && from !== null && (
          <span className="ml-2 text-xs text-slate-500">
            第 {pages.pageNo} 页（第 {from}–{from + shown - 1} 条）
          </span>
        )}
      </p>
      {(pages.hasPrev || nextCursor) && (
        <div className="flex items-center gap-2">
          {pages.hasPrev && pages.pageNo !== 2 && (
            <button type="button" className={btn.secondary} onClick={pages.first} disabled={busy}>
              首页
            </button>
          )}
          <button type="button" className={btn.secondary} onClick={pages.prev} disabled={busy || !pages.hasPrev}>
            上一页
          </button>
          <button type="button" className={btn.secondary} onClick={() => nextCursor && pages.next(nextCursor)} disabled={busy || !nextCursor}>
            下一页
          </button>
        </div>
      )}
    </nav>
  );
}
