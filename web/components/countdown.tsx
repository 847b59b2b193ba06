'use client';
/** Deadlines as people read them: the due time, a live countdown, 已逾期 in red, 暂定 when provisional. */
import { useEffect, useState } from 'react';
import { dueText } from '../../domain/cases/due-text';
import { fmtDeadline, fmtRemaining, remaining } from '../lib/time';
import { cx, ProvisionalBadge } from './ui';

/** The current time, re-rendering every `ms` milliseconds. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

export function Countdown({ dueAt, overdue, now }: { dueAt: string | null; overdue?: boolean; now: number }) {
  if (!dueAt) return <span className="text-xs text-slate-400">无期限</span>;
  const r = remaining(dueAt, now);
  const late = r.overdue || overdue === true;
  const soon = !late && r.totalMs < 86_400_000;
  return (
    <span
      className={cx('tabular whitespace-nowrap text-sm font-medium', late ? 'text-red-700' : soon ? 'text-amber-700' : 'text-slate-700')}
      title={`期限：${fmtDeadline(dueAt)}`}
    >
      {late && !r.overdue ? '已逾期' : fmtRemaining(r)}
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
