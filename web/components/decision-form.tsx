'use client';
/**
 * The decision on one open task (POST /tasks/{id}/decision), drawn from the
 * procedure's spec: the decisions this task offers, each with its hint and
 * article, and the fields it requires. Checked with the API's own rules
 * (domain/procedures) before sending; the answer comes only after the workflow
 * took the decision. 409 → already handled; 422 → errors beside the fields,
 * everything typed kept.
 */
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { decisionBodySchema, missingDecisionFields, stepSpec, type DecisionField } from '../../domain/procedures';
import type { CaseDetailView, TaskView } from '../../domain/views';
import { agreementPath, type AgreementView } from '../lib/agreement';
import { api, ApiError, newIdempotencyKey } from '../lib/api';
import { useCatalog } from '../lib/catalog';
import {
  checkConditionalOpenDraft,
  conditionalOpenDraftFromPayload,
  conditionalOpenDraftToPayload,
  conditionalOpenErrorsAfterEdit,
  type ConditionalOpenDraft,
} from '../lib/conditional-open-draft';
import { checkItProjectDraft, itProjectDraftFromPayload, itProjectDraftToPayload, itProjectErrorsAfterEdit, projectCatalogEntries, type ItProjectDraft } from '../lib/it-project';
import { decisionMetaFor, procedureOf, stepLabelFor, type DecisionMeta } from '../lib/procedures';
import { fmtDateTime, isoToLocalInput, localInputToIso } from '../lib/time';
import { useApi } from '../lib/use-api';
import { AgreementText } from './agreement-text';
import { ConditionalOpenFields } from './conditional-open-form';
import { Countdown, DueAt, useNow } from './countdown';
import { FormErrorSummary } from './form-error-summary';
import { checkDraft, draftFromPayload, draftToPayload, errorsAfterEdit, RestrictedShareFields, type RestrictedShareDraft } from './restricted-share-form';
import { ItProjectFields } from './it-project-form';
import { ResourceSlots } from './resource-picker';
import { TagInput } from './tag-input';
import { ArticleBadge, btn, cx, ErrorAlert, errorId, Field, input, Loading, Notice } from './ui';

const TONE_CHECKED: Record<DecisionMeta['tone'], string> = {
  green: 'has-[:checked]:border-emerald-600 has-[:checked]:bg-emerald-50 has-[:checked]:text-emerald-900',
  teal: 'has-[:checked]:border-teal-600 has-[:checked]:bg-teal-50 has-[:checked]:text-teal-900',
  blue: 'has-[:checked]:border-blue-600 has-[:checked]:bg-blue-50 has-[:checked]:text-blue-900',
  amber: 'has-[:checked]:border-amber-500 has-[:checked]:bg-amber-50 has-[:checked]:text-amber-900',
  red: 'has-[:checked]:border-red-600 has-[:checked]:bg-red-50 has-[:checked]:text-red-900',
  purple: 'has-[:checked]:border-violet-600 has-[:checked]:bg-violet-50 has-[:checked]:text-violet-900',
  slate: 'has-[:checked]:border-slate-600 has-[:checked]:bg-slate-100 has-[:checked]:text-slate-900',
};

/** Words of the fields a decision may require; what each means under the regulation comes from the decision's hint and article. */
const FIELD_LABELS: Record<DecisionField, string> = {
  comment: '办理意见说明',
  legalBasis: '法律法规依据',
  desensitization: '脱敏要求',
  payload: '修改申请内容',
  newDueAt: '申请延长至（北京时间）',
  conditions: '通过条件',
  signerName: '签署人',
  registeredResources: '已编入公共数据资源目录的资源编码',
  dataVersion: '整改后的数据版本或重新归集时间',
  agreedWith: '沟通对象（与谁达成一致）',
};

/** The procedures whose filing form serves a resubmit; others amend the payload as JSON. */
type PayloadDraft =
  | { kind: 'restricted-share'; draft: RestrictedShareDraft }
  | { kind: 'conditional-open'; draft: ConditionalOpenDraft }
  | { kind: 'it-project'; draft: ItProjectDraft }
  | { kind: 'json'; text: string };

function initialPayloadDraft(detail: CaseDetailView): PayloadDraft {
  if (detail.type === 'restricted-share') return { kind: 'restricted-share', draft: draftFromPayload(detail.payload) };
  if (detail.type === 'conditional-open') return { kind: 'conditional-open', draft: conditionalOpenDraftFromPayload(detail.payload) };
  if (detail.type === 'it-project') return { kind: 'it-project', draft: itProjectDraftFromPayload(detail.payload) };
  return { kind: 'json', text: JSON.stringify(detail.payload, null, 2) };
}

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
  const [signConfirmed, setSignConfirmed] = useState(false);
  const [registered, setRegistered] = useState<string[]>([]);
  const [dataVersion, setDataVersion] = useState('');
  const [agreedWith, setAgreedWith] = useState('');
  const [payloadDraft, setPayloadDraft] = useState<PayloadDraft>(() => initialPayloadDraft(detail));
  const [errors, setErrors] = useState<Record<string, string>>({});
  /** Errors of the amended request (resubmit), keyed relative to the payload. */
  const [payloadErrors, setPayloadErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const attempt = useRef<{ key: string; body: string } | null>(null);
  const catalog = useCatalog();

  const procedure = procedureOf(detail.type);
  const step = stepSpec(detail.type, task.step);
  const meta: DecisionMeta = decisionMetaFor(detail.type, task.step, decision);
  const needs = new Set<DecisionField>(meta.requires);
  // A step where someone signs (签署人 required by any of its decisions) shows the agreement being signed.
  const signing = task.decisions.some((d) => decisionMetaFor(detail.type, task.step, d).requires.includes('signerName'));
  const agreement = useApi<AgreementView>(signing ? agreementPath(detail.id) : null);
  const p = `t-${task.id}`;
  // A case that names what must be registered (the IT project's catalog entries) gets one resource per entry, in order.
  const resourceSlots = useMemo(() => registeredResourceSlots(detail), [detail]);

  // An applicant amending the request (a step that takes the amended payload) needs the reviewer's words beside
  // the form: the latest send-back (退回修改, 要求补充材料 — the amber decisions of the specs) with its comment.
  const amending = task.decisions.some((d) => decisionMetaFor(detail.type, task.step, d).requires.includes('payload'));
  const lastRequest = amending
    ? [...detail.history]
        .reverse()
        .find((h) => h.action === 'decided' && h.comment && h.step && stepSpec(detail.type, h.step)?.party !== 'applicant' && decisionMetaFor(detail.type, h.step, h.decision).tone === 'amber')
    : undefined;

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

  function refuse(message: string, fields: Record<string, string>, article?: string, payloadFields: Record<string, string> = {}) {
    setError(new ApiError(422, 'validation_failed', message, { ...fields, ...Object.fromEntries(Object.entries(payloadFields).map(([k, v]) => [`payload.${k}`, v])) }, article));
    showErrors(fields, payloadFields);
  }

  /** The amended payload, or null after showing why the filing form would refuse it. */
  function amendedPayload(): unknown {
    if (payloadDraft.kind === 'json') {
      try {
        return JSON.parse(payloadDraft.text) as unknown;
      } catch {
        refuse('申请内容不是有效的 JSON', { payload: '申请内容不是有效的 JSON' });
        return null;
      }
    }
    if (payloadDraft.kind === 'it-project') {
      // Its shape here; its rules (Art. 8, 11, the date) by the API, which names the field.
      const fields = checkItProjectDraft(payloadDraft.draft);
      if (fields) {
        refuse('修改后的申请内容有误，请修改标出的内容', {}, undefined, fields);
        return null;
      }
      return itProjectDraftToPayload(payloadDraft.draft);
    }
    const local = payloadDraft.kind === 'restricted-share' ? checkDraft(payloadDraft.draft, catalog.items) : checkConditionalOpenDraft(payloadDraft.draft, catalog.items);
    if (local) {
      refuse(local.message, {}, local.article || undefined, local.fields);
      return null;
    }
    return payloadDraft.kind === 'restricted-share' ? draftToPayload(payloadDraft.draft) : conditionalOpenDraftToPayload(payloadDraft.draft);
  }

  function body(): Record<string, unknown> | null {
    const b: Record<string, unknown> = { decision };
    if (comment.trim()) b.comment = comment.trim();
    if (needs.has('legalBasis')) b.legalBasis = legalBasis.trim();
    if (needs.has('desensitization')) b.desensitization = { fields: desFields, rule: desRule.trim() };
    if (needs.has('newDueAt')) b.newDueAt = localInputToIso(newDueAt) ?? newDueAt;
    if (needs.has('conditions')) b.conditions = conditions.trim();
    if (needs.has('registeredResources')) {
      if (resourceSlots) {
        const fields = Object.fromEntries(resourceSlots.flatMap((s, i) => (registered[i] ? [] : [[`registeredResources.${i}`, `请为“${s.name}”选择已编目的资源`]])));
        if (Object.keys(fields).length > 0) {
          refuse('请为每个项目数据目录条目选择一项已编目的资源', fields, '第11条');
          return null;
        }
      }
      b.registeredResources = registered;
    }
    if (needs.has('dataVersion')) b.dataVersion = dataVersion.trim();
    if (needs.has('agreedWith')) b.agreedWith = agreedWith.trim();
    if (needs.has('signerName')) {
      b.signerName = signerName.trim();
      if (!agreement.data) {
        refuse('协议文本尚未加载，无法签署', { agreement: '请等待协议文本加载后再签署' });
        return null;
      }
      if (!signConfirmed) {
        refuse('请确认已阅读协议全文', { confirm: '签署前须确认已阅读并同意协议全文' });
        return null;
      }
      // The signature names the exact text read; the API refuses it if the text changed meanwhile.
      b.agreementSha256 = agreement.data.sha256;
    }
    if (needs.has('payload')) {
      const amended = amendedPayload();
      if (amended === null) return null;
      b.payload = amended;
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
    // The API's own checks (domain/procedures/decision-rules), made here first.
    const parsed = decisionBodySchema.safeParse(b);
    if (!parsed.success) {
      const fields: Record<string, string> = {};
      for (const i of parsed.error.issues) fields[i.path.join('.') || 'decision'] ??= i.message;
      refuse('办理意见有误，请修改标出的内容', fields);
      return;
    }
    const missing = missingDecisionFields(procedure, task.step, parsed.data, task.decisions);
    if (missing) {
      refuse(missing.message, missing.fields, missing.article);
      return;
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

  const known = ['decision', 'comment', 'legalBasis', 'desensitization', 'newDueAt', 'conditions', 'signerName', 'registeredResources', 'dataVersion', 'agreedWith', 'payload', 'agreement', 'agreementSha256', 'confirm'];
  const commentRequired = needs.has('comment');
  const fieldAria = (f: string) => ({ 'aria-invalid': errors[f] ? true : undefined, 'aria-describedby': errors[f] ? errorId(`${p}-${f}`) : undefined });

  return (
    <form onSubmit={submit} noValidate aria-label={`办理：${stepLabelFor(detail.type, task.step)}`} className="space-y-4">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <span>
          环节：<strong>{task.stepLabel || stepLabelFor(detail.type, task.step)}</strong> {step && <ArticleBadge article={step.article} />}
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
      {lastRequest && (
        <Notice tone="amber" title={`${stepLabelFor(detail.type, lastRequest.step)}：${decisionMetaFor(detail.type, lastRequest.step, lastRequest.decision).label}`}>
          <span className="whitespace-pre-wrap">{lastRequest.comment}</span>
          <span className="ml-2 text-xs text-amber-800">
            {lastRequest.actor} · {fmtDateTime(lastRequest.at)}
          </span>
        </Notice>
      )}
      {task.overdue && (
        <Notice tone="red">
          本任务已超过办理期限。{step?.deadline?.lapseNote && `${step.deadline.lapseNote}。`} {step?.deadline && <ArticleBadge article={step.deadline.article} />}
        </Notice>
      )}
      <FormErrorSummary error={error} fields={{ ...errors, ...Object.fromEntries(Object.entries(payloadErrors).map(([k, v]) => [`payload.${k}`, v])) }} known={known} />

      {signing && <AgreementToSign state={agreement} />}

      <fieldset aria-describedby={errors.decision ? errorId(`${p}-decision`) : undefined}>
        <legend className="mb-1.5 text-sm font-medium text-slate-800">
          办理意见<span className="ml-0.5 text-red-600">*</span>
        </legend>
        <div className="flex flex-wrap gap-2">
          {task.decisions.map((d) => {
            const m = decisionMetaFor(detail.type, task.step, d);
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
        {decision && (meta.hint || meta.article) && (
          <p className="mt-2 text-xs text-slate-600">
            {meta.hint} <ArticleBadge article={meta.article} />
          </p>
        )}
      </fieldset>

      {decision && needs.has('legalBasis') && (
        <Field id={`${p}-legalBasis`} label={FIELD_LABELS.legalBasis} required error={errors.legalBasis} hint="请引用所依据的法律、法规或规章及其条款。">
          <textarea id={`${p}-legalBasis`} rows={3} className={input} value={legalBasis} onChange={(e) => setLegalBasis(e.target.value)} {...fieldAria('legalBasis')} />
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
        <Field id={`${p}-newDueAt`} label={FIELD_LABELS.newDueAt} required error={errors.newDueAt}>
          <input id={`${p}-newDueAt`} type="datetime-local" className={`${input} w-60`} value={newDueAt} onChange={(e) => setNewDueAt(e.target.value)} {...fieldAria('newDueAt')} />
        </Field>
      )}

      {decision && needs.has('dataVersion') && (
        <Field id={`${p}-dataVersion`} label={FIELD_LABELS.dataVersion} required error={errors.dataVersion} hint="如：v2026.11.30，或 2026-11-30 14:00 重新归集。">
          <input id={`${p}-dataVersion`} className={`${input} w-80`} value={dataVersion} onChange={(e) => setDataVersion(e.target.value)} {...fieldAria('dataVersion')} />
        </Field>
      )}

      {decision && needs.has('agreedWith') && (
        <Field id={`${p}-agreedWith`} label={FIELD_LABELS.agreedWith} required error={errors.agreedWith} hint="反馈单位的联系人及沟通方式。">
          <input id={`${p}-agreedWith`} className={`${input} w-80`} value={agreedWith} onChange={(e) => setAgreedWith(e.target.value)} {...fieldAria('agreedWith')} />
        </Field>
      )}

      {decision && needs.has('conditions') && (
        <Field id={`${p}-conditions`} label={FIELD_LABELS.conditions} required error={errors.conditions}>
          <textarea id={`${p}-conditions`} rows={3} className={input} value={conditions} onChange={(e) => setConditions(e.target.value)} {...fieldAria('conditions')} />
        </Field>
      )}

      {decision && needs.has('signerName') && (
        <div className="space-y-3">
          <Field id={`${p}-signerName`} label={FIELD_LABELS.signerName} required error={errors.signerName} hint="签署人的真实姓名，将与签署时间和协议文本的 SHA-256 一并记录。">
            <input id={`${p}-signerName`} className={`${input} w-60`} value={signerName} onChange={(e) => setSignerName(e.target.value)} {...fieldAria('signerName')} />
          </Field>
          <div>
            <label className="flex items-start gap-2 text-sm">
              <input id={`${p}-confirm`} type="checkbox" className="mt-0.5" checked={signConfirmed} onChange={(e) => setSignConfirmed(e.target.checked)} {...fieldAria('confirm')} />
              <span className="font-medium text-slate-900">
                我已阅读并同意上述《数据利用协议》全文
                {agreement.data && <span className="ml-1 font-mono text-xs font-normal text-slate-500">（SHA-256 {agreement.data.sha256.slice(0, 16)}…）</span>}
              </span>
            </label>
            {(errors.confirm ?? errors.agreementSha256 ?? errors.agreement) && (
              <p id={errorId(`${p}-confirm`)} className="ml-6 mt-1 text-xs font-medium text-red-700">
                {errors.confirm ?? errors.agreementSha256 ?? errors.agreement}
              </p>
            )}
          </div>
        </div>
      )}

      {decision && needs.has('registeredResources') && !resourceSlots && (
        <Field id={`${p}-registered`} label={FIELD_LABELS.registeredResources} required error={errors.registeredResources}>
          <TagInput id={`${p}-registered`} values={registered} onChange={setRegistered} placeholder="如 NB-AMR-0003" invalid={Boolean(errors.registeredResources)} />
        </Field>
      )}

      {decision && needs.has('registeredResources') && resourceSlots && (
        <fieldset aria-describedby={errors.registeredResources ? errorId(`${p}-registered`) : undefined}>
          <legend className="mb-1 text-sm font-medium text-slate-800">
            {FIELD_LABELS.registeredResources}
            <span className="ml-0.5 text-red-600" aria-hidden="true">
              *
            </span>{' '}
            <ArticleBadge article="第11条" />
          </legend>
          <p className="mb-2 text-xs text-slate-600">每个项目数据目录条目选择一项已编入公共数据资源目录的资源。提交后系统自动核对：已编目、由本单位提供、数据已归集（更新周期未超期）。</p>
          {catalog.error ? (
            <ErrorAlert error={catalog.error} onRetry={catalog.reload} />
          ) : !catalog.items ? (
            <Loading label="正在加载数据目录…" />
          ) : (
            <ResourceSlots
              id={`${p}-registered`}
              field="registeredResources"
              slots={resourceSlots}
              all={catalog.items}
              values={registered}
              onChange={(codes) => {
                setRegistered(codes);
                setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('registeredResources'))));
              }}
              errors={errors}
              preferredProviderId={detail.applicant.org.id}
            />
          )}
          {errors.registeredResources && (
            <p id={errorId(`${p}-registered`)} className="mt-1 text-xs font-medium text-red-700">
              {errors.registeredResources}
            </p>
          )}
        </fieldset>
      )}

      {decision && needs.has('payload') && (
        <div className="rounded-md border border-slate-200 p-4">
          <div className="mb-3 text-sm font-semibold text-slate-900">{FIELD_LABELS.payload}</div>
          {payloadDraft.kind !== 'json' && errors.payload && <p className="mb-2 text-xs font-medium text-red-700">{errors.payload}</p>}
          {payloadDraft.kind === 'restricted-share' && (
            <RestrictedShareFields
              value={payloadDraft.draft}
              onChange={(d) => {
                setPayloadErrors((e) => errorsAfterEdit(e, payloadDraft.draft, d));
                setPayloadDraft({ kind: 'restricted-share', draft: d });
              }}
              errors={payloadErrors}
              idPrefix={`${p}-rs`}
            />
          )}
          {payloadDraft.kind === 'conditional-open' && (
            <ConditionalOpenFields
              value={payloadDraft.draft}
              onChange={(d) => {
                setPayloadErrors((e) => conditionalOpenErrorsAfterEdit(e, payloadDraft.draft, d));
                setPayloadDraft({ kind: 'conditional-open', draft: d });
              }}
              errors={payloadErrors}
              idPrefix={`${p}-co`}
              lockResources
            />
          )}
          {payloadDraft.kind === 'it-project' && (
            <ItProjectFields
              value={payloadDraft.draft}
              onChange={(d) => {
                setPayloadErrors((e) => itProjectErrorsAfterEdit(e, payloadDraft.draft, d));
                setPayloadDraft({ kind: 'it-project', draft: d });
              }}
              errors={payloadErrors}
              idPrefix={`${p}-itp`}
            />
          )}
          {payloadDraft.kind === 'json' && (
            <Field id={`${p}-payload`} label="申请内容（JSON）" required error={errors.payload}>
              <textarea id={`${p}-payload`} rows={12} className={`${input} font-mono text-xs`} value={payloadDraft.text} onChange={(e) => setPayloadDraft({ kind: 'json', text: e.target.value })} />
            </Field>
          )}
        </div>
      )}

      {decision && (
        <Field id={`${p}-comment`} label={commentRequired ? FIELD_LABELS.comment : `${FIELD_LABELS.comment}（可选）`} required={commentRequired} error={errors.comment}>
          <textarea id={`${p}-comment`} rows={3} className={input} value={comment} onChange={(e) => setComment(e.target.value)} {...fieldAria('comment')} />
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

/** The agreement as it stands, shown above the signature so the signer reads exactly the text whose hash is sent. */
function AgreementToSign({ state }: { state: { data: AgreementView | undefined; error: ApiError | undefined; loading: boolean; reload: () => Promise<void> } }) {
  if (state.error) return <ErrorAlert error={state.error} title="协议文本加载失败" onRetry={() => void state.reload()} />;
  if (!state.data) return <Loading label="正在加载数据利用协议…" />;
  const a = state.data;
  return (
    <section aria-label="待签署的数据利用协议" className="rounded-md border border-slate-200">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-slate-50 px-3 py-2 text-xs text-slate-600">
        <span>
          文本版本 {a.templateVersion} · 已有 {a.signatures.length} 方签署
        </span>
        <span className="font-mono" title="协议文本（UTF-8）的 SHA-256">
          SHA-256 {a.sha256}
        </span>
      </div>
      <div className="max-h-96 overflow-y-auto px-4 py-3">
        <AgreementText text={a.text} />
      </div>
    </section>
  );
}

/** The named slots a `registeredResources` list fills, one resource each in order, when the case names them (the IT project's catalog entries). */
function registeredResourceSlots(detail: CaseDetailView): { name: string; detail?: string }[] | null {
  if (!Array.isArray(detail.payload.dataCatalog)) return null;
  const entries = projectCatalogEntries(detail.payload);
  return entries.length > 0 ? entries.map((e) => ({ name: e.name, detail: e.dataItems.length ? `数据项：${e.dataItems.join('、')}` : undefined })) : null;
}
