'use client';
/**
 * A problem-data case's own panel (Art. 27): the outcome — resolution mode, how
 * it closed, every round with its answer, extensions, confirmation and
 * arbitration — and, for the BDB while the provider handles it, 设定办理时限.
 */
import { useState, type FormEvent } from 'react';
import type { CaseDetailView, ProblemOutcomeView } from '../../domain/views';
import { MAX_BDB_LIMIT_WORKING_DAYS } from '../../domain/cases/problem-data/deadlines';
import { api, ApiError, newIdempotencyKey } from '../lib/api';
import { hasRole, useMe } from '../lib/session';
import { fmtDateTime } from '../lib/time';
import { FormErrorSummary } from './form-error-summary';
import { ArticleBadge, Badge, btn, Dl, Field, input, Section } from './ui';

const RESOLUTION: Record<NonNullable<ProblemOutcomeView['resolution']>, { label: string; tone: 'green' | 'blue' | 'teal' }> = {
  corrected: { label: '完成整改', tone: 'green' },
  'verified-correct': { label: '确认无误', tone: 'blue' },
  communicated: { label: '沟通解决', tone: 'teal' },
};
const CLOSED_BY: Record<NonNullable<ProblemOutcomeView['closedBy']>, string> = {
  reporter: '反馈方确认认可',
  lapse: '反馈方逾期未确认，视为认可',
  arbitration: '大数据局裁定维持处理结果',
};
const CONFIRMATION = { accepted: '认可', lapsed: '逾期未确认（视为认可）', disputed: '有异议' } as const;
const ARBITRATION = { uphold: '维持处理结果', reopen: '重新处理' } as const;

export function ProblemDataPanel({ detail, onChanged }: { detail: CaseDetailView; onChanged: (c: CaseDetailView) => void }) {
  const me = useMe();
  const p = detail.outcome?.problem;
  const providerHandling = detail.status === 'in-progress' && detail.openTasks.some((t) => t.step === 'provider-handle');
  const bdb = hasRole(me, 'bdb-coordinator') || hasRole(me, 'bdb-reviewer');
  if (!p) return null;
  return (
    <Section title={<span className="flex items-center gap-2">问题处理情况 <ArticleBadge article="第27条第4款" /></span>}>
      <Dl
        rows={[
          { label: '处理方式', value: p.resolution ? <Badge tone={RESOLUTION[p.resolution].tone}>{RESOLUTION[p.resolution].label}</Badge> : '尚未处理' },
          { label: '办结方式', value: p.closedBy ? CLOSED_BY[p.closedBy] : detail.status === 'withdrawn' ? '反馈方已撤回' : '办理中' },
          { label: '办理时限', value: `${p.handlingWorkingDays} 个工作日${p.urgent ? '（紧急）' : ''}` },
        ]}
      />
      {p.rounds.length > 0 && (
        <ol className="mt-3 space-y-2 text-sm" aria-label="处理轮次">
          {p.rounds.map((r) => (
            <li key={r.round} className="rounded border border-slate-200 px-3 py-2">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">第 {r.round} 轮</span>
                <span className="text-xs text-slate-500">{fmtDateTime(r.openedAt)} 起</span>
                {r.resolution && <Badge tone={RESOLUTION[r.resolution].tone}>{RESOLUTION[r.resolution].label}</Badge>}
                {r.confirmation && <Badge tone={r.confirmation === 'disputed' ? 'amber' : 'green'}>反馈方：{CONFIRMATION[r.confirmation]}</Badge>}
                {r.arbitration && <Badge tone={r.arbitration === 'reopen' ? 'amber' : 'blue'}>裁定：{ARBITRATION[r.arbitration]}</Badge>}
              </div>
              {r.note && <p className="mt-1 whitespace-pre-wrap text-slate-700">{r.note}</p>}
              {r.dataVersion && <p className="mt-1 text-xs text-slate-600">数据版本/归集时间：{r.dataVersion}</p>}
              {r.agreedWith && <p className="mt-1 text-xs text-slate-600">沟通对象：{r.agreedWith}</p>}
              {r.extensions.map((x, i) => (
                <p key={i} className="mt-1 text-xs text-slate-600">
                  申请延期至 {fmtDateTime(x.requestedDueAt)}：{x.approved === null ? '待大数据局审核' : x.approved ? '已同意' : '未同意，按原期限办理'}
                </p>
              ))}
            </li>
          ))}
        </ol>
      )}
      {providerHandling && bdb && <HandlingLimitForm caseId={detail.id} onChanged={onChanged} />}
    </Section>
  );
}

function HandlingLimitForm({ caseId, onChanged }: { caseId: string; onChanged: (c: CaseDetailView) => void }) {
  const [days, setDays] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const c = await api<CaseDetailView>(`/cases/${encodeURIComponent(caseId)}/handling-limit`, {
        method: 'POST',
        body: { workingDays: Number(days), reason: reason.trim() },
        headers: { 'Idempotency-Key': newIdempotencyKey() },
      });
      setDone(true);
      onChanged(c);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label="设定办理时限" className="mt-4 space-y-3 border-t border-slate-200 pt-3">
      <div className="text-sm font-semibold text-slate-900">设定办理时限（大数据局）</div>
      <FormErrorSummary error={error} fields={error?.fields ?? {}} known={['workingDays', 'reason']} />
      {done && <p className="text-xs text-emerald-700">已设定，数据提供单位的期限已按新时限重新计算。</p>}
      <div className="grid gap-3 md:grid-cols-[12rem_1fr]">
        <Field id="limit-days" label="工作日数" required error={error?.fields.workingDays} hint={`1–${MAX_BDB_LIMIT_WORKING_DAYS}，自本轮收到之日起算`}>
          <input id="limit-days" type="number" min={1} max={MAX_BDB_LIMIT_WORKING_DAYS} className={input} value={days} onChange={(e) => setDays(e.target.value)} />
        </Field>
        <Field id="limit-reason" label="理由" required error={error?.fields.reason}>
          <input id="limit-reason" className={input} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
      </div>
      <button type="submit" className={btn.secondary} disabled={busy}>
        {busy ? '正在设定…' : '设定时限'}
      </button>
    </form>
  );
}
