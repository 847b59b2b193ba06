'use client';
/**
 * 问题清单 (Art. 18 ¶2): restricted-share requests the BDB could not settle
 * with the data provider and reported to the leadership office, newest first,
 * with the disputed provider and where each case stands. Each party sees the
 * cases it may see (GET /cases?problemList=true applies the visibility rules).
 */
import Link from 'next/link';
import type { CaseSummaryView } from '../../../../domain/views';
import { CaseStatusBadge } from '../../../components/badges';
import { Pager } from '../../../components/pager';
import { btn, Empty, ErrorAlert, Loading, PageHeader, table } from '../../../components/ui';
import { qs } from '../../../lib/api';
import { stepLabelFor } from '../../../lib/procedures';
import { fmtDateTime } from '../../../lib/time';
import { useApi } from '../../../lib/use-api';
import { PAGE_SIZE, useCursorPages, type PageOf } from '../../../lib/use-cursor-pages';

const LABEL = '问题清单';

export function ProblemList() {
  const pages = useCursorPages();
  const { data, error, loading, reload } = useApi<PageOf<CaseSummaryView>>(`/cases${qs({ problemList: true, limit: PAGE_SIZE, cursor: pages.cursor })}`);
  const items = data?.items ?? [];
  return (
    <div>
      <PageHeader
        title={LABEL}
        subtitle="依据《宁波市公共数据管理办法》第十八条第二款：数据提供单位不同意共享、经市大数据主管部门协调仍不能达成一致的，列入问题清单，报市政府数字化转型工作领导小组办公室协调。"
        actions={
          <button type="button" className={btn.secondary} onClick={() => void reload()} disabled={loading}>
            刷新
          </button>
        }
      />
      <ErrorAlert error={error} onRetry={reload} />
      {loading && !data ? (
        <Loading />
      ) : (
        <div className={table.wrap}>
          <table className={table.table} aria-label={LABEL}>
            <thead>
              <tr>
                <th className={table.th}>办件</th>
                <th className={table.th}>申请单位</th>
                <th className={table.th}>有争议的数据提供单位</th>
                <th className={table.th}>状态</th>
                <th className={table.th}>当前环节</th>
                <th className={table.th}>提交时间</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((c) => (
                <tr key={c.id} className={table.tr}>
                  <td className={table.td}>
                    <Link href={`/cases/${encodeURIComponent(c.id)}`} className="font-medium text-blue-700 hover:underline">
                      {c.title}
                    </Link>
                    <div className="font-mono text-xs text-slate-500">{c.id}</div>
                  </td>
                  <td className={`${table.td} text-xs`}>{c.applicant.org.name}</td>
                  <td className={`${table.td} text-xs font-medium text-slate-800`}>{c.disputedProviders?.length ? c.disputedProviders.map((o) => o.name).join('、') : '—'}</td>
                  <td className={table.td}>
                    <CaseStatusBadge value={c.status} />
                  </td>
                  <td className={`${table.td} text-xs`}>{c.currentSteps.length ? c.currentSteps.map((step) => stepLabelFor(c.type, step)).join('、') : '—'}</td>
                  <td className={`${table.td} whitespace-nowrap text-xs`}>{fmtDateTime(c.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {items.length === 0 && <Empty>问题清单中暂无办件。</Empty>}
        </div>
      )}
      {data && <Pager pages={pages} nextCursor={data.nextCursor} total={data.total} totalCapped={data.totalCapped} shown={items.length} pageSize={PAGE_SIZE} label={LABEL} busy={loading} />}
    </div>
  );
}
