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

/**
 * One catalog resource for each of a list of named slots, in the slots' order
 * (e.g. the IT project's completion report: the resource registered for each
 * project catalog entry, Art. 11). Each slot is a select labelled with its
 * name; resources of `preferredProviderId` are offered first. Errors come keyed
 * `<field>.<index>` as the API sends them, or on the whole field.
 */
export function ResourceSlots({
  id,
  field,
  slots,
  all,
  values,
  onChange,
  errors,
  preferredProviderId,
}: {
  id: string;
  /** The API's name of the list (errors are keyed by it). */
  field: string;
  slots: { name: string; detail?: string }[];
  all: ResourceView[];
  values: string[];
  onChange: (codes: string[]) => void;
  errors: Record<string, string>;
  preferredProviderId?: string;
}) {
  const ordered = [...all].sort((a, b) => Number(b.provider.id === preferredProviderId) - Number(a.provider.id === preferredProviderId));
  const set = (i: number, code: string) => onChange(slots.map((_, j) => (j === i ? code : (values[j] ?? ''))));
  return (
    <ol className="space-y-2" aria-label="逐项选择目录资源">
      {slots.map((s, i) => {
        const error = errors[`${field}.${i}`];
        const sid = `${id}-${i}`;
        const chosen = all.find((r) => r.code === values[i]);
        return (
          <li key={i} className={cx('grid gap-2 rounded border px-3 py-2 md:grid-cols-[2fr_3fr]', error ? 'border-red-300 bg-red-50/50' : 'border-slate-200')}>
            <label htmlFor={sid} className="text-sm">
              <span className="font-medium text-slate-900">
                {i + 1}. {s.name}
              </span>
              {s.detail && <span className="block text-xs text-slate-500">{s.detail}</span>}
            </label>
            <div>
              <select
                id={sid}
                className={input}
                value={values[i] ?? ''}
                onChange={(e) => set(i, e.target.value)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId(sid) : undefined}
              >
                <option value="">请选择目录资源…</option>
                {ordered.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.name}（{r.code}）— {r.provider.name}
                  </option>
                ))}
              </select>
              {chosen && preferredProviderId && chosen.provider.id !== preferredProviderId && !error && (
                <p className="mt-1 text-xs text-amber-800">该资源由{chosen.provider.name}提供，不是本单位提供的资源：验收核对将不通过。</p>
              )}
              {error && (
                <p id={errorId(sid)} className="mt-1 text-xs font-medium text-red-700">
                  {error}
                </p>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
