/** 办理历史: every step, decision, deadline, reminder and re-plan, with actor, time and article (PROCEDURES.md §8). */
import type { CaseType, HistoryEntryView } from '../../domain/views';
import { decisionMetaFor, stepLabelFor } from '../lib/procedures';
import { fmtDateTime } from '../lib/time';
import { DecisionBadge } from './badges';
import { ArticleBadge, cx, Empty } from './ui';

const DOT: Record<string, string> = {
  filed: 'bg-blue-600',
  decided: 'bg-emerald-600',
  granted: 'bg-emerald-600',
  escalated: 'bg-violet-600',
  reminder: 'bg-amber-500',
  're-planned': 'bg-amber-500',
  'deadline-set': 'bg-slate-400',
  'task-opened': 'bg-slate-400',
  'clock-paused': 'bg-amber-500',
  'clock-resumed': 'bg-blue-600',
  'agreement-drafted': 'bg-slate-400',
  'agreement-signed': 'bg-emerald-600',
  'agreement-effective': 'bg-emerald-600',
};

export function HistoryTimeline({ type, entries }: { type: CaseType; entries: HistoryEntryView[] }) {
  if (entries.length === 0) return <Empty>暂无办理记录。</Empty>;
  const sorted = [...entries].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <ol aria-label="办理历史" className="relative ml-2 border-l border-slate-200">
      {sorted.map((e, i) => {
        const tone = e.decision ? decisionMetaFor(type, e.step, e.decision).tone : null;
        return (
          <li key={i} className="mb-4 ml-4 last:mb-0">
            <span
              className={cx(
                'absolute -left-[5px] mt-1.5 h-2.5 w-2.5 rounded-full ring-2 ring-white',
                tone === 'red' ? 'bg-red-600' : tone === 'amber' ? 'bg-amber-500' : (DOT[e.action] ?? 'bg-slate-400'),
              )}
              aria-hidden="true"
            />
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
              <time className="tabular text-xs text-slate-500" dateTime={e.at}>
                {fmtDateTime(e.at)}
              </time>
              <span className="font-medium text-slate-900">{e.actionLabel}</span>
              {e.step && <span className="text-xs text-slate-600">· {stepLabelFor(type, e.step)}</span>}
              <DecisionBadge type={type} step={e.step} value={e.decision} />
              <ArticleBadge article={e.article} />
            </div>
            <div className="mt-0.5 text-xs text-slate-600">{e.actor}</div>
            {e.comment && <p className="mt-1 whitespace-pre-wrap rounded bg-slate-50 px-2 py-1 text-sm text-slate-800">{e.comment}</p>}
          </li>
        );
      })}
    </ol>
  );
}
