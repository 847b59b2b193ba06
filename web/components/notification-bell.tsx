'use client';
/**
 * 通知: reminders one working day before a deadline, missed deadlines and
 * coordination notices addressed to the user's organisation and roles
 * (GET /notifications), refreshed every minute.
 */
import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { NotificationView } from '../../domain/views';
import { api } from '../lib/api';
import { fmtDateTime } from '../lib/time';
import { cx } from './ui';

const KIND_LABELS: Record<string, string> = { reminder: '期限提醒', overdue: '逾期', coordination: '协调', urge: '催办' };

export function NotificationBell() {
  const [items, setItems] = useState<NotificationView[]>([]);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  const load = useCallback(async (background = false) => {
    try {
      setItems((await api<{ items: NotificationView[] }>('/notifications', { background })).items);
    } catch {
      // The bell is secondary: a failed refresh keeps the last list.
    }
  }, []);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(true), 60_000);
    return () => clearInterval(timer);
  }, [load]);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const unread = items.filter((n) => !n.read);

  async function markAllRead() {
    if (unread.length === 0) return;
    await api('/notifications/read', { method: 'POST', body: { ids: unread.map((n) => n.id) } }).catch(() => undefined);
    await load();
  }

  return (
    <div className="relative" ref={box}>
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-label={`通知（${unread.length} 条未读）`}
        className="relative rounded border border-white/30 px-2.5 py-1 text-xs font-medium hover:bg-white/10"
      >
        通知
        {unread.length > 0 && (
          <span className="ml-1 inline-flex min-w-5 items-center justify-center rounded-full bg-red-600 px-1 text-[11px] font-bold">{unread.length}</span>
        )}
      </button>
      {open && (
        <div role="dialog" aria-label="通知" className="absolute right-0 z-20 mt-2 w-96 max-w-[90vw] rounded border border-slate-200 bg-white text-slate-800 shadow-lg">
          <div className="flex items-center justify-between border-b border-slate-100 px-3 py-2">
            <span className="text-sm font-semibold">通知</span>
            <button type="button" onClick={markAllRead} disabled={unread.length === 0} className="text-xs text-blue-700 hover:underline disabled:text-slate-400">
              全部标为已读
            </button>
          </div>
          {items.length === 0 ? (
            <p className="px-3 py-4 text-sm text-slate-500">暂无通知</p>
          ) : (
            <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
              {items.map((n) => (
                <li key={n.id} className={cx('px-3 py-2 text-sm', !n.read && 'bg-amber-50')}>
                  <div className="flex items-center justify-between text-xs text-slate-500">
                    <span className={cx('font-medium', n.kind === 'overdue' ? 'text-red-700' : 'text-amber-700')}>{KIND_LABELS[n.kind] ?? n.kind}</span>
                    <span>{fmtDateTime(n.createdAt)}</span>
                  </div>
                  {n.caseId ? (
                    <Link href={`/cases/${n.caseId}`} onClick={() => setOpen(false)} className="mt-0.5 block text-slate-800 hover:text-blue-700 hover:underline">
                      {n.message}
                    </Link>
                  ) : (
                    <p className="mt-0.5">{n.message}</p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
