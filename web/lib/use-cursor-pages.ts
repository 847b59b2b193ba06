'use client';
/**
 * Cursor paging for a list whose filters live in the URL (so a view can be
 * bookmarked): the current page's cursor is the `cursor` parameter; the
 * cursors of the pages before it are remembered here, for 上一页. Changing a
 * filter goes back to the first page.
 */
import { useCallback, useState } from 'react';
import { useUrlParams } from './url-params';

/** What GET /tasks, /cases and /admin/audit answer (API.md "Lists, paging and search"). */
export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
  /** GET /cases: more matches than it counts; `total` is then that cap (shown as "… 条以上"). */
  totalCapped?: boolean;
}

export const PAGE_SIZE = 50;

export interface CursorPages {
  params: URLSearchParams;
  /** The current page's cursor ('' on the first page). */
  cursor: string;
  /** 1-based, when known (a bookmarked deep page does not know what came before it). */
  pageNo: number | null;
  hasPrev: boolean;
  next: (nextCursor: string) => void;
  prev: () => void;
  first: () => void;
  /** Sets filters (empty string removes one) and returns to the first page. */
  setFilters: (patch: Record<string, string>) => void;
}

export function useCursorPages(): CursorPages {
  const [params, setParams] = useUrlParams();
  const cursor = params.get('cursor') ?? '';
  const [trail, setTrail] = useState<{ for: string; before: string[] }>({ for: '', before: [] });
  // The trail belongs to the page it was built for; any other cursor (a bookmark, a nav link) starts afresh.
  const before = trail.for === cursor ? trail.before : null;

  const next = useCallback(
    (nextCursor: string) => {
      setTrail({ for: nextCursor, before: [...(before ?? []), cursor] });
      setParams({ cursor: nextCursor });
    },
    [before, cursor, setParams],
  );
  const prev = useCallback(() => {
    const b = before ?? [];
    const to = b.at(-1) ?? '';
    setTrail({ for: to, before: b.slice(0, -1) });
    setParams({ cursor: to });
  }, [before, setParams]);
  const first = useCallback(() => {
    setTrail({ for: '', before: [] });
    setParams({ cursor: '' });
  }, [setParams]);
  const setFilters = useCallback(
    (patch: Record<string, string>) => {
      setTrail({ for: '', before: [] });
      setParams({ ...patch, cursor: '' });
    },
    [setParams],
  );
  return {
    params: new URLSearchParams(params.toString()),
    cursor,
    pageNo: cursor === '' ? 1 : before ? before.length + 1 : null,
    hasPrev: cursor !== '',
    next,
    prev,
    first,
    setFilters,
  };
}
