/** 待办/已办, 未读/已读: the open/done switch of a task list, with the current tab's count. */
import { cx } from './ui';

export type OpenOrDone = 'open' | 'done';

export function StatusTabs(p: { label: string; names: Record<OpenOrDone, string>; current: OpenOrDone; count?: number; onSelect: (tab: OpenOrDone) => void }) {
  return (
    <div role="tablist" aria-label={p.label} className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 shadow-sm">
      {(['open', 'done'] as const).map((k) => (
        <button
          key={k}
          type="button"
          role="tab"
          aria-selected={p.current === k}
          onClick={() => p.onSelect(k)}
          className={cx('rounded px-4 py-1 text-sm font-medium', p.current === k ? 'bg-blue-700 text-white' : 'text-slate-700 hover:bg-slate-100')}
        >
          {p.names[k]}
          {k === p.current && p.count !== undefined && <span className="ml-1.5 text-xs opacity-80">{p.count}</span>}
        </button>
      ))}
    </div>
  );
}
