'use client';
/**
 * The steps of a case's procedure as a diagram: the main path left to right,
 * side branches (退回修改, 协调 …) beneath the step they leave from, parallel steps
 * stacked; finished steps checked, current ones lit, steps the case never took faded.
 */
import { Fragment } from 'react';
import type { CaseDetailView, CaseType, TaskView } from '../../domain/views';
import { CASE_STATUS } from '../lib/labels';
import { decisionMetaFor, END, FILED, procedureOf, stepArticleFor, stepLabelFor } from '../lib/procedures';
import { fmtDateTime } from '../lib/time';
import { ArticleBadge, cx } from './ui';

type NodeState = 'done' | 'current' | 'waiting' | 'pending' | 'skipped';

const STATE_TEXT: Record<NodeState, string> = {
  done: '已完成',
  current: '办理中',
  waiting: '待补正后继续',
  pending: '未开始',
  skipped: '未经过',
};

export function ProcedureDiagram({ detail }: { detail: CaseDetailView }) {
  const flow = procedureOf(detail.type).flow;
  const ended = detail.status !== 'in-progress';
  const byStep = new Map<string, TaskView[]>();
  for (const t of detail.tasks) byStep.set(t.step, [...(byStep.get(t.step) ?? []), t]);

  // A data provider is shown only its own tasks (domain/cases/case-visibility), so a main
  // step before the furthest one the case reached may have no task here: it was passed.
  const reached = (stage: { main: readonly string[]; branch?: readonly string[] }) =>
    [...stage.main, ...(stage.branch ?? [])].some((s) => (byStep.get(s) ?? []).length > 0 || detail.currentSteps.includes(s));
  const furthest = flow.reduce((max, stage, i) => (reached(stage) ? i : max), -1);
  const passedMain = new Set(flow.slice(0, Math.max(furthest, 0)).flatMap((stage) => stage.main));

  function state(step: string): NodeState {
    if (step === FILED) return 'done';
    if (step === END) return ended ? 'done' : 'pending';
    const ts = byStep.get(step) ?? [];
    if (ts.some((t) => t.status === 'open') || detail.currentSteps.includes(step)) return 'current';
    // Sent back to the applicant (退回修改, 要求补充材料: the specs' amber decisions), the step resumes after the answer.
    const latest = [...ts].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
    if (!ended && latest?.status === 'done' && decisionMetaFor(detail.type, step, latest.decision).tone === 'amber') return 'waiting';
    if (ts.some((t) => t.status === 'done')) return 'done';
    if (ts.length === 0 && passedMain.has(step)) return 'done';
    return ended ? 'skipped' : 'pending';
  }

  const node = (step: string, opts: { branch?: boolean; perProvider?: boolean } = {}) => {
    const s = state(step);
    const label = step === FILED ? '提交申请' : step === END ? (ended ? (CASE_STATUS[detail.status]?.label ?? '办结') : '办结') : stepLabelFor(detail.type, step);
    const tasks = byStep.get(step) ?? [];
    const openOrgs = [...new Set(tasks.filter((t) => t.status === 'open').map((t) => t.assignee.org.name))];
    const article = step === FILED || step === END ? undefined : stepArticleFor(detail.type, step);
    return (
      <div
        key={step}
        data-step={step}
        data-state={s}
        className={cx(
          'relative min-w-36 rounded-md border px-3 py-2 text-sm',
          s === 'done' && 'border-emerald-300 bg-emerald-50',
          s === 'current' && 'border-blue-600 bg-blue-600 text-white shadow-md ring-2 ring-blue-200',
          s === 'waiting' && 'border-amber-400 bg-amber-50',
          s === 'pending' && 'border-slate-300 bg-white',
          s === 'skipped' && 'border-dashed border-slate-300 bg-slate-50 text-slate-400',
          opts.branch && s === 'pending' && 'border-dashed',
        )}
      >
        <div className="flex items-center gap-1.5 font-medium">
          {s === 'done' && (
            <span className="flex h-4 w-4 items-center justify-center rounded-full bg-emerald-600 text-[10px] text-white" aria-hidden="true">
              ✓
            </span>
          )}
          {s === 'current' && <span className="h-2 w-2 animate-pulse rounded-full bg-white" aria-hidden="true" />}
          <span>{label}</span>
        </div>
        <div className={cx('mt-0.5 flex items-center gap-1.5 text-xs', s === 'current' ? 'text-blue-100' : 'text-slate-500')}>
          <span>{STATE_TEXT[s]}</span>
          {step === FILED && <span>{fmtDateTime(detail.createdAt)}</span>}
          {article && s !== 'current' && <ArticleBadge article={article} />}
        </div>
        {s === 'current' && openOrgs.length > 0 && !opts.perProvider && <div className="mt-1 text-xs text-blue-50">{openOrgs.join('、')}</div>}
        {opts.perProvider && <ProviderRows type={detail.type} tasks={tasks} dark={s === 'current'} />}
      </div>
    );
  };

  return (
    <div className="overflow-x-auto pb-1">
      <ol aria-label="办理流程" className="flex min-w-max items-start gap-0">
        {flow.map((stage, i) => (
          <Fragment key={i}>
            {i > 0 && (
              <li aria-hidden="true" className="flex h-14 items-center px-1.5 text-slate-400">
                →
              </li>
            )}
            <li className="flex flex-col items-stretch gap-2">
              {stage.main.length > 1 ? (
                <div className="rounded-md border border-dashed border-slate-300 p-1.5">
                  <div className="mb-1 text-center text-[11px] text-slate-500">并行办理</div>
                  <div className="flex flex-col gap-1.5">{stage.main.map((s) => node(s, { perProvider: stage.perProvider && procedureOf(detail.type).steps[s]?.party === 'provider' }))}</div>
                </div>
              ) : (
                node(stage.main[0] ?? '', { perProvider: stage.perProvider })
              )}
              {stage.branch && (
                <div className="flex flex-col items-center gap-1.5">
                  <div className="text-center text-[11px] leading-tight text-slate-500">
                    ↓ {stage.branchLabel}
                  </div>
                  {stage.branch.map((b, bi) => (
                    <Fragment key={b}>
                      {bi > 0 && (
                        <div aria-hidden="true" className="text-xs text-slate-400">
                          ↓
                        </div>
                      )}
                      <div className="w-full">{node(b, { branch: true })}</div>
                    </Fragment>
                  ))}
                </div>
              )}
            </li>
          </Fragment>
        ))}
      </ol>
    </div>
  );
}

/** One line per provider organisation asked for consent: its latest task's status and answer. */
function ProviderRows({ type, tasks, dark }: { type: CaseType; tasks: TaskView[]; dark: boolean }) {
  const latest = new Map<string, TaskView>();
  for (const t of [...tasks].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) latest.set(t.assignee.org.id, t);
  if (latest.size === 0) return null;
  return (
    <ul className={cx('mt-1.5 space-y-0.5 border-t pt-1.5 text-xs', dark ? 'border-blue-400' : 'border-slate-200')}>
      {[...latest.values()].map((t) => (
        <li key={t.assignee.org.id} className="flex items-center justify-between gap-2">
          <span className="truncate">{t.assignee.org.name}</span>
          <span className={cx('whitespace-nowrap font-medium', t.overdue && t.status === 'open' && (dark ? 'text-red-100' : 'text-red-700'))}>
            {t.status === 'open' ? (t.overdue ? '逾期未复' : '待答复') : t.status === 'done' ? decisionMetaFor(type, t.step, t.decision).label : '已取消'}
          </span>
        </li>
      ))}
    </ul>
  );
}
