'use client';
/**
 * 逾期督办: every overdue open task across organisations, most late first, a
 * page at a time — the BDB's supervision of each unit's time limits (Art. 34–35).
 * Only the BDB's roles and admin may open it; others are told why and send no request.
 */
import Link from 'next/link';
import type { OverdueTaskView } from '../../../../domain/views';
import { ROLE_LABELS, superviseOverdue } from '../../../../domain/auth/roles';
import { LightBadge, DueAt } from '../../../components/countdown';
import { btn, Empty, ErrorAlert, Loading, Notice, PageHeader, table } from '../../../components/ui';
import { Pager } from '../../../components/pager';
import { qs } from '../../../lib/api';
import { stepLabelFor } from '../../../lib/procedures';
import { fmtDateTime } from '../../../lib/time';
import { useApi } from '../../../lib/use-api';
import { PAGE_SIZE, useCursorPages, type PageOf } from '../../../lib/use-cursor-pages';
import { useMe } from '../../../lib/session';

const TITLE = '逾期督办';

export function OverdueTasks() {
  const me = useMe();
  if (!superviseOverdue(me.roles)) {
    return (
      <div>
        <PageHeader title={TITLE} />
        <Notice tone="amber">仅市大数据主管部门（审核员、协调员）和系统管理员可查看逾期督办。</Notice>
      </div>
    );
  }
  return <OverdueList />;
}

function OverdueList() {
  const pages = useCursorPages();
  const { data, error, loading, reload } = useApi<PageOf<OverdueTaskView>>(`/tasks/overdue${qs({ limit: PAGE_SIZE, cursor: pages.cursor })}`);
  const items = data?.items ?? [];

  return (
    <div>
      <PageHeader
        title={TITLE}
        subtitle="各单位逾期未办的任务，逾期最久的在前。逾期天数按工作日计算（期限届满后已开始的工作日）。"
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
          <table className={table.table} aria-label="逾期任务">
            <thead>
              <tr>
                <th className={table.th}>办件</th>
                <th className={table.th}>办理环节</th>
                <th className={table.th}>承办单位</th>
                <th className={table.th}>办理期限</th>
                <th className={table.th}>逾期</th>
                <th className={table.th}>
                  <span className="sr-only">操作</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((t) => (
                <tr key={t.id} className={table.tr}>
                  <td className={table.td}>
                    <Link href={`/cases/${encodeURIComponent(t.caseId)}`} className="font-medium text-blue-700 hover:underline">
                      {t.caseTitle}
                    </Link>
                    <div className="font-mono text-xs text-slate-500">{t.caseId}</div>
                  </td>
                  <td className={`${table.td} whitespace-nowrap`}>{t.stepLabel || stepLabelFor(t.caseType, t.step)}
                    {t.subject && <div className="text-xs text-slate-500">{t.subject}</div>}
                  </td>
                  <td className={`${table.td} text-xs`}>
                    <div className="font-medium text-slate-800">{t.assignee.org.name}</div>
                    <div className="text-slate-500">{ROLE_LABELS[t.assignee.role] ?? t.assignee.role}</div>
                  </td>
                  <td className={`${table.td} text-xs`}>
                    <DueAt dueAt={t.dueAt} provisional={t.provisional} overdue />
                    <div className="text-slate-500">收到于 {fmtDateTime(t.createdAt)}</div>
                  </td>
                  <td className={table.td}>
                    <LightBadge light="red" workingDaysLeft={0 - t.workingDaysLate} />
                  </td>
                  <td className={`${table.td} text-right`}>
                    <Link href={`/cases/${encodeURIComponent(t.caseId)}`} className={`${btn.secondary} whitespace-nowrap`} aria-label={`查看：${t.caseTitle}`}>
                      查看
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {items.length === 0 && <Empty>目前没有逾期未办的任务。</Empty>}
        </div>
      )}
      {data && <Pager pages={pages} nextCursor={data.nextCursor} total={data.total} shown={items.length} pageSize={PAGE_SIZE} label="逾期任务" busy={loading} />}
    </div>
  );
}
