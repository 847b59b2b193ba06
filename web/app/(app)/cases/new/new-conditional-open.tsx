'use client';
/** 新建有条件开放申请 (Art. 25 ¶3): a public applicant asks for conditional-open data. One Idempotency-Key per form instance. */
import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
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
import { ApiError } from '../../../../lib/api';
import { useCaseFiling } from '../../../../lib/use-case-filing';
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
  const catalog = useCatalog();
  const { errors, setErrors, error, busy, file } = useCaseFiling('conditional-open');

  async function submit(e: FormEvent) {
    e.preventDefault();
    await file(() => {
      const local = checkConditionalOpenDraft(draft, catalog.items);
      if (local) return new ApiError(422, local.article ? 'rule_refused' : 'validation_failed', local.message, local.fields, local.article || undefined);
      return { payload: conditionalOpenDraftToPayload(draft) };
    });
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
