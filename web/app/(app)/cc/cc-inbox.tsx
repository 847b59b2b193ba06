'use client';
/**
 * 抄送: the IT project review opinions sent to the investment and finance
 * authorities (Art. 9: the basis for approving and budgeting the project), read
 * only — 未读 / 已读, each opening its opinion, and 标记已读 (POST /tasks/{id}/read).
 */
import Link from 'next/link';
import { useEffect } from 'react';
import { ArticleBadge, btn, cx, Empty, ErrorAlert, Loading, PageHeader, table } from '../../../components/ui';
import { Pager } from '../../../components/pager';
import { StatusTabs, type OpenOrDone } from '../../../components/status-tabs';
import { MarkReadButton } from '../../../components/mark-read-button';
import { qs } from '../../../lib/api';
import { opinionHref, type CcItemView } from '../../../lib/it-project';
import { fmtDateTime } from '../../../lib/time';
import { useApi } from '../../../lib/use-api';
import { PAGE_SIZE, useCursorPages, type PageOf } from '../../../lib/use-cursor-pages';

export function CcInbox() {
  const pages = useCursorPages();
  const tab: OpenOrDone = pages.params.get('status') === 'done' ? 'done' : 'open';
  const caseId = pages.params.get('caseId') ?? '';
  const { data, error, loading, reload, poll } = useApi<PageOf<CcItemView>>(`/tasks${qs({ kind: 'cc', status: tab, caseId, limit: PAGE_SIZE, cursor: pages.cursor })}`);

  useEffect(() => {
    const t = setInterval(() => void poll(), 60_000);
    return () => clearInterval(t);
  }, [poll]);

  const items = data?.items ?? [];
  return (
    <div>
      <PageHeader
        title="抄送"
        subtitle={
          <>
            市大数据主管部门出具的信息化项目审核意见，作为审批立项、编制预算的依据，只读。 <ArticleBadge article="第9条" />
          </>
        }
        actions={
          <button type="button" className={btn.secondary} onClick={() => void reload()} disabled={loading}>
            刷新
          </button>
        }
      />
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <StatusTabs label="阅读状态" names={{ open: '未读', done: '已读' }} current={tab} count={data?.total} onSelect={(k) => pages.setFilters({ status: k === 'open' ? '' : k })} />
        {caseId && (
          <button type="button" className={btn.secondary} onClick={() => pages.setFilters({ caseId: '' })} aria-label={`取消仅显示办件 ${caseId}`}>
            办件 <span className="font-mono">{caseId}</span> ✕
          </button>
        )}
      </div>
      <ErrorAlert error={error} onRetry={reload} />
      {loading && !data ? (
        <Loading />
      ) : (
        <div className={table.wrap}>
          <table className={table.table} aria-label={tab === 'open' ? '未读抄送' : '已读抄送'}>
            <thead>
              <tr>
                <th className={table.th}>审核意见</th>
                <th className={table.th}>文号</th>
                <th className={table.th}>收到时间</th>
                {tab === 'done' && <th className={table.th}>阅读</th>}
                <th className={table.th}>
                  <span className="sr-only">操作</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((item) => (
                <tr key={item.id} className={table.tr}>
                  <td className={table.td}>
                    <Link href={opinionHref(item.caseId)} className={cx('text-blue-700 hover:underline', tab === 'open' && 'font-semibold')}>
                      {item.title}
                    </Link>
                    <div className="font-mono text-xs text-slate-500">{item.caseId}</div>
                  </td>
                  <td className={`${table.td} whitespace-nowrap`}>{item.opinionNumber}</td>
                  <td className={`${table.td} whitespace-nowrap text-xs`}>{fmtDateTime(item.createdAt)}</td>
                  {tab === 'done' && (
                    <td className={`${table.td} text-xs`}>
                      {fmtDateTime(item.readAt)}
                      {item.readBy && <div className="text-slate-500">{item.readBy.name}</div>}
                    </td>
                  )}
                  <td className={`${table.td} text-right`}>
                    <span className="inline-flex items-start justify-end gap-2">
                      <Link href={opinionHref(item.caseId)} className={`${btn.secondary} whitespace-nowrap`} aria-label={`查看审核意见：${item.title}`}>
                        查看
                      </Link>
                      {tab === 'open' && <MarkReadButton item={item} onDone={() => void reload()} />}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {items.length === 0 && <Empty>{tab === 'open' ? '没有未读的抄送。' : '没有已读的抄送。'}</Empty>}
        </div>
      )}
      {data && <Pager pages={pages} nextCursor={data.nextCursor} total={data.total} shown={items.length} pageSize={PAGE_SIZE} label={tab === 'open' ? '未读抄送' : '已读抄送'} busy={loading} />}
    </div>
  );
}
