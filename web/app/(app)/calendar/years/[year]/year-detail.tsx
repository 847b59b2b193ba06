'use client';
/**
 * One year's holiday schedule. Everyone can read it; an administrator edits and
 * publishes it (PUT /calendar/years/{year}), which re-plans every running timer
 * that depends on it (PROCEDURES.md §2). Field errors land beside their row.
 */
import Link from 'next/link';
import { useEffect, useState, type FormEvent } from 'react';
import type { CalendarYearDetailView } from '../../../../../../domain/views';
import { YearSourceBadge } from '../../../../../components/badges';
import { btn, cx, Dl, ErrorAlert, errorId, FieldError, input, Loading, Notice, PageHeader, Section, table } from '../../../../../components/ui';
import { api, ApiError } from '../../../../../lib/api';
import { hasRole, useMe } from '../../../../../lib/session';
import { fmtDate, fmtDateTime, weekdayLabel } from '../../../../../lib/time';
import { useApi } from '../../../../../lib/use-api';

interface Row {
  key: number;
  date: string;
  name: string;
}
type ListName = 'holidays' | 'workdays';

let nextKey = 1;
const toRows = (xs: { date: string; name: string }[]): Row[] => xs.map((x) => ({ key: nextKey++, date: x.date, name: x.name }));

export function YearDetail({ year }: { year: number }) {
  const me = useMe();
  const isAdmin = hasRole(me, 'admin');
  const detail = useApi<CalendarYearDetailView>(`/calendar/years/${year}`);

  return (
    <div className="space-y-4">
      <PageHeader
        breadcrumb={[{ href: '/calendar', label: '工作日历' }]}
        title={
          <span className="flex items-center gap-2">
            {year} 年节假日安排 {detail.data && <YearSourceBadge value={detail.data.source} />}
          </span>
        }
        subtitle="依据国务院办公厅发布的当年部分节假日安排通知（通常于上一年11月发布）。"
        actions={
          <Link href={`/calendar?year=${year}&month=1`} className={btn.secondary}>
            查看月历
          </Link>
        }
      />
      <ErrorAlert error={detail.error} onRetry={detail.reload} />
      {detail.loading && !detail.data ? (
        <Loading />
      ) : detail.data ? (
        isAdmin ? (
          <PublishForm key={detail.data.year} detail={detail.data} onPublished={detail.setData} reload={detail.reload} />
        ) : (
          <ReadOnly detail={detail.data} />
        )
      ) : null}
    </div>
  );
}

function Meta({ detail }: { detail: CalendarYearDetailView }) {
  return (
    <Section title="来源">
      <Dl
        cols={3}
        rows={[
          { label: '来源', value: <YearSourceBadge value={detail.source} /> },
          { label: '发布时间', value: detail.publishedAt ? fmtDateTime(detail.publishedAt) : '—' },
          { label: '发布人', value: detail.publishedBy ?? '—' },
        ]}
      />
      {detail.source === 'missing' && (
        <div className="mt-3">
          <Notice tone="amber">
            本年度尚未发布。期限计算至本年度的均为暂定，发布后所有依赖本年度的运行中期限将自动重新计算。
            {detail.holidays.length > 0 && '下列日期为系统暂定（元旦、春节等按历法推算），请以国务院办公厅通知为准核对后发布。'}
          </Notice>
        </div>
      )}
    </Section>
  );
}

function ReadOnly({ detail }: { detail: CalendarYearDetailView }) {
  return (
    <>
      <Meta detail={detail} />
      <div className="grid gap-4 md:grid-cols-2">
        {(['holidays', 'workdays'] as const).map((list) => (
          <Section key={list} title={list === 'holidays' ? '法定节假日（放假）' : '调休上班日'}>
            {detail[list].length === 0 ? (
              <p className="text-sm text-slate-500">无</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {[...detail[list]]
                  .sort((a, b) => a.date.localeCompare(b.date))
                  .map((d) => (
                    <li key={d.date} className="flex justify-between py-1.5">
                      <span className="tabular">
                        {fmtDate(d.date)} <span className="text-xs text-slate-500">{weekdayLabel(d.date)}</span>
                      </span>
                      <span>{d.name}</span>
                    </li>
                  ))}
              </ul>
            )}
          </Section>
        ))}
      </div>
    </>
  );
}

function PublishForm({
  detail,
  onPublished,
  reload,
}: {
  detail: CalendarYearDetailView;
  onPublished: (d: CalendarYearDetailView) => void;
  reload: () => Promise<void>;
}) {
  const year = detail.year;
  const [lists, setLists] = useState<Record<ListName, Row[]>>(() => ({ holidays: toRows(detail.holidays), workdays: toRows(detail.workdays) }));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    if (!done) return;
    const t = setTimeout(() => setDone(null), 8000);
    return () => clearTimeout(t);
  }, [done]);

  function update(list: ListName, key: number, patch: Partial<Row>) {
    setLists((l) => ({ ...l, [list]: l[list].map((r) => (r.key === key ? { ...r, ...patch } : r)) }));
  }
  function remove(list: ListName, key: number) {
    // Indices of errors shift when a row goes: the errors belonged to the last submission, so drop them.
    setFields({});
    setLists((l) => ({ ...l, [list]: l[list].filter((r) => r.key !== key) }));
  }
  function add(list: ListName, rows: { date: string; name: string }[]) {
    setLists((l) => ({ ...l, [list]: [...l[list], ...toRows(rows)] }));
  }
  function sortAll() {
    setFields({});
    setLists((l) => ({
      holidays: [...l.holidays].sort((a, b) => a.date.localeCompare(b.date)),
      workdays: [...l.workdays].sort((a, b) => a.date.localeCompare(b.date)),
    }));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    setDone(null);
    const body = {
      holidays: lists.holidays.map(({ date, name }) => ({ date, name: name.trim() })),
      workdays: lists.workdays.map(({ date, name }) => ({ date, name: name.trim() })),
    };
    try {
      const res = await api<CalendarYearDetailView | undefined>(`/calendar/years/${year}`, { method: 'PUT', body });
      setDone(`${year} 年节假日安排已发布，依赖本年度的运行中期限将重新计算。`);
      if (res && typeof res === 'object' && 'holidays' in res) onPublished(res);
      else await reload();
    } catch (err) {
      const ae = err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err));
      setError(ae);
      setFields(ae.fields);
    } finally {
      setBusy(false);
      // The button is at the bottom: bring the first refused row into view, or the outcome above the lists.
      setTimeout(() => {
        const bad = document.querySelector('form [aria-invalid="true"]');
        if (bad) bad.scrollIntoView({ block: 'center', behavior: 'smooth' });
        else window.scrollTo({ top: 0, behavior: 'smooth' });
      }, 0);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={`发布 ${year} 年节假日安排`}>
      <Meta detail={detail} />
      {done && (
        <div role="status">
          <Notice tone="green">{done}</Notice>
        </div>
      )}
      <ErrorAlert error={error} title="未能发布" />
      <div className="grid gap-4 xl:grid-cols-2">
        <DateList
          list="holidays"
          title="法定节假日（放假）"
          year={year}
          rows={lists.holidays}
          fields={fields}
          onChange={update}
          onRemove={remove}
          onAdd={add}
          placeholder="如 春节"
        />
        <DateList
          list="workdays"
          title="调休上班日"
          year={year}
          rows={lists.workdays}
          fields={fields}
          onChange={update}
          onRemove={remove}
          onAdd={add}
          placeholder="如 春节调休"
        />
      </div>
      <div className="sticky bottom-0 flex flex-wrap items-center justify-between gap-3 rounded-md border border-slate-200 bg-white/95 px-4 py-3 shadow">
        <p className="text-xs text-slate-600">发布后，所有依赖 {year} 年日历的运行中期限将按新安排重新计算，并记入各办件历史。</p>
        <div className="flex gap-2">
          <button type="button" className={btn.secondary} onClick={sortAll}>
            按日期排序
          </button>
          <button type="submit" className={btn.primary} disabled={busy}>
            {busy ? '正在发布…' : `发布 ${year} 年安排`}
          </button>
        </div>
      </div>
    </form>
  );
}

function DateList({
  list,
  title,
  year,
  rows,
  fields,
  onChange,
  onRemove,
  onAdd,
  placeholder,
}: {
  list: ListName;
  title: string;
  year: number;
  rows: Row[];
  fields: Record<string, string>;
  onChange: (list: ListName, key: number, patch: Partial<Row>) => void;
  onRemove: (list: ListName, key: number) => void;
  onAdd: (list: ListName, rows: { date: string; name: string }[]) => void;
  placeholder: string;
}) {
  const listError = fields[list];
  // Rows are shown and submitted in the same order, so `holidays.2.date` is the third row here.
  return (
    <Section title={`${title}（${rows.length} 天）`}>
      {listError && (
        <p id={errorId(list)} className="mb-2 text-xs font-medium text-red-700" role="alert">
          {listError}
        </p>
      )}
      <div className={table.wrap}>
        <table className={table.table} aria-label={title}>
          <thead>
            <tr>
              <th className={table.th}>日期</th>
              <th className={table.th}>星期</th>
              <th className={table.th}>名称</th>
              <th className={`${table.th} w-16`}>
                <span className="sr-only">操作</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r, i) => {
              const dId = `${list}-${i}-date`;
              const nId = `${list}-${i}-name`;
              const dErr = fields[`${list}.${i}.date`];
              const nErr = fields[`${list}.${i}.name`];
              const rowErr = fields[`${list}.${i}`];
              const outOfYear = r.date && !r.date.startsWith(`${year}-`);
              return (
                <tr key={r.key} className={cx((dErr || nErr || rowErr) && 'bg-red-50/50')}>
                  <td className={`${table.td} w-40`}>
                    <label htmlFor={dId} className="sr-only">
                      {title}第{i + 1}行日期
                    </label>
                    <input
                      id={dId}
                      type="date"
                      className={input}
                      value={r.date}
                      min={`${year}-01-01`}
                      max={`${year}-12-31`}
                      onChange={(e) => onChange(list, r.key, { date: e.target.value })}
                      aria-invalid={dErr ? true : undefined}
                      aria-describedby={dErr ? errorId(dId) : undefined}
                    />
                    <FieldError id={dId} error={dErr ?? (outOfYear ? `日期不在 ${year} 年内` : undefined)} />
                  </td>
                  <td className={`${table.td} whitespace-nowrap pt-3.5 text-xs text-slate-500`}>{r.date && !outOfYear ? weekdayLabel(r.date) : ''}</td>
                  <td className={table.td}>
                    <label htmlFor={nId} className="sr-only">
                      {title}第{i + 1}行名称
                    </label>
                    <input
                      id={nId}
                      className={input}
                      value={r.name}
                      placeholder={placeholder}
                      onChange={(e) => onChange(list, r.key, { name: e.target.value })}
                      aria-invalid={nErr ? true : undefined}
                      aria-describedby={nErr ? errorId(nId) : undefined}
                    />
                    <FieldError id={nId} error={nErr ?? rowErr} />
                  </td>
                  <td className={`${table.td} text-right`}>
                    <button type="button" className="text-xs text-red-700 hover:underline" onClick={() => onRemove(list, r.key)} aria-label={`删除${title}第${i + 1}行`}>
                      删除
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {rows.length === 0 && <p className="px-3 py-4 text-sm text-slate-500">暂无。</p>}
      </div>
      <RangeAdder list={list} year={year} onAdd={onAdd} placeholder={placeholder} />
    </Section>
  );
}

/** Add one date, or a run of consecutive dates with one name (a holiday is usually several days). */
function RangeAdder({ list, year, onAdd, placeholder }: { list: ListName; year: number; onAdd: (list: ListName, rows: { date: string; name: string }[]) => void; placeholder: string }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [name, setName] = useState('');
  const [err, setErr] = useState<string | null>(null);

  function addRange() {
    if (!from) {
      onAdd(list, [{ date: '', name: name.trim() }]);
      return;
    }
    const end = to || from;
    const dates = datesBetween(from, end);
    if (!dates) {
      setErr('结束日期不能早于开始日期，且一次最多添加 31 天');
      return;
    }
    setErr(null);
    onAdd(
      list,
      dates.map((date) => ({ date, name: name.trim() })),
    );
    setFrom('');
    setTo('');
  }

  const p = `${list}-add`;
  return (
    <div className="mt-3 rounded border border-dashed border-slate-300 p-2.5">
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={`${p}-from`} className="mb-0.5 block text-xs text-slate-600">
            开始日期
          </label>
          <input id={`${p}-from`} type="date" className={`${input} py-1`} value={from} min={`${year}-01-01`} max={`${year}-12-31`} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div>
          <label htmlFor={`${p}-to`} className="mb-0.5 block text-xs text-slate-600">
            结束日期（可选）
          </label>
          <input id={`${p}-to`} type="date" className={`${input} py-1`} value={to} min={from || `${year}-01-01`} max={`${year}-12-31`} onChange={(e) => setTo(e.target.value)} />
        </div>
        <div className="min-w-28 flex-1">
          <label htmlFor={`${p}-name`} className="mb-0.5 block text-xs text-slate-600">
            名称
          </label>
          <input id={`${p}-name`} className={`${input} py-1`} value={name} placeholder={placeholder} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="button" className={btn.secondary} onClick={addRange}>
          {from && to && to !== from ? '添加连续日期' : '添加一行'}
        </button>
      </div>
      {err && <p className="mt-1 text-xs text-red-700">{err}</p>}
    </div>
  );
}

function datesBetween(from: string, to: string): string[] | null {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b) || b < a || (b - a) / 86_400_000 > 30) return null;
  const out: string[] = [];
  for (let t = a; t <= b; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
