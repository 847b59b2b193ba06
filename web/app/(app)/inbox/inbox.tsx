'use client';
/** 待办 / 已办: the tasks addressed to the user's organisation and roles, soonest deadline first, a page at a time, with a live countdown. */
import Link from 'next/link';
import { useEffect, useMemo } from 'react';
import type { CaseType, TaskView } from '../../../../domain/views';
import { ROLE_LABELS } from '../../../../domain/auth/roles';
import { DecisionBadge } from '../../../components/badges';
import { Countdown, DueAt, useNow } from '../../../components/countdown';
import { Badge, btn, cx, Empty, ErrorAlert, FilterSelect, Loading, PageHeader, table } from '../../../components/ui';
import { qs } from '../../../lib/api';
import { CASE_TYPE_LABELS } from '../../../lib/labels';
import { stepLabelFor, stepOptions } from '../../../lib/procedures';
import { fmtDateTime } from '../../../lib/time';
import { useApi } from '../../../lib/use-api';
import { PAGE_SIZE, useCursorPages, type PageOf } from '../../../lib/use-cursor-pages';
import { useMe } from '../../../lib/session';
import { Pager } from '../../../components/pager';
import { StatusTabs, type OpenOrDone } from '../../../components/status-tabs';
import { ClaimButton, ClaimStatus } from '../../../components/task-inbox-actions';

export function Inbox() {
  const me = useMe();
  const pages = useCursorPages();
  const { params } = pages;
  const tab: OpenOrDone = params.get('status') === 'done' ? 'done' : 'open';
  // `caseType` is the name older bookmarks use.
  const caseType = params.get('type') ?? params.get('caseType') ?? '';
  const step = params.get('step') ?? '';
  // One case's tasks: a link from a case or a notification, and a bookmark.
  const caseId = params.get('caseId') ?? '';
  const { data, error, loading, reload, poll } = useApi<PageOf<TaskView>>(`/tasks${qs({ status: tab, type: caseType, step, caseId, limit: PAGE_SIZE, cursor: pages.cursor })}`);
  const now = useNow(1000);

  // New tasks arrive while the page is open: refresh the list every minute and when the tab regains focus.
  useEffect(() => {
    const t = setInterval(() => void poll(), 60_000);
    const onFocus = () => void reload();
    window.addEventListener('focus', onFocus);
    return () => {
      clearInterval(t);
      window.removeEventListener('focus', onFocus);
    };
  }, [reload, poll]);

  // The server sorts (most urgent first; done: latest first) and filters; the page shows its order.
  const items = useMemo(() => data?.items ?? [], [data]);
  // The steps of the chosen procedure (every procedure's when none) that the user's roles hold.
  const steps = useMemo(() => stepOptions(caseType, me.roles), [caseType, me.roles]);
  const overdueCount = tab === 'open' ? items.filter((t) => t.overdue || (t.dueAt && new Date(t.dueAt).getTime() < now)).length : 0;
  const filtered = !!(caseType || step || caseId);

  return (
    <div>
      <PageHeader
        title="待办"
        subtitle="发给本单位、本角色的办理任务。期限按工作日计算，逾期未办的同时提示市大数据主管部门。"
        actions={
          <button type="button" className={btn.secondary} onClick={() => void reload()} disabled={loading}>
            刷新
          </button>
        }
      />
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <StatusTabs label="任务状态" names={{ open: '待办', done: '已办' }} current={tab} count={data?.total} onSelect={(k) => pages.setFilters({ status: k === 'open' ? '' : k, step: '' })} />
        <div className="flex flex-wrap items-end gap-3">
          <FilterSelect
            id="inbox-type"
            label="办件类型"
            value={caseType}
            options={(Object.keys(CASE_TYPE_LABELS) as CaseType[]).map((t) => [t, CASE_TYPE_LABELS[t]] as const)}
            onChange={(v) => pages.setFilters({ type: v, caseType: '', ...(stepOptions(v, me.roles).some(([s]) => s === step) ? {} : { step: '' }) })}
          />
          <FilterSelect id="inbox-step" label="办理环节" value={step} options={steps} onChange={(v) => pages.setFilters({ step: v })} />
          {caseId && (
            <button type="button" className={btn.secondary} onClick={() => pages.setFilters({ caseId: '' })} aria-label={`取消仅显示办件 ${caseId}`}>
              办件 <span className="font-mono">{caseId}</span> ✕
            </button>
          )}
        </div>
      </div>

      {overdueCount > 0 && (
        <div className="mb-3 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" role="status">
          {data?.nextCursor || pages.hasPrev ? '本页' : ''}有 {overdueCount} 项任务已逾期，请尽快办理。
        </div>
      )}

      <ErrorAlert error={error} onRetry={reload} />
      {loading && !data ? (
        <Loading />
      ) : (
        <div className={table.wrap}>
          <table className={table.table} aria-label={tab === 'open' ? '待办任务' : '已办任务'}>
            <thead>
              <tr>
                <th className={table.th}>办件</th>
                <th className={table.th}>办理环节</th>
                <th className={table.th}>承办</th>
                <th className={table.th}>收到时间</th>
                <th className={table.th}>办理期限</th>
                <th className={table.th}>{tab === 'open' ? '剩余时间' : '办理结果'}</th>
                <th className={table.th}>
                  <span className="sr-only">操作</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((t) => {
                const late = tab === 'open' && (t.overdue || (t.dueAt !== null && new Date(t.dueAt).getTime() < now));
                return (
                  <tr key={t.id} className={cx(table.tr, late && 'bg-red-50/60')}>
                    <td className={table.td}>
                      <Link href={`/cases/${encodeURIComponent(t.caseId)}`} className="font-medium text-blue-700 hover:underline">
                        {t.caseTitle}
                      </Link>
                      <div className="font-mono text-xs text-slate-500">{t.caseId}</div>
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>{t.stepLabel || stepLabelFor(t.caseType, t.step)}
                      {t.subject && <div className="text-xs text-slate-500">{t.subject}</div>}
                    </td>
                    <td className={`${table.td} text-xs`} title={ROLE_LABELS[t.assignee.role] ?? t.assignee.role}>
                      {t.assignee.org.name}
                      {tab === 'open' && (
                        <div className="mt-1">
                          <ClaimStatus task={t} me={me} />
                        </div>
                      )}
                    </td>
                    <td className={`${table.td} whitespace-nowrap text-xs`}>{fmtDateTime(t.createdAt)}</td>
                    <td className={`${table.td} text-xs`}>
                      <DueAt dueAt={t.dueAt} provisional={t.provisional} overdue={late} />
                    </td>
                    <td className={table.td}>
                      {tab === 'open' ? (
                        <span className="flex items-center gap-1.5">
                          <Countdown dueAt={t.dueAt} overdue={t.overdue} now={now} light={t.light} workingDaysLeft={t.workingDaysLeft} />
                          {t.provisional && t.dueAt && <Badge tone="amber">暂定</Badge>}
                        </span>
                      ) : (
                        <span className="flex flex-col gap-0.5">
                          {t.status === 'cancelled' ? <Badge tone="slate">已取消</Badge> : <DecisionBadge type={t.caseType} step={t.step} value={t.decision} />}
                          <span className="whitespace-nowrap text-xs text-slate-500">{fmtDateTime(t.completedAt)}</span>
                        </span>
                      )}
                    </td>
                    <td className={`${table.td} text-right`}>
                      <span className="inline-flex items-start justify-end gap-2">
                        {tab === 'open' && <ClaimButton task={t} me={me} onChanged={() => void reload()} />}
                        <Link href={`/cases/${encodeURIComponent(t.caseId)}`} className={`${tab === 'open' ? btn.primary : btn.secondary} whitespace-nowrap`} aria-label={`${tab === 'open' ? '办理' : '查看'}：${t.caseTitle}`}>
                          {tab === 'open' ? '办理' : '查看'}
                        </Link>
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {items.length === 0 && <Empty>{filtered ? `没有符合筛选条件的${tab === 'open' ? '待办' : '已办'}。` : tab === 'open' ? '暂无待办任务。' : '暂无已办任务。'}</Empty>}
        </div>
      )}
      {data && <Pager pages={pages} nextCursor={data.nextCursor} total={data.total} shown={items.length} pageSize={PAGE_SIZE} label={tab === 'open' ? '待办' : '已办'} busy={loading} />}
    </div>
  );
}
