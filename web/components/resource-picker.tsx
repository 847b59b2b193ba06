'use client';
/**
 * A searchable, checkable list of catalog resources with the count chosen: the
 * filing forms of every procedure pick their resources with it, each saying which
 * entries may be chosen and what to show beside each.
 */
import Link from 'next/link';
import { useState, type ReactNode } from 'react';
import type { ResourceView } from '../../domain/views';
import { cx, errorId, input } from './ui';

export interface ResourcePickerProps {
  id: string;
  all: ResourceView[];
  selected: string[];
  onChange: (codes: string[]) => void;
  invalid: boolean;
  /** The list's accessible name. */
  label: string;
  placeholder: string;
  /** Text besides name, code and provider that a search matches (e.g. the data items). */
  alsoMatches?: (r: ResourceView) => readonly string[];
  order?: (a: ResourceView, b: ResourceView) => number;
  /** Entries that cannot be chosen are shown greyed out (one already chosen can still be unticked). */
  choosable?: (r: ResourceView) => boolean;
  /** A line under the entry's name, e.g. why it cannot be chosen. */
  note?: (r: ResourceView) => ReactNode;
  badge: (r: ResourceView) => ReactNode;
  className?: string;
}

export function ResourcePicker({ id, all, selected, onChange, invalid, label, placeholder, alsoMatches = () => [], order, choosable = () => true, note, badge, className = 'max-h-60' }: ResourcePickerProps) {
  const [q, setQ] = useState('');
  const needle = q.trim().toLowerCase();
  const matching = all.filter((r) => !needle || [r.name, r.code, r.provider.name, ...alsoMatches(r)].some((t) => t.toLowerCase().includes(needle)));
  const shown = order ? [...matching].sort(order) : matching;
  const toggle = (code: string) => onChange(selected.includes(code) ? selected.filter((c) => c !== code) : [...selected, code]);

  return (
    <div className={cx('rounded border', invalid ? 'border-red-400' : 'border-slate-300')}>
      <div className="border-b border-slate-200 p-2">
        <label htmlFor={`${id}-search`} className="sr-only">
          搜索资源
        </label>
        <input
          id={`${id}-search`}
          type="search"
          className={input}
          placeholder={placeholder}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
          aria-describedby={invalid ? errorId(id) : undefined}
        />
      </div>
      <ul className={cx(className, 'divide-y divide-slate-100 overflow-y-auto')} aria-label={label}>
        {shown.map((r) => {
          const on = selected.includes(r.code);
          const can = choosable(r);
          return (
            <li key={r.code}>
              <label className={cx('flex items-center gap-3 px-3 py-1.5 text-sm', can ? 'cursor-pointer hover:bg-slate-50' : 'cursor-not-allowed bg-slate-50/60', on && 'bg-blue-50')}>
                <input type="checkbox" checked={on} disabled={!can && !on} onChange={() => toggle(r.code)} aria-label={`${r.name} ${r.code}`} />
                <span className="min-w-0 flex-1">
                  <span className={cx('font-medium', can ? 'text-slate-900' : 'text-slate-500')}>{r.name}</span>
                  <span className="ml-2 font-mono text-xs text-slate-500">{r.code}</span>
                  <span className="ml-2 text-xs text-slate-500">{r.provider.name}</span>
                  {note?.(r)}
                </span>
                {badge(r)}
              </label>
            </li>
          );
        })}
        {shown.length === 0 && <li className="px-3 py-3 text-sm text-slate-500">没有匹配的资源。</li>}
      </ul>
      <div className="border-t border-slate-200 px-3 py-1.5 text-xs text-slate-500">
        已选 {selected.length} 项 · 资源说明见
        <Link href="/catalog" target="_blank" className="ml-1 text-blue-700 hover:underline">
          数据目录
        </Link>
      </div>
    </div>
  );
}
