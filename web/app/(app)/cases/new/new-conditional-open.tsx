'use client';
/** 新建有条件开放申请 (Art. 25 ¶3): a public applicant asks for conditional-open data. One Idempotency-Key per form instance. */
import { useRouter, useSearchParams } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { ConditionalOpenFields } from '../../../../components/conditional-open-form';
import {
  checkConditionalOpenDraft,
  CONDITIONAL_OPEN_FIELDS,
  conditionalOpenDraftToPayload,
  conditionalOpenErrorsAfterEdit,
  emptyConditionalOpenDraft,
  type ConditionalOpenDraft,
} from '../../../../lib/conditional-open-draft';
import { FormErrorSummary } from '../../../../components/form-error-summary';
import { ArticleBadge, btn, PageHeader, Section } from '../../../../components/ui';
import { api, ApiError, fieldsUnder, newIdempotencyKey } from '../../../../lib/api';
import { useCatalog } from '../../../../lib/catalog';
import { procedureOf } from '../../../../lib/procedures';
import { useMe } from '../../../../lib/session';

/** The assessments run in parallel, each with its own clock (the spec's deadline rule). */
const ASSESSMENT_DAYS = procedureOf('conditional-open').steps['bdb-assessment']?.deadline?.workingDays;

export function NewConditionalOpen() {
  const me = useMe();
  const router = useRouter();
  const params = useSearchParams();
  const [draft, setDraft] = useState<ConditionalOpenDraft>(() =>
    emptyConditionalOpenDraft([...new Set((params.get('resources') ?? '').split(',').map((s) => s.trim()).filter(Boolean))]),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef<string>('');
  if (!key.current) key.current = newIdempotencyKey();
  const inFlight = useRef(false);
  const catalog = useCatalog();

  function refuse(ae: ApiError) {
    setError(ae);
    setErrors(fieldsUnder(ae.fields, 'payload.'));
    window.scrollTo({ top: 0, behavior: 'smooth' });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (inFlight.current) return;
    const local = checkConditionalOpenDraft(draft, catalog.items);
    if (local) {
      refuse(new ApiError(422, local.article ? 'rule_refused' : 'validation_failed', local.message, local.fields, local.article || undefined));
      return;
    }
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      const res = await api<{ id: string }>('/cases', {
        method: 'POST',
        body: { type: 'conditional-open', payload: conditionalOpenDraftToPayload(draft) },
        headers: { 'Idempotency-Key': key.current },
      });
      router.push(`/cases/${encodeURIComponent(res.id)}`);
    } catch (err) {
      const ae = err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err));
      // A refused application created nothing: the corrected one is a new request with a new key.
      if (ae.status >= 400 && ae.status < 500) key.current = newIdempotencyKey();
      refuse(ae);
      setBusy(false);
      inFlight.current = false;
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label="有条件开放申请">
      <PageHeader
        breadcrumb={[{ href: '/cases', label: '我的办件' }]}
        title="新建有条件开放申请"
        subtitle={
          <>
            申请人：{me.org.name}。经市大数据主管部门与数据提供单位综合评估通过，双方签订数据利用协议后开放使用。 <ArticleBadge article="第25条第3款" />
          </>
        }
      />
      <div className="space-y-4">
        <FormErrorSummary error={error} fields={errors} known={[...CONDITIONAL_OPEN_FIELDS, 'type']} />
        <Section>
          <ConditionalOpenFields
            value={draft}
            onChange={(d) => {
              setErrors((e) => conditionalOpenErrorsAfterEdit(e, draft, d));
              setDraft(d);
            }}
            errors={errors}
          />
        </Section>
        <div className="sticky bottom-0 flex items-center justify-end gap-2 rounded-md border border-slate-200 bg-white/95 px-4 py-3 shadow">
          <span className="mr-auto text-xs text-slate-500">提交后由市大数据主管部门和数据提供单位同时评估，各自在 {ASSESSMENT_DAYS} 个工作日内完成。</span>
          <button type="button" className={btn.secondary} onClick={() => router.back()} disabled={busy}>
            取消
          </button>
          <button type="submit" className={btn.primary} disabled={busy}>
            {busy ? '正在提交…' : '提交申请'}
          </button>
        </div>
      </div>
    </form>
  );
}
