'use client';
/** Deadlines as people read them: the due time, a live countdown, 已逾期 in red, 暂定 when provisional, and the working-day traffic light. */
import { useEffect, useState } from 'react';
import { dueText } from '../../domain/cases/due-text';
import type { TrafficLight } from '../../domain/calendar/traffic-light';
import { fmtDeadline, fmtRemaining, remaining } from '../lib/time';
import { Badge, cx, ProvisionalBadge } from './ui';

/** The current time, re-rendering every `ms` milliseconds. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

const LIGHTS: Record<TrafficLight, { tone: 'green' | 'amber' | 'red'; name: string; dot: string }> = {
  green: { tone: 'green', name: '绿灯', dot: 'bg-emerald-500' },
  yellow: { tone: 'amber', name: '黄灯', dot: 'bg-amber-400' },
  red: { tone: 'red', name: '红灯', dot: 'bg-red-600' },
};

/** The countdown in working days as the server computed it with the published calendar. */
export function workingDaysText(light: TrafficLight, workingDaysLeft: number | null): string {
  if (workingDaysLeft === null) return light === 'red' ? '已逾期' : '';
  if (light === 'red') return workingDaysLeft < 0 ? `逾期 ${-workingDaysLeft} 个工作日` : '已逾期';
  return workingDaysLeft === 0 ? '今日到期' : `剩余 ${workingDaysLeft} 个工作日`;
}

/** 绿/黄/红: green with time to spare, yellow on the last working day (from one working day before the deadline), red once overdue. */
export function LightBadge({ light, workingDaysLeft }: { light: TrafficLight | null; workingDaysLeft: number | null }) {
  if (!light) return null;
  const l = LIGHTS[light];
  return (
    <Badge tone={l.tone} title={`${l.name}：按工作日计算（黄灯：距期限最后一日不足 1 个工作日；红灯：已逾期）`} className="gap-1">
      <span aria-hidden="true" className={cx('inline-block h-2 w-2 rounded-full', l.dot)} />
      <span className="sr-only">{l.name}</span>
      <span data-light={light}>{workingDaysText(light, workingDaysLeft)}</span>
    </Badge>
  );
}

/**
 * The live countdown to a deadline; with `light` (a task from the API) it also
 * shows the working-day traffic light beside it.
 */
export function Countdown({
  dueAt,
  overdue,
  now,
  light,
  workingDaysLeft = null,
}: {
  dueAt: string | null;
  overdue?: boolean;
  now: number;
  light?: TrafficLight | null;
  workingDaysLeft?: number | null;
}) {
  if (!dueAt) return <span className="text-xs text-slate-400">无期限</span>;
  const r = remaining(dueAt, now);
  const late = r.overdue || overdue === true;
  const soon = !late && r.totalMs < 86_400_000;
  const clock = (
    <span
      className={cx('tabular whitespace-nowrap text-sm font-medium', late ? 'text-red-700' : soon ? 'text-amber-700' : 'text-slate-700')}
      title={`期限：${fmtDeadline(dueAt)}`}
    >
      {late && !r.overdue ? '已逾期' : fmtRemaining(r)}
    </span>
  );
  if (!light) return clock;
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <LightBadge light={light} workingDaysLeft={workingDaysLeft} />
      {clock}
    </span>
  );
}

export function DueAt({ dueAt, provisional, overdue }: { dueAt: string | null; provisional?: boolean; overdue?: boolean }) {
  if (!dueAt) return <span className="text-slate-400">—</span>;
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <span className={cx('tabular whitespace-nowrap', overdue && 'text-red-700')} title={fmtDeadline(dueAt)}>
        {dueText(dueAt)}
      </span>
      {provisional && <ProvisionalBadge />}
    </span>
  );
}
