'use client';
/**
 * 工作日历: the working-day calendar every deadline is counted on (PROCEDURES.md §2):
 * years and where their schedule comes from, a month view, a deadline calculator,
 * and for administrators the way to publish a year.
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import type { CalendarYearView } from '../../../../domain/views';
import { YearSourceBadge } from '../../../components/badges';
import { btn, ErrorAlert, input, Loading, Notice, PageHeader, Section } from '../../../components/ui';
import { hasRole, useMe } from '../../../lib/session';
import { todayShanghai } from '../../../lib/time';
import { useApi } from '../../../lib/use-api';
import { useUrlParams } from '../../../lib/url-params';
import { DeadlineCalculator } from './deadline-calculator';
import { MonthView } from './month-view';

export function CalendarPage() {
  const me = useMe();
  const isAdmin = hasRole(me, 'admin');
  const [params, setParams] = useUrlParams();
  const today = todayShanghai();
  const [ty, tm] = today.split('-').map(Number) as [number, number];
  const urlYear = clampInt(params.get('year'), 1990, 2100) ?? ty;
  const urlMonth = clampInt(params.get('month'), 1, 12) ?? tm;
  // The month shown moves at once on a click; the URL (bookmarkable) follows a moment later.
  // Navigating from the URL alone would lose the second of two quick clicks.
  const [{ year, month }, setShown] = useState({ year: urlYear, month: urlMonth });
  useEffect(() => setShown({ year: urlYear, month: urlMonth }), [urlYear, urlMonth]);

  const years = useApi<CalendarYearView[]>('/calendar/years');

  const go = (y: number, m: number) => {
    setShown({ year: y, month: m });
    setParams({ year: String(y), month: String(m) });
  };

  return (
    <div className="space-y-4">
      <PageHeader
        title="工作日历"
        subtitle="办理期限按国务院节假日安排（含调休上班日）计算，时间均为北京时间。"
        actions={
          isAdmin && (
            <Link href={`/calendar/years/${year}`} className={btn.secondary}>
              发布 {year} 年节假日安排
            </Link>
          )
        }
      />
      <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
        <div className="space-y-4">
          <MonthView year={year} month={month} years={years.data ?? []} today={today} onNavigate={go} />
          <DeadlineCalculator />
        </div>
        <div className="space-y-4">
          <YearsPanel years={years.data} loading={years.loading} error={years.error} reload={years.reload} isAdmin={isAdmin} selected={year} onPick={(y) => go(y, month)} />
        </div>
      </div>
    </div>
  );
}

function clampInt(v: string | null, min: number, max: number): number | null {
  if (!v || !/^\d+$/.test(v)) return null;
  const n = Number(v);
  return n >= min && n <= max ? n : null;
}

function YearsPanel({
  years,
  loading,
  error,
  reload,
  isAdmin,
  selected,
  onPick,
}: {
  years: CalendarYearView[] | undefined;
  loading: boolean;
  error: ReturnType<typeof useApi>['error'];
  reload: () => void;
  isAdmin: boolean;
  selected: number;
  onPick: (y: number) => void;
}) {
  const router = useRouter();
  const [other, setOther] = useState('');
  const sorted = [...(years ?? [])].sort((a, b) => b.year - a.year);
  const missing = sorted.filter((y) => y.source === 'missing');

  function openOther(e: FormEvent) {
    e.preventDefault();
    if (/^\d{4}$/.test(other)) router.push(`/calendar/years/${other}`);
  }

  return (
    <Section title="年度节假日安排">
      <ErrorAlert error={error} onRetry={reload} />
      {loading && !years ? (
        <Loading />
      ) : (
        <>
          {missing.length > 0 && (
            <div className="mb-3">
              <Notice tone="amber" title="部分年度尚未发布">
                {missing.map((m) => m.year).join('、')} 年的节假日安排尚未发布。期限计算至该年度的，均标注为“暂定”，发布后自动重新计算。
              </Notice>
            </div>
          )}
          <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto text-sm" aria-label="年度列表">
            {sorted.map((y) => (
              <li key={y.year} className="flex items-center justify-between gap-2 py-1.5">
                <button
                  type="button"
                  onClick={() => onPick(y.year)}
                  className={`tabular text-left ${y.year === selected ? 'font-semibold text-blue-800' : 'text-slate-800 hover:text-blue-700'}`}
                >
                  {y.year} 年
                </button>
                <span className="flex items-center gap-2">
                  <YearSourceBadge value={y.source} />
                  <Link href={`/calendar/years/${y.year}`} className={`${btn.link} text-xs`} aria-label={`${y.year} 年节假日安排详情`}>
                    {isAdmin ? (y.source === 'missing' ? '发布' : '查看 / 修订') : '查看'}
                  </Link>
                </span>
              </li>
            ))}
          </ul>
          {isAdmin && (
            <form onSubmit={openOther} className="mt-3 flex items-end gap-2 border-t border-slate-100 pt-3">
              <div className="flex-1">
                <label htmlFor="other-year" className="mb-1 block text-xs font-medium text-slate-600">
                  发布其他年份
                </label>
                <input id="other-year" inputMode="numeric" placeholder="如 2028" className={input} value={other} onChange={(e) => setOther(e.target.value.replace(/\D/g, '').slice(0, 4))} />
              </div>
              <button type="submit" className={btn.secondary} disabled={!/^\d{4}$/.test(other)}>
                前往
              </button>
            </form>
          )}
        </>
      )}
    </Section>
  );
}
