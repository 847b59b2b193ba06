'use client';
/** 我的办件: the cases the user's organisation filed, with status and current step. */
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import type { CaseStatus, CaseSummaryView, CaseType } from '../../../../domain/views';
import { CaseStatusBadge } from '../../../components/badges';
import { btn, Empty, ErrorAlert, input, Loading, PageHeader, table } from '../../../components/ui';
import { qs } from '../../../lib/api';
import { CASE_STATUS, CASE_TYPE_LABELS, stepLabel } from '../../../lib/labels';
import { hasRole, useMe } from '../../../lib/session';
import { fmtDateTime } from '../../../lib/time';
import { useApi } from '../../../lib/use-api';

export function MyCases() {
  const me = useMe();
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const type = params.get('type') ?? '';
  const status = params.get('status') ?? '';
  const { data, error, loading, reload } = useApi<{ items: CaseSummaryView[] }>(`/cases${qs({ mine: true, type, status })}`);
  const items = [...(data?.items ?? [])].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));

  function setParam(k: string, v: string) {
    const sp = new URLSearchParams(params.toString());
    if (v) sp.set(k, v);
    else sp.delete(k);
    const s = sp.toString();
    router.replace(s ? `${pathname}?${s}` : pathname, { scroll: false });
  }

  return (
    <div>
      <PageHeader
        title="我的办件"
        subtitle={`${me.org.name}提交的申请及其办理进度。`}
        actions={
          hasRole(me, 'applicant') && (
            <Link href="/cases/new" className={btn.primary}>
              新建申请
            </Link>
          )
        }
      />
      <div className="mb-3 flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-white p-3 shadow-sm">
        <div>
          <label htmlFor="cases-type" className="mb-1 block text-xs font-medium text-slate-600">
            办件类型
          </label>
          <select id="cases-type" className={input} value={type} onChange={(e) => setParam('type', e.target.value)}>
            <option value="">全部</option>
            {(Object.keys(CASE_TYPE_LABELS) as CaseType[]).map((t) => (
              <option key={t} value={t}>
                {CASE_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="cases-status" className="mb-1 block text-xs font-medium text-slate-600">
            办理状态
          </label>
          <select id="cases-status" className={input} value={status} onChange={(e) => setParam('status', e.target.value)}>
            <option value="">全部</option>
            {(Object.keys(CASE_STATUS) as CaseStatus[]).map((s) => (
              <option key={s} value={s}>
                {CASE_STATUS[s].label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorAlert error={error} onRetry={reload} />
      {loading && !data ? (
        <Loading />
      ) : (
        <div className={table.wrap}>
          <table className={table.table} aria-label="我的办件">
            <thead>
              <tr>
                <th className={table.th}>办件</th>
                <th className={table.th}>类型</th>
                <th className={table.th}>状态</th>
                <th className={table.th}>当前环节</th>
                <th className={table.th}>提交时间</th>
                <th className={table.th}>最近更新</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((c) => (
                <tr key={c.id} className={table.tr}>
                  <td className={table.td}>
                    <Link href={`/cases/${encodeURIComponent(c.id)}`} className="font-medium text-blue-700 hover:underline">
                      {c.title}
                    </Link>
                    <div className="font-mono text-xs text-slate-400">{c.id}</div>
                  </td>
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
          {items.length === 0 && (
            <Empty>
              {type || status ? '没有符合筛选条件的办件。' : '暂无办件。'}
              {hasRole(me, 'applicant') && !type && !status && (
                <>
                  {' '}
                  <Link href="/cases/new" className="text-blue-700 hover:underline">
                    新建申请
                  </Link>
                </>
              )}
            </Empty>
          )}
        </div>
      )}
    </div>
  );
}
