'use client';
/**
 * The tasks or cases behind one organisation's supervision figure, a page at a
 * time, each linking to its case: the count equals the figure, so a bureau
 * can check it row by row.
 */
import Link from 'next/link';
import { superviseOverdue } from '../../../../../domain/auth/roles';
import type { CaseStatus } from '../../../../../domain/views';
import {
  SUPERVISION_CASE_FIGURE_LABELS,
  SUPERVISION_CASE_FIGURES,
  SUPERVISION_FIGURE_LABELS,
  SUPERVISION_FIGURES,
  type SupervisionCaseFigure,
  type SupervisionCaseView,
  type SupervisionFigure,
  type SupervisionTaskView,
} from '../../../../../domain/supervision/drill-down';
import { CaseStatusBadge, DecisionBadge } from '../../../../components/badges';
import { Pager } from '../../../../components/pager';
import { Badge, Empty, ErrorAlert, Loading, Notice, PageHeader, table } from '../../../../components/ui';
import { qs } from '../../../../lib/api';
import { CASE_TYPE_LABELS } from '../../../../lib/labels';
import { useMe } from '../../../../lib/session';
import { useUrlParams } from '../../../../lib/url-params';
import { fmtDate, fmtDateTime } from '../../../../lib/time';
import { useApi } from '../../../../lib/use-api';
import { PAGE_SIZE, useCursorPages, type PageOf } from '../../../../lib/use-cursor-pages';

type Behind<T> = PageOf<T> & { org: { id: string; name: string }; from: string; to: string };

const isTaskFigure = (f: string): f is SupervisionFigure => (SUPERVISION_FIGURES as readonly string[]).includes(f);
const isCaseFigure = (f: string): f is SupervisionCaseFigure => (SUPERVISION_CASE_FIGURES as readonly string[]).includes(f);

export function SupervisionDetails() {
  const me = useMe();
  const [params] = useUrlParams();
  const figure = params.get('figure') ?? '';
  if (!superviseOverdue(me.roles)) {
    return (
      <div>
        <PageHeader title="监督考核" />
        <Notice tone="amber">仅市大数据主管部门（审核员、协调员）和系统管理员可查看监督考核。</Notice>
      </div>
    );
  }
  if (isTaskFigure(figure)) return <TasksBehind figure={figure} />;
  if (isCaseFigure(figure)) return <CasesBehind figure={figure} />;
  return (
    <div>
      <PageHeader title="监督考核" breadcrumb={[{ href: '/supervision', label: '监督考核' }]} />
      <Notice tone="amber">链接不完整：请从监督考核页点击数字进入。</Notice>
    </div>
  );
}

function useBehind<T>(kind: 'tasks' | 'cases') {
  const pages = useCursorPages();
  const p = pages.params;
  const path = `/stats/supervision/${kind}${qs({ org: p.get('org') ?? '', figure: p.get('figure') ?? '', from: p.get('from') || undefined, to: p.get('to') || undefined, limit: PAGE_SIZE, cursor: pages.cursor })}`;
  return { pages, ...useApi<Behind<T>>(path) };
}

function Header({ label, data, note }: { label: string; data: Behind<unknown> | undefined; note: string }) {
  const period = data ? `${fmtDate(data.from)} 至 ${fmtDate(data.to)}` : '';
  return (
    <PageHeader
      title={data ? `${data.org.name} · ${label}` : label}
      subtitle={data ? `${note}统计期间：${period}。` : undefined}
      breadcrumb={[{ href: data ? `/supervision${qs({ from: data.from, to: data.to })}` : '/supervision', label: '监督考核' }]}
    />
  );
}

function TasksBehind({ figure }: { figure: SupervisionFigure }) {
  const { pages, data, error, loading, reload } = useBehind<SupervisionTaskView>('tasks');
  const label = SUPERVISION_FIGURE_LABELS[figure];
  const items = data?.items ?? [];
  const overdue = figure === 'overdue';
  return (
    <div>
      <Header label={label} data={data} note={overdue ? '现在已过期限、仍未办理的任务，逾期最久的在前；与统计期间无关。' : '在统计期间内办结的任务，最近办结的在前；用时按工作日计（收到次日起算至办结之日）。'} />
      <ErrorAlert error={error} onRetry={reload} />
      {loading && !data ? (
        <Loading />
      ) : (
        <div className={table.wrap}>
          <table className={table.table} aria-label={label}>
            <thead>
              <tr>
                <th className={table.th}>办件</th>
                <th className={table.th}>办理环节</th>
                <th className={table.th}>收到</th>
                <th className={table.th}>期限</th>
                <th className={table.th}>{overdue ? '逾期（工作日）' : '办结'}</th>
                {!overdue && <th className={`${table.th} text-right`}>用时（工作日）</th>}
                {!overdue && <th className={table.th}>按时</th>}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((t) => (
                <tr key={t.id} className={table.tr}>
                  <td className={table.td}>
                    <Link href={`/cases/${encodeURIComponent(t.caseId)}`} className="font-medium text-blue-700 hover:underline">
                      {t.caseTitle}
                    </Link>
                    <div className="font-mono text-xs text-slate-500">
                      {t.caseId} · {CASE_TYPE_LABELS[t.caseType] ?? t.caseType}
                    </div>
                  </td>
                  <td className={`${table.td} whitespace-nowrap`}>
                    {t.stepLabel || t.step}
                    {t.decision && (
                      <div className="mt-0.5">
                        <DecisionBadge type={t.caseType} step={t.step} value={t.decision} />
                      </div>
                    )}
                  </td>
                  <td className={`${table.td} whitespace-nowrap text-xs`}>{fmtDateTime(t.createdAt)}</td>
                  <td className={`${table.td} whitespace-nowrap text-xs`}>{t.dueAt ? fmtDateTime(t.dueAt) : '未设期限'}</td>
                  {overdue ? (
                    <td className={`${table.td} font-semibold text-red-700`}>{t.workingDaysLate ?? '—'}</td>
                  ) : (
                    <>
                      <td className={`${table.td} whitespace-nowrap text-xs`}>{fmtDateTime(t.completedAt)}</td>
                      <td className={`${table.td} text-right tabular-nums`}>{t.workingDaysToAnswer ?? '—'}</td>
                      <td className={table.td}>{t.onTime ? <Badge tone="green">按时</Badge> : <Badge tone="red">超期</Badge>}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {items.length === 0 && <Empty>没有符合的任务。</Empty>}
        </div>
      )}
      {data && <Pager pages={pages} nextCursor={data.nextCursor} total={data.total} shown={items.length} pageSize={PAGE_SIZE} label={label} busy={loading} />}
    </div>
  );
}

function CasesBehind({ figure }: { figure: SupervisionCaseFigure }) {
  const { pages, data, error, loading, reload } = useBehind<SupervisionCaseView>('cases');
  const label = SUPERVISION_CASE_FIGURE_LABELS[figure];
  const items = data?.items ?? [];
  return (
    <div>
      <Header
        label={label}
        data={data}
        note={figure === 'problem-list' ? '统计期间内列入问题清单、本单位不同意共享或逾期未答复的受限共享申请。' : '统计期间内提交、由本单位处理的问题数据反馈。'}
      />
      <ErrorAlert error={error} onRetry={reload} />
      {loading && !data ? (
        <Loading />
      ) : (
        <div className={table.wrap}>
          <table className={table.table} aria-label={label}>
            <thead>
              <tr>
                <th className={table.th}>办件</th>
                <th className={table.th}>类型</th>
                <th className={table.th}>状态</th>
                <th className={table.th}>提交时间</th>
                <th className={table.th}>办结时间</th>
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
                  <td className={`${table.td} whitespace-nowrap`}>{CASE_TYPE_LABELS[c.type] ?? c.type}</td>
                  <td className={table.td}>
                    <CaseStatusBadge value={c.status as CaseStatus} />
                  </td>
                  <td className={`${table.td} whitespace-nowrap text-xs`}>{fmtDateTime(c.createdAt)}</td>
                  <td className={`${table.td} whitespace-nowrap text-xs`}>{fmtDateTime(c.closedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {items.length === 0 && <Empty>没有符合的办件。</Empty>}
        </div>
      )}
      {data && <Pager pages={pages} nextCursor={data.nextCursor} total={data.total} shown={items.length} pageSize={PAGE_SIZE} label={label} busy={loading} />}
    </div>
  );
}
