'use client';
/**
 * 监督考核 (Art. 34–35): each organisation's on-time rate, average working days
 * to answer, open overdue tasks, problem-data closure and problem-list entries
 * over a chosen period (kept in the URL), as charts and as a table; every
 * figure opens the tasks or cases behind it; CSV export for Excel.
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { superviseOverdue } from '../../../../domain/auth/roles';
import type { SupervisionFigures, SupervisionReport, SupervisionRow } from '../../../../domain/supervision/figures';
import { recentMonths } from '../../../../domain/supervision/period';
import { BarChart, type Bar } from '../../../components/bar-chart';
import { btn, ErrorAlert, inputInline, Loading, Notice, PageHeader, table } from '../../../components/ui';
import { API_BASE, qs } from '../../../lib/api';
import { useApi } from '../../../lib/use-api';
import { useUrlParams } from '../../../lib/url-params';
import { useMe } from '../../../lib/session';
import { fmtDate } from '../../../lib/time';

const TITLE = '监督考核';

export function SupervisionPage() {
  const me = useMe();
  if (!superviseOverdue(me.roles)) {
    return (
      <div>
        <PageHeader title={TITLE} />
        <Notice tone="amber">仅市大数据主管部门（审核员、协调员）和系统管理员可查看监督考核。</Notice>
      </div>
    );
  }
  return <Supervision />;
}

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 10000) / 100}%`);
const num = (x: number | null) => (x === null ? '—' : String(x));

/** Where a figure of one organisation leads: the tasks or cases it counts. */
export function detailsHref(orgId: string, figure: string, period: { from: string; to: string }): string {
  return `/supervision/details${qs({ org: orgId, figure, from: period.from, to: period.to })}`;
}

function Supervision() {
  const [params, setParams] = useUrlParams();
  const router = useRouter();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const query = qs({ from: from || undefined, to: to || undefined });
  const { data, error, loading, reload } = useApi<SupervisionReport>(`/stats/supervision${query}`);
  const months = useMemo(() => recentMonths(new Date(), 12), []);

  // The custom range, edited here and applied with 查询; it follows the URL (a preset, a bookmark).
  const [draft, setDraft] = useState({ from, to });
  useEffect(() => setDraft({ from: data?.from ?? from, to: data?.to ?? to }), [data?.from, data?.to, from, to]);
  const period = data ? { from: data.from, to: data.to } : null;
  const monthValue = months.find((m) => period && m.from === period.from && m.to === period.to);

  const rows = data?.items ?? [];
  // Made once per answer: a chart redraws when its bars change.
  const charts = useMemo(() => {
    if (!data) return null;
    const bars = (value: (r: SupervisionRow) => number | null, figure: string): Bar[] =>
      data.items.map((r) => ({ label: r.org.name, value: value(r), href: detailsHref(r.org.id, figure, data) }));
    return {
      onTime: bars((r) => (r.onTimeRate === null ? null : Math.round(r.onTimeRate * 10000) / 100), 'handled'),
      avgDays: bars((r) => r.avgWorkingDaysToAnswer, 'handled'),
      overdue: bars((r) => r.openOverdue, 'overdue'),
    };
  }, [data]);

  return (
    <div>
      <PageHeader
        title={TITLE}
        subtitle="依据《宁波市公共数据管理办法》第三十四条、第三十五条，按单位统计办理时效与问题数据处理情况。所有数字由办件与任务直接计算，用时按工作日计。"
        actions={
          period && (
            <a className={btn.secondary} href={`${API_BASE}/stats/supervision.csv${qs({ from: period.from, to: period.to })}`} download>
              导出 CSV
            </a>
          )
        }
      />

      <form
        className="mb-4 flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-white p-3 shadow-sm"
        aria-label="统计期间"
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ from: draft.from, to: draft.to });
        }}
      >
        <div>
          <label htmlFor="sup-month" className="mb-1 block text-xs font-medium text-slate-600">
            月份
          </label>
          <select
            id="sup-month"
            className={inputInline}
            value={monthValue ? monthValue.from : ''}
            onChange={(e) => {
              const m = months.find((x) => x.from === e.target.value);
              if (m) setParams({ from: m.from, to: m.to });
            }}
          >
            <option value="">自定义期间</option>
            {months.map((m, i) => (
              <option key={m.from} value={m.from}>
                {m.year}年{m.month}月{i === 0 ? '（本月）' : i === 1 ? '（上月）' : ''}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="sup-from" className="mb-1 block text-xs font-medium text-slate-600">
            起始日期
          </label>
          <input id="sup-from" type="date" className={inputInline} value={draft.from} required onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))} />
        </div>
        <div>
          <label htmlFor="sup-to" className="mb-1 block text-xs font-medium text-slate-600">
            截止日期（含）
          </label>
          <input id="sup-to" type="date" className={inputInline} value={draft.to} required onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))} />
        </div>
        <button type="submit" className={btn.primary}>
          查询
        </button>
        {period && (
          <p className="pb-1.5 text-sm text-slate-600" aria-live="polite">
            统计期间：{fmtDate(period.from)} 至 {fmtDate(period.to)}
          </p>
        )}
      </form>

      <ErrorAlert error={error} title="无法加载统计" onRetry={reload} />
      {loading && !data ? (
        <Loading />
      ) : data && period && charts ? (
        <>
          {rows.length === 0 ? (
            <Notice tone="slate">该期间没有任何单位收到或办结任务，也没有逾期未办的任务。</Notice>
          ) : (
            <div className="mb-4 grid gap-3 lg:grid-cols-3">
              <BarChart title="按时办结率" bars={charts.onTime} unit="%" max={100} color="#1d4ed8" onOpen={(h) => router.push(h)} />
              <BarChart title="平均办理用时（工作日）" bars={charts.avgDays} unit="" color="#0f766e" onOpen={(h) => router.push(h)} />
              <BarChart title="逾期未办任务" bars={charts.overdue} unit="" color="#b91c1c" onOpen={(h) => router.push(h)} />
            </div>
          )}
          <FiguresTable rows={rows} total={data.total} period={period} />
          <Definitions />
        </>
      ) : null}
    </div>
  );
}

function FigureLink({ value, href, label }: { value: string; href: string; label: string }) {
  return (
    <Link href={href} className="text-blue-700 hover:underline" aria-label={label}>
      {value}
    </Link>
  );
}

function FiguresTable({ rows, total, period }: { rows: SupervisionRow[]; total: SupervisionFigures; period: { from: string; to: string } }) {
  const cell = `${table.td} text-right tabular-nums`;
  return (
    <div className={table.wrap}>
      <table className={table.table} aria-label="各单位统计">
        <thead>
          <tr>
            <th className={table.th}>单位</th>
            <th className={`${table.th} text-right`}>办结任务</th>
            <th className={`${table.th} text-right`}>按时办结</th>
            <th className={`${table.th} text-right`}>按时办结率</th>
            <th className={`${table.th} text-right`}>平均用时（工作日）</th>
            <th className={`${table.th} text-right`}>逾期未办</th>
            <th className={`${table.th} text-right`}>问题数据反馈（收到 / 办结）</th>
            <th className={`${table.th} text-right`}>闭环率</th>
            <th className={`${table.th} text-right`}>列入问题清单</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => {
            const to = (figure: string) => detailsHref(r.org.id, figure, period);
            const late = r.tasksHandled - r.tasksOnTime;
            return (
              <tr key={r.org.id} className={table.tr}>
                <th scope="row" className={`${table.td} text-left font-medium`}>
                  {r.org.name}
                </th>
                <td className={cell}>
                  <FigureLink value={String(r.tasksHandled)} href={to('handled')} label={`${r.org.name} 办结任务 ${r.tasksHandled}`} />
                </td>
                <td className={cell}>
                  <FigureLink value={String(r.tasksOnTime)} href={to('on-time')} label={`${r.org.name} 按时办结 ${r.tasksOnTime}`} />
                  {late > 0 && (
                    <div className="text-xs">
                      <FigureLink value={`超期 ${late}`} href={to('late')} label={`${r.org.name} 超期办结 ${late}`} />
                    </div>
                  )}
                </td>
                <td className={cell}>{pct(r.onTimeRate)}</td>
                <td className={cell}>{num(r.avgWorkingDaysToAnswer)}</td>
                <td className={`${cell} ${r.openOverdue > 0 ? 'font-semibold text-red-700' : ''}`}>
                  <FigureLink value={String(r.openOverdue)} href={to('overdue')} label={`${r.org.name} 逾期未办 ${r.openOverdue}`} />
                </td>
                <td className={cell}>
                  <FigureLink value={String(r.problemReportsReceived)} href={to('reports')} label={`${r.org.name} 收到问题数据反馈 ${r.problemReportsReceived}`} />
                  {' / '}
                  <FigureLink value={String(r.problemReportsClosed)} href={to('reports-closed')} label={`${r.org.name} 已办结问题数据反馈 ${r.problemReportsClosed}`} />
                </td>
                <td className={cell}>{pct(r.closureRate)}</td>
                <td className={cell}>
                  <FigureLink value={String(r.problemListEntries)} href={to('problem-list')} label={`${r.org.name} 列入问题清单 ${r.problemListEntries}`} />
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot className="border-t-2 border-slate-300 bg-slate-50 font-semibold">
          <tr>
            <th scope="row" className={`${table.td} text-left`}>
              全市合计
            </th>
            <td className={cell}>{total.tasksHandled}</td>
            <td className={cell}>{total.tasksOnTime}</td>
            <td className={cell}>{pct(total.onTimeRate)}</td>
            <td className={cell}>{num(total.avgWorkingDaysToAnswer)}</td>
            <td className={cell}>
              <Link href="/overdue" className="text-blue-700 hover:underline">
                {total.openOverdue}
              </Link>
            </td>
            <td className={cell}>
              {total.problemReportsReceived} / {total.problemReportsClosed}
            </td>
            <td className={cell}>{pct(total.closureRate)}</td>
            <td className={cell}>
              <Link href="/problem-list" className="text-blue-700 hover:underline">
                {total.problemListEntries}
              </Link>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Definitions() {
  return (
    <details className="mt-4 rounded-md border border-slate-200 bg-white p-3 text-sm text-slate-700 shadow-sm">
      <summary className="cursor-pointer font-medium text-slate-800">统计口径</summary>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        <li>办结任务：本单位承办、在统计期间内作出决定办结的任务；被取消的任务不计。</li>
        <li>按时办结：在办结时有效的期限（含重新计算、延长后的期限）届满前办结；未设期限的任务，除被流程标记逾期外，计为按时。按时办结率 = 按时办结 ÷ 办结任务。</li>
        <li>平均用时：从收到之日的次日起算至办结之日（含）的工作日数的平均值，当日办结计 0 个工作日；节假日与调休按工作日历。</li>
        <li>逾期未办：现在已过期限、仍未办理的任务（与“逾期督办”一致），不受统计期间限制。</li>
        <li>问题数据反馈：统计期间内提交、本单位为数据提供单位的问题数据反馈；闭环率 = 已办结 ÷ 收到。</li>
        <li>列入问题清单：统计期间内报领导小组办公室协调（第十八条第二款）的受限共享申请中，本单位不同意共享或逾期未答复的办件。</li>
        <li>全市合计：任务数逐单位相加，平均用时按全部办结任务计算；问题数据反馈与问题清单按办件计，每件一次。</li>
      </ul>
    </details>
  );
}
