'use client';
/**
 * The decision on one open task (POST /tasks/{id}/decision). The fields a
 * decision needs appear when it is chosen; the answer comes only after the
 * workflow took the decision. 409 → already handled; 422 → errors beside fields.
 */
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { decisionBodySchema, missingDecisionFields } from '../../domain/cases/restricted-share/decisions';
import { RS_STEPS, type RsStep } from '../../domain/cases/restricted-share/steps';
import type { CaseDetailView, TaskView } from '../../domain/views';
import { api, ApiError, newIdempotencyKey } from '../lib/api';
import { useCatalog } from '../lib/catalog';
import { decisionMeta, stepLabel, type DecisionMeta } from '../lib/labels';
import { fmtDateTime, isoToLocalInput, localInputToIso } from '../lib/time';
import { Countdown, DueAt, useNow } from './countdown';
import { FormErrorSummary } from './form-error-summary';
import { checkDraft, draftFromPayload, draftToPayload, errorsAfterEdit, RestrictedShareFields, type RestrictedShareDraft } from './restricted-share-form';
import { TagInput } from './tag-input';
import { btn, cx, errorId, Field, input, Notice } from './ui';

const TONE_CHECKED: Record<DecisionMeta['tone'], string> = {
  green: 'has-[:checked]:border-emerald-600 has-[:checked]:bg-emerald-50 has-[:checked]:text-emerald-900',
  teal: 'has-[:checked]:border-teal-600 has-[:checked]:bg-teal-50 has-[:checked]:text-teal-900',
  blue: 'has-[:checked]:border-blue-600 has-[:checked]:bg-blue-50 has-[:checked]:text-blue-900',
  amber: 'has-[:checked]:border-amber-500 has-[:checked]:bg-amber-50 has-[:checked]:text-amber-900',
  red: 'has-[:checked]:border-red-600 has-[:checked]:bg-red-50 has-[:checked]:text-red-900',
  purple: 'has-[:checked]:border-violet-600 has-[:checked]:bg-violet-50 has-[:checked]:text-violet-900',
  slate: 'has-[:checked]:border-slate-600 has-[:checked]:bg-slate-100 has-[:checked]:text-slate-900',
};

export function DecisionForm({
  task,
  detail,
  onDecided,
  onStale,
}: {
  task: TaskView;
  detail: CaseDetailView;
  onDecided: (c: CaseDetailView, decision: string) => void;
  onStale: () => void;
}) {
  const now = useNow(1000);
  const [decision, setDecision] = useState('');
  const [comment, setComment] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [desFields, setDesFields] = useState<string[]>([]);
  const [desRule, setDesRule] = useState('');
  const [newDueAt, setNewDueAt] = useState(() => (task.dueAt ? isoToLocalInput(task.dueAt) : ''));
  const [conditions, setConditions] = useState('');
  const [signerName, setSignerName] = useState('');
  const [registered, setRegistered] = useState<string[]>([]);
  const [draft, setDraft] = useState<RestrictedShareDraft>(() => draftFromPayload(detail.payload));
  const [payloadJson, setPayloadJson] = useState(() => JSON.stringify(detail.payload, null, 2));
  const [errors, setErrors] = useState<Record<string, string>>({});
  /** Errors of the amended request (resubmit), keyed relative to the payload. */
  const [payloadErrors, setPayloadErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const attempt = useRef<{ key: string; body: string } | null>(null);
  const catalog = useCatalog();

  // After 退回修改 the applicant needs the reviewer's words beside the form.
  const lastReturn =
    task.step === 'applicant-amend' || task.step === 'owner-amend' || task.step === 'applicant-supplement'
      ? [...detail.history].reverse().find((h) => (h.decision === 'return' || h.decision === 'request-info') && h.comment)
      : undefined;
  const meta = decisionMeta(decision);
  const needs = new Set(meta.needs ?? []);
  const p = `t-${task.id}`;

  // The data items the request asks for are the candidates for 脱敏字段.
  const itemSuggestions = useMemo(() => {
    const items = detail.payload.dataItems;
    return Array.isArray(items) ? items.filter((x): x is string => typeof x === 'string') : [];
  }, [detail.payload]);

  /** Field errors as the API keys them; `payload.*` ones go beside the amended request's fields. */
  function showErrors(fields: Record<string, string>, payloadFields: Record<string, string> = {}) {
    const own: Record<string, string> = {};
    const amended: Record<string, string> = { ...payloadFields };
    for (const [k, v] of Object.entries(fields)) {
      if (k.startsWith('payload.')) amended[k.slice('payload.'.length)] = v;
      else own[k] = v;
    }
    setErrors(own);
    setPayloadErrors(amended);
  }

  function body(): Record<string, unknown> | null {
    const b: Record<string, unknown> = { decision };
    if (comment.trim()) b.comment = comment.trim();
    if (needs.has('legalBasis')) b.legalBasis = legalBasis.trim();
    if (needs.has('desensitization')) b.desensitization = { fields: desFields, rule: desRule.trim() };
    if (needs.has('newDueAt')) b.newDueAt = localInputToIso(newDueAt) ?? newDueAt;
    if (needs.has('conditions')) b.conditions = conditions.trim();
    if (needs.has('signerName')) b.signerName = signerName.trim();
    if (needs.has('registeredResources')) b.registeredResources = registered;
    if (needs.has('payload')) {
      if (detail.type === 'restricted-share') {
        const local = checkDraft(draft, catalog.items);
        if (local) {
          setError(new ApiError(422, 'validation_failed', local.message, local.fields, local.article || undefined));
          showErrors({}, local.fields);
          return null;
        }
        b.payload = draftToPayload(draft);
      } else {
        try {
          b.payload = JSON.parse(payloadJson) as unknown;
        } catch {
          showErrors({ payload: '申请内容不是有效的 JSON' });
          return null;
        }
      }
    }
    return b;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (inFlight.current) return;
    if (!decision) {
      showErrors({ decision: '请选择办理意见' });
      return;
    }
    const b = body();
    if (!b) return;
    // The API's own checks (domain/cases/restricted-share/decisions), made here first.
    if (detail.type === 'restricted-share' && (RS_STEPS as readonly string[]).includes(task.step)) {
      const parsed = decisionBodySchema.safeParse(b);
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const i of parsed.error.issues) fields[i.path.join('.') || 'decision'] ??= i.message;
        setError(new ApiError(422, 'validation_failed', '办理意见有误，请修改标出的内容', fields));
        showErrors(fields);
        return;
      }
      const missing = missingDecisionFields(task.step as RsStep, parsed.data);
      if (missing) {
        setError(new ApiError(422, 'validation_failed', missing.message, missing.fields, missing.article));
        showErrors(missing.fields);
        return;
      }
    }
    inFlight.current = true;
    setBusy(true);
    setError(null);
    showErrors({});
    // One key per decision: if the answer is lost (network, server restart), sending the same decision again
    // gets the real outcome instead of "already decided". A changed decision is a new request.
    const sent = JSON.stringify(b);
    if (attempt.current?.body !== sent) attempt.current = { key: newIdempotencyKey(), body: sent };
    try {
      const res = await api<{ case: CaseDetailView }>(`/tasks/${encodeURIComponent(task.id)}/decision`, {
        method: 'POST',
        body: b,
        headers: { 'Idempotency-Key': attempt.current.key },
      });
      attempt.current = null;
      onDecided(res.case, decision);
    } catch (err) {
      const ae = err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err));
      if (ae.status >= 400 && ae.status < 500) attempt.current = null; // a definite answer: the next try is a new request
      if (ae.status === 409) {
        onStale();
        return;
      }
      setError(ae);
      showErrors(ae.fields);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  const known = ['decision', 'comment', 'legalBasis', 'desensitization', 'newDueAt', 'conditions', 'signerName', 'registeredResources', 'payload'];

  return (
    <form onSubmit={submit} noValidate aria-label={`办理：${stepLabel(task.step)}`} className="space-y-4">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <span>
          环节：<strong>{task.stepLabel || stepLabel(task.step)}</strong>
        </span>
        <span className="text-slate-600">承办：{task.assignee.org.name}</span>
        {task.dueAt && (
          <span className="flex items-center gap-2">
            期限：
            <DueAt dueAt={task.dueAt} provisional={task.provisional} overdue={task.overdue} />
            <Countdown dueAt={task.dueAt} overdue={task.overdue} now={now} light={task.light} workingDaysLeft={task.workingDaysLeft} />
          </span>
        )}
      </div>
      {lastReturn && (
        <Notice tone="amber" title="退回意见">
          <span className="whitespace-pre-wrap">{lastReturn.comment}</span>
          <span className="ml-2 text-xs text-amber-800">
            {lastReturn.actor} · {fmtDateTime(lastReturn.at)}
          </span>
        </Notice>
      )}
      {task.overdue && (
        <Notice tone="red">本任务已超过办理期限。逾期未答复不视为同意，已同时提交市大数据主管部门协调（第17条）。</Notice>
      )}
      <FormErrorSummary error={error} fields={{ ...errors, ...Object.fromEntries(Object.entries(payloadErrors).map(([k, v]) => [`payload.${k}`, v])) }} known={known} />

      <fieldset aria-describedby={errors.decision ? errorId(`${p}-decision`) : undefined}>
        <legend className="mb-1.5 text-sm font-medium text-slate-800">
          办理意见<span className="ml-0.5 text-red-600">*</span>
        </legend>
        <div className="flex flex-wrap gap-2">
          {task.decisions.map((d) => {
            const m = decisionMeta(d);
            return (
              <label
                key={d}
                className={cx(
                  'inline-flex cursor-pointer items-center gap-1.5 rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:border-slate-400 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-600',
                  TONE_CHECKED[m.tone],
                )}
              >
                <input type="radio" name={`${p}-decision`} value={d} checked={decision === d} onChange={() => setDecision(d)} />
                {m.label}
              </label>
            );
          })}
        </div>
        {errors.decision && (
          <p id={errorId(`${p}-decision`)} className="mt-1 text-xs font-medium text-red-700">
            {errors.decision}
          </p>
        )}
        {meta.hint && decision && <p className="mt-2 text-xs text-slate-600">{meta.hint}</p>}
      </fieldset>

      {decision && needs.has('legalBasis') && (
        <Field id={`${p}-legalBasis`} label="法律法规依据" required error={errors.legalBasis} hint="请引用不同意共享所依据的法律、法规或规章及其条款（第17条第2款）。">
          <textarea
            id={`${p}-legalBasis`}
            rows={3}
            className={input}
            value={legalBasis}
            onChange={(e) => setLegalBasis(e.target.value)}
            aria-invalid={errors.legalBasis ? true : undefined}
            aria-describedby={errors.legalBasis ? errorId(`${p}-legalBasis`) : undefined}
          />
        </Field>
      )}

      {decision && needs.has('desensitization') && (
        <div className="grid gap-4 md:grid-cols-2">
          <Field id={`${p}-desFields`} label="脱敏字段" required error={errors['desensitization.fields'] ?? errors.desensitization} hint="需脱敏处理的数据项，回车添加。">
            <TagInput
              id={`${p}-desFields`}
              values={desFields}
              onChange={setDesFields}
              placeholder="如 公民身份号码"
              invalid={Boolean(errors['desensitization.fields'] ?? errors.desensitization)}
            />
            {itemSuggestions.length > 0 && (
              <div className="mt-1.5 flex flex-wrap gap-1 text-xs">
                {itemSuggestions.map((s) => (
                  <button
                    key={s}
                    type="button"
                    aria-pressed={desFields.includes(s)}
                    onClick={() => setDesFields(desFields.includes(s) ? desFields.filter((x) => x !== s) : [...desFields, s])}
                    className={cx('rounded px-1.5 py-0.5 ring-1', desFields.includes(s) ? 'bg-teal-700 text-white ring-teal-700' : 'bg-white text-slate-700 ring-slate-300')}
                  >
                    {s}
                  </button>
                ))}
              </div>
            )}
          </Field>
          <Field id={`${p}-desRule`} label="脱敏规则" required error={errors['desensitization.rule']} hint="如：公民身份号码保留前6位和后4位，其余以*代替。">
            <textarea
              id={`${p}-desRule`}
              rows={3}
              className={input}
              value={desRule}
              onChange={(e) => setDesRule(e.target.value)}
              aria-invalid={errors['desensitization.rule'] ? true : undefined}
              aria-describedby={errors['desensitization.rule'] ? errorId(`${p}-desRule`) : undefined}
            />
          </Field>
        </div>
      )}

      {decision && needs.has('newDueAt') && (
        <Field id={`${p}-newDueAt`} label="申请延长至（北京时间）" required error={errors.newDueAt} hint="最多延长至收到反馈之日起60个自然日（第27条第3款）。">
          <input
            id={`${p}-newDueAt`}
            type="datetime-local"
            className={`${input} w-60`}
            value={newDueAt}
            onChange={(e) => setNewDueAt(e.target.value)}
            aria-invalid={errors.newDueAt ? true : undefined}
          />
        </Field>
      )}

      {decision && needs.has('conditions') && (
        <Field id={`${p}-conditions`} label="通过条件" required error={errors.conditions}>
          <textarea id={`${p}-conditions`} rows={3} className={input} value={conditions} onChange={(e) => setConditions(e.target.value)} aria-invalid={errors.conditions ? true : undefined} />
        </Field>
      )}

      {decision && needs.has('signerName') && (
        <Field id={`${p}-signerName`} label="签署人姓名" required error={errors.signerName}>
          <input id={`${p}-signerName`} className={`${input} w-60`} value={signerName} onChange={(e) => setSignerName(e.target.value)} aria-invalid={errors.signerName ? true : undefined} />
        </Field>
      )}

      {decision && needs.has('registeredResources') && (
        <Field id={`${p}-registered`} label="已编入公共数据资源目录的资源编码" required error={errors.registeredResources} hint="项目数据目录应更新至公共数据资源目录，作为验收依据（第11条）。">
          <TagInput id={`${p}-registered`} values={registered} onChange={setRegistered} placeholder="如 NB-AMR-0003" invalid={Boolean(errors.registeredResources)} />
        </Field>
      )}

      {decision && needs.has('payload') && (
        <div className="rounded-md border border-slate-200 p-4">
          <div className="mb-3 text-sm font-semibold text-slate-900">修改申请内容</div>
          {detail.type === 'restricted-share' && errors.payload && <p className="mb-2 text-xs font-medium text-red-700">{errors.payload}</p>}
          {detail.type === 'restricted-share' ? (
            <RestrictedShareFields
              value={draft}
              onChange={(d) => {
                setPayloadErrors((e) => errorsAfterEdit(e, draft, d));
                setDraft(d);
              }}
              errors={payloadErrors}
              idPrefix={`${p}-rs`}
            />
          ) : (
            <Field id={`${p}-payload`} label="申请内容（JSON）" required error={errors.payload}>
              <textarea id={`${p}-payload`} rows={12} className={`${input} font-mono text-xs`} value={payloadJson} onChange={(e) => setPayloadJson(e.target.value)} />
            </Field>
          )}
        </div>
      )}

      {decision && (
        <Field
          id={`${p}-comment`}
          label={meta.commentRequired ? '办理意见说明' : '办理意见说明（可选）'}
          required={meta.commentRequired}
          error={errors.comment}
        >
          <textarea
            id={`${p}-comment`}
            rows={3}
            className={input}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            aria-invalid={errors.comment ? true : undefined}
            aria-describedby={errors.comment ? errorId(`${p}-comment`) : undefined}
          />
        </Field>
      )}

      <div className="flex items-center gap-3">
        <button type="submit" className={btn.primary} disabled={busy}>
          {busy ? '正在提交，等待流程处理…' : decision ? `提交：${meta.label}` : '提交'}
        </button>
        {busy && <span className="text-xs text-slate-500">流程引擎确认后显示结果。</span>}
      </div>
    </form>
  );
}
