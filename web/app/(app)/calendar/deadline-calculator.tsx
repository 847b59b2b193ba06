'use client';
/** 期限计算器: N working days (Art. 17, 27) or N natural days from receipt, counted as the regulation counts them. */
import { useState, type FormEvent } from 'react';
import type { DeadlineView } from '../../../../domain/views';
import { btn, cx, ErrorAlert, Field, input, Notice, ProvisionalBadge, Section, errorId } from '../../../components/ui';
import { api, ApiError, qs } from '../../../lib/api';
import { fmtDeadline, fmtMonthDay, localInputToIso, nowLocalInput, weekdayLabel } from '../../../lib/time';

type Mode = 'workingDays' | 'naturalDays';

export function DeadlineCalculator() {
  const [from, setFrom] = useState(() => nowLocalInput());
  const [mode, setMode] = useState<Mode>('workingDays');
  const [n, setN] = useState('5');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [result, setResult] = useState<{ view: DeadlineView; mode: Mode; n: number; from: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    const iso = localInputToIso(from);
    if (!iso) local.from = '请选择起算时间';
    const count = Number(n);
    if (!/^\d+$/.test(n) || count < 1 || count > 366) local.n = '请输入 1 至 366 之间的整数';
    setFields(local);
    setError(null);
    if (Object.keys(local).length || !iso) return;
    setBusy(true);
    try {
      const view = await api<DeadlineView>(`/calendar/deadline${qs({ from: iso, [mode]: count })}`);
      setResult({ view, mode, n: count, from });
    } catch (err) {
      const ae = err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err));
      setError(ae);
      setFields({
        ...(ae.fields.from ? { from: ae.fields.from } : {}),
        ...(ae.fields.workingDays || ae.fields.naturalDays ? { n: ae.fields.workingDays ?? ae.fields.naturalDays ?? '' } : {}),
      });
      setResult(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="期限计算器">
      <form onSubmit={submit} noValidate aria-label="期限计算器" className="flex flex-wrap items-start gap-4">
        <Field id="dl-from" label="收到时间（北京时间）" error={fields.from} className="w-56">
          <input
            id="dl-from"
            type="datetime-local"
            className={input}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            aria-invalid={fields.from ? true : undefined}
            aria-describedby={fields.from ? errorId('dl-from') : undefined}
          />
        </Field>
        <Field id="dl-n" label="期限天数" error={fields.n} className="w-28">
          <input
            id="dl-n"
            inputMode="numeric"
            className={input}
            value={n}
            onChange={(e) => setN(e.target.value.trim())}
            aria-invalid={fields.n ? true : undefined}
            aria-describedby={fields.n ? errorId('dl-n') : undefined}
          />
        </Field>
        <fieldset>
          <legend className="mb-1 block text-sm font-medium text-slate-800">计算方式</legend>
          <div className="flex gap-3 pt-1.5 text-sm">
            <label className="flex items-center gap-1.5">
              <input type="radio" name="dl-mode" checked={mode === 'workingDays'} onChange={() => setMode('workingDays')} />
              工作日
            </label>
            <label className="flex items-center gap-1.5">
              <input type="radio" name="dl-mode" checked={mode === 'naturalDays'} onChange={() => setMode('naturalDays')} />
              自然日
            </label>
          </div>
        </fieldset>
        <div className="pt-6">
          <button type="submit" className={btn.primary} disabled={busy}>
            {busy ? '计算中…' : '计算期限'}
          </button>
        </div>
      </form>
      <p className="mt-2 text-xs text-slate-500">
        计算规则：自收到之日的次日起算，期限届满日为第 N 个{mode === 'workingDays' ? '工作日' : '自然日'}的24:00（《民法典》第201条、第203条）。如第17条“5个工作日内予以答复”、第27条“最多延长至60个自然日”。
      </p>
      <div className="mt-3">
        <ErrorAlert error={error} />
      </div>
      {result && (
        <div className="mt-3 space-y-3" aria-live="polite">
          <div className={cx('rounded border px-4 py-3', result.view.provisional ? 'border-amber-300 bg-amber-50' : 'border-emerald-200 bg-emerald-50')}>
            <div className="text-xs text-slate-600">
              {result.from.replace('T', ' ')} 起 {result.n} 个{result.mode === 'workingDays' ? '工作日' : '自然日'}，期限届满：
            </div>
            <div className="mt-1 flex flex-wrap items-center gap-2 text-lg font-semibold text-slate-900" data-testid="deadline-result">
              {fmtDeadline(result.view.deadline)}
              {result.view.provisional && <ProvisionalBadge />}
            </div>
          </div>
          {result.view.provisional && (
            <Notice tone="amber">该期限跨入尚未发布节假日安排的年度，结果为暂定；管理员发布该年度安排后，运行中的期限将自动重新计算。</Notice>
          )}
          {result.view.workingDaysCounted.length > 0 && (
            <div>
              <div className="mb-1 text-xs font-medium text-slate-600">
                计入的{result.mode === 'workingDays' ? '工作日' : '日'}（{result.view.workingDaysCounted.length} 天）
              </div>
              <ol className="flex flex-wrap gap-1.5 text-xs">
                {result.view.workingDaysCounted.map((d, i) => (
                  <li key={d} className="rounded bg-slate-100 px-2 py-1 text-slate-700">
                    <span className="text-slate-400">{i + 1}.</span> {fmtMonthDay(d)} {weekdayLabel(d.slice(0, 10))}
                  </li>
                ))}
              </ol>
            </div>
          )}
        </div>
      )}
    </Section>
  );
}
