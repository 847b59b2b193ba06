'use client';
/**
 * 问题数据反馈 (Art. 27–29; PROCEDURES §6): a using unit — or the BDB from its
 * quality checks — reports a problem in a catalog resource: which record, which
 * field, what kind of problem, whether it is urgent. Checked with the API's own
 * schema first; a refusal keeps everything typed and shows each field's reason.
 * One Idempotency-Key per form instance, so a lost answer never files twice.
 */
import { useSearchParams } from 'next/navigation';
import { useMemo, useState, type FormEvent } from 'react';
import { PROBLEM_TYPE_LABELS, PROBLEM_TYPES, problemDataPayloadSchema, type ProblemType } from '../../domain/cases/problem-data/payload';
import { HANDLING_WORKING_DAYS, URGENT_HANDLING_WORKING_DAYS } from '../../domain/cases/problem-data/deadlines';
import { ApiError } from '../lib/api';
import { useCaseFiling } from '../lib/use-case-filing';
import { useCatalog } from '../lib/catalog';
import { hasRole, useMe } from '../lib/session';
import { FilingForm } from './filing-form';
import { ArticleBadge, cx, ErrorAlert, errorId, Field, FieldError, input, Loading, Section } from './ui';

const FIELDS = ['resource', 'recordRef', 'field', 'problemType', 'description', 'urgent'] as const;

const TYPE_HINTS: Record<ProblemType, string> = {
  error: '数据内容与事实不符',
  omission: '应有的记录或字段缺失',
  'trade-secret': '数据中含有侵犯商业秘密的内容',
  privacy: '数据中含有侵犯个人隐私的内容',
};

interface Draft {
  resource: string;
  recordRef: string;
  field: string;
  problemType: ProblemType | '';
  description: string;
  urgent: boolean;
}

export function ProblemReportForm() {
  const me = useMe();
  const params = useSearchParams();
  const catalog = useCatalog();
  const [draft, setDraft] = useState<Draft>(() => ({ resource: params.get('resource') ?? '', recordRef: '', field: '', problemType: '', description: '', urgent: false }));
  const { errors, setErrors, error, busy, file } = useCaseFiling('problem-data');
  const qualityCheck = !hasRole(me, 'applicant') && hasRole(me, 'bdb-reviewer');

  // A provider corrects its own data rather than reporting it to itself (Art. 27): its resources are not offered.
  const resources = useMemo(() => (catalog.items ?? []).filter((r) => r.provider.id !== me.org.id), [catalog.items, me.org.id]);
  const chosen = resources.find((r) => r.code === draft.resource);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setErrors((e) => {
      if (!(k in e)) return e;
      const rest = { ...e };
      delete rest[k];
      return rest;
    });
  };
  const aria = (f: string) => ({ 'aria-invalid': errors[f] ? true : undefined, 'aria-describedby': errors[f] ? errorId(`pd-${f}`) : undefined });

  async function submit(e: FormEvent) {
    e.preventDefault();
    await file(() => {
      const parsed = problemDataPayloadSchema.safeParse({ ...draft, problemType: draft.problemType || undefined });
      if (parsed.success) return { payload: parsed.data };
      const fields: Record<string, string> = {};
      for (const i of parsed.error.issues) fields[i.path.join('.') || 'resource'] ??= i.message;
      return new ApiError(422, 'validation_failed', '反馈内容有误，请修改标出的内容', fields);
    });
  }

  return (
    <FilingForm
      label="问题数据反馈"
      title="反馈问题数据"
      subtitle={
        <>
          反馈单位：{me.org.name}
          {qualityCheck ? '（数据质量检查）' : ''}。数据提供单位应在收到反馈之日起 {HANDLING_WORKING_DAYS} 个工作日内校核处理。 <ArticleBadge article={qualityCheck ? '第29条' : '第27条'} />
        </>
      }
      onSubmit={submit}
      error={error}
      errors={errors}
      known={[...FIELDS, 'type']}
      next="处理结果将告知反馈单位确认；5 个工作日内未确认的，视为认可。"
      busy={busy}
      submitLabel="提交反馈"
    >
      <Section>
        <div className="space-y-5">
          <Field id="pd-resource" label="数据资源" required error={errors.resource}>
            {catalog.error ? (
              <ErrorAlert error={catalog.error} onRetry={catalog.reload} />
            ) : !catalog.items ? (
              <Loading label="正在加载数据目录…" />
            ) : (
              <select id="pd-resource" className={input} value={draft.resource} onChange={(e) => set('resource', e.target.value)} {...aria('resource')}>
                <option value="">请选择…</option>
                {resources.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.name}（{r.code}）— {r.provider.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {chosen && <p className="-mt-3 text-xs text-slate-600">反馈将发送至数据提供单位：{chosen.provider.name}</p>}

          <div className="grid gap-4 md:grid-cols-2">
            <Field id="pd-recordRef" label="问题记录标识" required error={errors.recordRef} hint="定位问题记录的主键或编号，如统一社会信用代码、证件号码、业务流水号。">
              <input id="pd-recordRef" className={input} value={draft.recordRef} onChange={(e) => set('recordRef', e.target.value)} {...aria('recordRef')} />
            </Field>
            <Field id="pd-field" label="问题字段" required error={errors.field} hint={chosen ? '可从该资源的数据项中选择，也可直接填写。' : undefined}>
              <input id="pd-field" className={input} list="pd-field-items" value={draft.field} onChange={(e) => set('field', e.target.value)} {...aria('field')} />
              <datalist id="pd-field-items">
                {chosen?.dataItems.map((d) => <option key={d} value={d} />)}
              </datalist>
            </Field>
          </div>

          <fieldset aria-describedby={errors.problemType ? errorId('pd-problemType') : undefined}>
            <legend className="mb-1.5 text-sm font-medium text-slate-800">
              问题类型<span className="ml-0.5 text-red-600">*</span>
            </legend>
            <div className="grid gap-2 md:grid-cols-2">
              {PROBLEM_TYPES.map((t) => (
                <label
                  key={t}
                  className={cx('flex cursor-pointer items-start gap-2 rounded border px-3 py-2 text-sm has-[:checked]:border-blue-600 has-[:checked]:bg-blue-50', errors.problemType ? 'border-red-300' : 'border-slate-300')}
                >
                  <input type="radio" name="pd-problemType" className="mt-0.5" value={t} checked={draft.problemType === t} onChange={() => set('problemType', t)} />
                  <span>
                    <span className="font-medium text-slate-900">{PROBLEM_TYPE_LABELS[t]}</span>
                    <span className="block text-xs text-slate-600">{TYPE_HINTS[t]}</span>
                  </span>
                </label>
              ))}
            </div>
            <FieldError id="pd-problemType" error={errors.problemType} />
          </fieldset>

          <Field id="pd-description" label="问题描述" required error={errors.description} hint="说明问题所在，以及判断依据（如与哪项权威数据不一致）。">
            <textarea id="pd-description" rows={4} className={input} value={draft.description} onChange={(e) => set('description', e.target.value)} {...aria('description')} />
          </Field>

          <label className="flex items-start gap-2 text-sm">
            <input id="pd-urgent" type="checkbox" className="mt-0.5" checked={draft.urgent} onChange={(e) => set('urgent', e.target.checked)} />
            <span>
              <span className="font-medium text-slate-900">紧急</span>
              <span className="block text-xs text-slate-600">影响业务办理的紧急问题：数据提供单位须在 {URGENT_HANDLING_WORKING_DAYS} 个工作日内处理（政策）；大数据局可另行设定时限。</span>
            </span>
          </label>
        </div>
      </Section>
    </FilingForm>
  );
}
