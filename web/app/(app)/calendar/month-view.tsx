'use client';
/** A month of the working-day calendar, Monday first: holidays with their names, adjusted workdays (调休上班), weekends greyed, today ringed. */
import type { CalendarDayView, CalendarMonthView, CalendarYearView } from '../../../../domain/views';
import { YearSourceBadge } from '../../../components/badges';
import { btn, cx, ErrorAlert, inputInline, Loading, Notice, Section } from '../../../components/ui';
import { qs } from '../../../lib/api';
import { weekdayLabel } from '../../../lib/time';
import { useApi } from '../../../lib/use-api';

const HEAD = ['一', '二', '三', '四', '五', '六', '日'];

const KIND_LABEL: Record<CalendarDayView['kind'], string> = {
  workday: '工作日',
  weekend: '休息日',
  holiday: '法定节假日',
  'adjusted-workday': '调休上班',
};

export function MonthView({
  year,
  month,
  years,
  today,
  onNavigate,
}: {
  year: number;
  month: number;
  years: CalendarYearView[];
  today: string;
  onNavigate: (y: number, m: number) => void;
}) {
  const { data, error, loading, reload } = useApi<CalendarMonthView>(`/calendar/month${qs({ year, month })}`);
  const yearOptions = [...new Set([...years.map((y) => y.year), year, Number(today.slice(0, 4))])].sort((a, b) => a - b);

  const prev = () => (month === 1 ? onNavigate(year - 1, 12) : onNavigate(year, month - 1));
  const next = () => (month === 12 ? onNavigate(year + 1, 1) : onNavigate(year, month + 1));
  const [ty, tm] = today.split('-').map(Number) as [number, number];

  const days = data && data.year === year && data.month === month ? data.days : undefined;
  const weeks = days ? toWeeks(days) : [];

  return (
    <Section
      title={
        <span className="flex items-center gap-2">
          <span>
            {year} 年 {month} 月
          </span>
          {data && <YearSourceBadge value={data.source} />}
        </span>
      }
      actions={
        <div className="flex flex-wrap items-center gap-1.5">
          <button type="button" className={btn.secondary} onClick={prev} aria-label="上个月">
            ‹ 上月
          </button>
          <label htmlFor="cal-year" className="sr-only">
            年份
          </label>
          <select id="cal-year" className={`${inputInline} py-1`} value={year} onChange={(e) => onNavigate(Number(e.target.value), month)}>
            {yearOptions.map((y) => (
              <option key={y} value={y}>
                {y} 年
              </option>
            ))}
          </select>
          <label htmlFor="cal-month" className="sr-only">
            月份
          </label>
          <select id="cal-month" className={`${inputInline} py-1`} value={month} onChange={(e) => onNavigate(year, Number(e.target.value))}>
            {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
              <option key={m} value={m}>
                {m} 月
              </option>
            ))}
          </select>
          <button type="button" className={btn.secondary} onClick={next} aria-label="下个月">
            下月 ›
          </button>
          <button type="button" className={btn.secondary} onClick={() => onNavigate(ty, tm)} disabled={year === ty && month === tm}>
            本月
          </button>
        </div>
      }
    >
      <ErrorAlert error={error} onRetry={reload} />
      {data?.source === 'missing' && (
        <div className="mb-3">
          <Notice tone="amber" title={`${year} 年节假日安排尚未发布`}>
            以下按普通周一至周五暂列，元旦、春节等法定节假日尚未确定；期限计算至该年度的均为<strong>暂定</strong>。
          </Notice>
        </div>
      )}
      {loading && !days ? (
        <Loading />
      ) : days ? (
        <>
          <table className="w-full table-fixed border-collapse text-sm" aria-label={`${year}年${month}月日历`}>
            <thead>
              <tr>
                {HEAD.map((h, i) => (
                  <th key={h} scope="col" className={cx('py-1.5 text-center text-xs font-semibold', i >= 5 ? 'text-slate-400' : 'text-slate-600')}>
                    周{h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((week, wi) => (
                <tr key={wi}>
                  {week.map((d, di) => (d ? <DayCell key={d.date} day={d} today={today} /> : <td key={`b${di}`} className="border border-slate-100 bg-slate-50/40" />))}
                </tr>
              ))}
            </tbody>
          </table>
          <Legend />
        </>
      ) : null}
    </Section>
  );
}

function DayCell({ day, today }: { day: CalendarDayView; today: string }) {
  const [, m, d] = day.date.split('-').map(Number) as [number, number, number];
  const isToday = day.date === today;
  const kind = KIND_LABEL[day.kind];
  const label = `${m}月${d}日 ${weekdayLabel(day.date)}${day.name ? ` ${day.name}` : ''} ${kind}${isToday ? ' 今天' : ''}`;
  return (
    <td
      aria-label={label}
      title={label}
      data-date={day.date}
      data-kind={day.kind}
      className={cx(
        'h-20 border border-slate-200 p-1.5 align-top',
        day.kind === 'weekend' && 'bg-slate-100 text-slate-400',
        day.kind === 'holiday' && 'bg-red-50',
        day.kind === 'adjusted-workday' && 'bg-amber-50',
        isToday && 'outline-2 -outline-offset-2 outline-blue-600',
      )}
    >
      <div className="flex items-start justify-between">
        <span className={cx('tabular text-sm font-semibold', day.kind === 'holiday' && 'text-red-700', isToday && 'rounded bg-blue-700 px-1 text-white')}>{d}</span>
        {day.kind === 'holiday' && <span className="rounded bg-red-600 px-1 text-[10px] font-bold text-white">休</span>}
        {day.kind === 'adjusted-workday' && <span className="rounded bg-amber-500 px-1 text-[10px] font-bold text-white">班</span>}
      </div>
      {day.kind === 'holiday' && <div className="mt-1 truncate text-xs text-red-700">{day.name ?? '节假日'}</div>}
      {day.kind === 'adjusted-workday' && (
        <div className="mt-1 text-xs leading-tight text-amber-800">
          <div>调休上班</div>
          {day.name && <div className="truncate text-[11px] text-amber-700">{day.name}</div>}
        </div>
      )}
      {isToday && <div className="mt-1 text-[10px] text-blue-700">今天</div>}
    </td>
  );
}

function Legend() {
  return (
    <div className="mt-3 flex flex-wrap gap-4 text-xs text-slate-600">
      <span className="flex items-center gap-1">
        <span className="h-3 w-3 border border-slate-200 bg-white" /> 工作日
      </span>
      <span className="flex items-center gap-1">
        <span className="h-3 w-3 border border-slate-200 bg-slate-100" /> 周末休息
      </span>
      <span className="flex items-center gap-1">
        <span className="h-3 w-3 border border-slate-200 bg-red-50" /> 法定节假日（休）
      </span>
      <span className="flex items-center gap-1">
        <span className="h-3 w-3 border border-slate-200 bg-amber-50" /> 调休上班（班）
      </span>
    </div>
  );
}

/** Days of one month → rows of 7, Monday first, blanks before the 1st and after the last. */
function toWeeks(days: CalendarDayView[]): (CalendarDayView | null)[][] {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const first = sorted[0];
  if (!first) return [];
  const [y, m, d] = first.date.split('-').map(Number) as [number, number, number];
  const lead = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  const cells: (CalendarDayView | null)[] = [...Array<null>(lead).fill(null), ...sorted];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (CalendarDayView | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
