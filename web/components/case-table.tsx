'use client';
/** A list of cases: title, type, status, current step, dates — in the order the API gives (newest first). */
import Link from 'next/link';
import { useEffect, useState, type ReactNode } from 'react';
import type { CaseStatus, CaseSummaryView, CaseType } from '../../domain/views';
import { CASE_STATUS, CASE_TYPE_LABELS } from '../lib/labels';
import { stepLabelFor } from '../lib/procedures';
import { fmtDateTime } from '../lib/time';
import { CaseStatusBadge } from './badges';
import { qs } from '../lib/api';
import { useApi } from '../lib/use-api';
import { PAGE_SIZE, useCursorPages, type PageOf } from '../lib/use-cursor-pages';
import { Pager } from './pager';
import { btn, Empty, ErrorAlert, FilterSelect, input, Loading, table } from './ui';

export function CaseTable({ items, label, empty, showApplicant }: { items: CaseSummaryView[]; label: string; empty: ReactNode; showApplicant?: boolean }) {
  const sorted = items;
  return (
    <div className={table.wrap}>
      <table className={table.table} aria-label={label}>
        <thead>
          <tr>
            <th className={table.th}>办件</th>
            {showApplicant && <th className={table.th}>申请单位</th>}
            <th className={table.th}>类型</th>
            <th className={table.th}>状态</th>
            <th className={table.th}>当前环节</th>
            <th className={table.th}>提交时间</th>
            <th className={table.th}>最近更新</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sorted.map((c) => (
            <tr key={c.id} className={table.tr}>
              <td className={table.td}>
                <Link href={`/cases/${encodeURIComponent(c.id)}`} className="font-medium text-blue-700 hover:underline">
                  {c.title}
                </Link>
                <div className="font-mono text-xs text-slate-400">{c.id}</div>
              </td>
              {showApplicant && (
                <td className={`${table.td} text-xs`}>
                  {c.applicant.org.name}
                  {c.applicant.user && <div className="text-slate-500">{c.applicant.user.displayName}</div>}
                </td>
              )}
              <td className={`${table.td} whitespace-nowrap`}>{CASE_TYPE_LABELS[c.type] ?? c.type}</td>
              <td className={table.td}>
                <CaseStatusBadge value={c.status} />
              </td>
              <td className={`${table.td} text-xs`}>{c.currentSteps.length ? c.currentSteps.map((s) => stepLabelFor(c.type, s)).join('、') : '—'}</td>
              <td className={`${table.td} whitespace-nowrap text-xs`}>{fmtDateTime(c.createdAt)}</td>
              <td className={`${table.td} whitespace-nowrap text-xs`}>{fmtDateTime(c.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {sorted.length === 0 && <Empty>{empty}</Empty>}
    </div>
  );
}

export type CaseFilterKey = 'type' | 'status' | 'q' | 'overdue';

/** Search box (编号、标题、申请单位), type and status selects and 仅逾期 for a case list; the caller keeps them in the URL. */
export function CaseFilters({
  type,
  status,
  q,
  overdue,
  onChange,
  idPrefix,
}: {
  type: string;
  status: string;
  q: string;
  overdue: boolean;
  onChange: (patch: Partial<Record<CaseFilterKey, string>>) => void;
  idPrefix: string;
}) {
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  // Checked at once; the URL (and with it the list) follows a moment later.
  const [onlyOverdue, setOnlyOverdue] = useState(overdue);
  useEffect(() => setOnlyOverdue(overdue), [overdue]);
  return (
    <div className="mb-3 flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-white p-3 shadow-sm">
      <form
        role="search"
        className="flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          onChange({ q: text.trim() });
        }}
      >
        <div>
          <label htmlFor={`${idPrefix}-q`} className="mb-1 block text-xs font-medium text-slate-600">
            搜索
          </label>
          <input
            id={`${idPrefix}-q`}
            type="search"
            className={`${input} w-64`}
            placeholder="办件编号、标题或申请单位"
            value={text}
            maxLength={100}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <button type="submit" className={btn.secondary}>
          搜索
        </button>
      </form>
      <FilterSelect
        id={`${idPrefix}-type`}
        label="办件类型"
        value={type}
        options={(Object.keys(CASE_TYPE_LABELS) as CaseType[]).map((t) => [t, CASE_TYPE_LABELS[t]] as const)}
        onChange={(v) => onChange({ type: v })}
      />
      <FilterSelect
        id={`${idPrefix}-status`}
        label="办理状态"
        value={status}
        options={(Object.keys(CASE_STATUS) as CaseStatus[]).map((s) => [s, CASE_STATUS[s].label] as const)}
        onChange={(v) => onChange({ status: v })}
      />
      <label className="flex items-center gap-1.5 pb-2 text-sm text-slate-700">
        <input
          type="checkbox"
          className="h-4 w-4 rounded border-slate-300 text-blue-700"
          checked={onlyOverdue}
          onChange={(e) => {
            setOnlyOverdue(e.target.checked);
            onChange({ overdue: e.target.checked ? 'true' : '' });
          }}
        />
        仅逾期
      </label>
    </div>
  );
}

/**
 * A paged, searchable case list (GET /cases) whose filters and page live in the
 * URL: 我的办件 (mine) and the administrator's 全部办件.
 */
export function PagedCaseList({ mine, idPrefix, label, showApplicant, empty }: { mine?: boolean; idPrefix: string; label: string; showApplicant?: boolean; empty: ReactNode }) {
  const pages = useCursorPages();
  const { params } = pages;
  const type = params.get('type') ?? '';
  const status = params.get('status') ?? '';
  const q = params.get('q') ?? '';
  const overdue = params.get('overdue') === 'true';
  const { data, error, loading, reload } = useApi<PageOf<CaseSummaryView>>(`/cases${qs({ mine: mine || undefined, type, status, q, overdue: overdue || undefined, limit: PAGE_SIZE, cursor: pages.cursor })}`);
  const filtered = !!(type || status || q || overdue);
  return (
    <div>
      <CaseFilters idPrefix={idPrefix} type={type} status={status} q={q} overdue={overdue} onChange={(patch) => pages.setFilters(patch as Record<string, string>)} />
      <ErrorAlert error={error} onRetry={reload} />
      {loading && !data ? (
        <Loading />
      ) : (
        <>
          <CaseTable items={data?.items ?? []} label={label} showApplicant={showApplicant} empty={filtered ? '没有符合条件的办件。' : empty} />
          <Pager pages={pages} nextCursor={data?.nextCursor} total={data?.total} totalCapped={data?.totalCapped} shown={data?.items.length ?? 0} pageSize={PAGE_SIZE} label={label} busy={loading} />
        </>
      )}
    </div>
  );
}
