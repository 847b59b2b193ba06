/** A list of cases: title, type, status, current step, dates. */
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { CaseStatus, CaseSummaryView, CaseType } from '../../domain/views';
import { CASE_STATUS, CASE_TYPE_LABELS, stepLabel } from '../lib/labels';
import { fmtDateTime } from '../lib/time';
import { CaseStatusBadge } from './badges';
import { Empty, FilterSelect, table } from './ui';

export function CaseTable({ items, label, empty, showApplicant }: { items: CaseSummaryView[]; label: string; empty: ReactNode; showApplicant?: boolean }) {
  const sorted = [...items].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
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
              <td className={`${table.td} text-xs`}>{c.currentSteps.length ? c.currentSteps.map(stepLabel).join('、') : '—'}</td>
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

/** Type and status selects for a case list; the caller keeps them in the URL. */
export function CaseFilters({ type, status, onChange, idPrefix }: { type: string; status: string; onChange: (k: 'type' | 'status', v: string) => void; idPrefix: string }) {
  return (
    <div className="mb-3 flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-white p-3 shadow-sm">
      <FilterSelect
        id={`${idPrefix}-type`}
        label="办件类型"
        value={type}
        options={(Object.keys(CASE_TYPE_LABELS) as CaseType[]).map((t) => [t, CASE_TYPE_LABELS[t]] as const)}
        onChange={(v) => onChange('type', v)}
      />
      <FilterSelect
        id={`${idPrefix}-status`}
        label="办理状态"
        value={status}
        options={(Object.keys(CASE_STATUS) as CaseStatus[]).map((s) => [s, CASE_STATUS[s].label] as const)}
        onChange={(v) => onChange('status', v)}
      />
    </div>
  );
}
