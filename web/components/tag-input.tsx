'use client';
/** A list of short strings typed one by one (Enter or comma adds, × removes). */
import { useState, type KeyboardEvent } from 'react';
import { cx, errorId, input } from './ui';

export function TagInput({
  id,
  values,
  onChange,
  placeholder,
  invalid,
  itemErrors,
  describedBy,
}: {
  id: string;
  values: string[];
  onChange: (v: string[]) => void;
  placeholder?: string;
  invalid?: boolean;
  /** Errors of single items, by index (e.g. from `dataItems.2`). */
  itemErrors?: Record<number, string>;
  describedBy?: string;
}) {
  const [draft, setDraft] = useState('');

  function commit(raw: string) {
    const parts = raw
      .split(/[,，、;\n]/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (!parts.length) return;
    const next = [...values];
    for (const p of parts) if (!next.includes(p)) next.push(p);
    onChange(next);
    setDraft('');
  }

  function onKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter' || e.key === ',' || e.key === '，') {
      e.preventDefault();
      commit(draft);
    } else if (e.key === 'Backspace' && !draft && values.length) {
      onChange(values.slice(0, -1));
    }
  }

  return (
    <div>
      {values.length > 0 && (
        <ul className="mb-1.5 flex flex-wrap gap-1.5" aria-label="已添加">
          {values.map((v, i) => (
            <li
              key={v}
              className={cx(
                'inline-flex items-center gap-1 rounded px-2 py-0.5 text-xs',
                itemErrors?.[i] ? 'bg-red-100 text-red-800 ring-1 ring-red-400' : 'bg-blue-50 text-blue-900 ring-1 ring-blue-200',
              )}
              title={itemErrors?.[i]}
            >
              {v}
              <button type="button" className="text-slate-500 hover:text-red-700" aria-label={`移除 ${v}`} onClick={() => onChange(values.filter((x) => x !== v))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        className={input}
        value={draft}
        placeholder={placeholder}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKey}
        onBlur={() => commit(draft)}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy ?? (invalid ? errorId(id) : undefined)}
      />
      {itemErrors &&
        Object.entries(itemErrors).map(([i, msg]) => (
          <p key={i} className="mt-1 text-xs font-medium text-red-700">
            “{values[Number(i)] ?? `第${Number(i) + 1}项`}”：{msg}
          </p>
        ))}
    </div>
  );
}
