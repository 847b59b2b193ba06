'use client';
/** 新建有条件开放申请 (Art. 25 ¶3): a public applicant asks for conditional-open data. One Idempotency-Key per form instance. */
import { useSearchParams } from 'next/navigation';
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
import { FilingForm } from '../../../../components/filing-form';
import { ArticleBadge, Section } from '../../../../components/ui';
import { ApiError } from '../../../../lib/api';
import { useCaseFiling } from '../../../../lib/use-case-filing';
import { useCatalog } from '../../../../lib/catalog';
import { procedureOf } from '../../../../lib/procedures';
import { useMe } from '../../../../lib/session';

/** The assessments run in parallel, each with its own clock (the spec's deadline rule). */
const ASSESSMENT_DAYS = procedureOf('conditional-open').steps['bdb-assessment']?.deadline?.workingDays;

export function NewConditionalOpen() {
  const me = useMe();
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
    <FilingForm
      label="有条件开放申请"
      title="新建有条件开放申请"
      subtitle={
        <>
          申请人：{me.org.name}。经市大数据主管部门与数据提供单位综合评估通过，双方签订数据利用协议后开放使用。 <ArticleBadge article="第25条第3款" />
        </>
      }
      onSubmit={submit}
      error={error}
      errors={errors}
      known={[...CONDITIONAL_OPEN_FIELDS, 'type']}
      next={<>提交后由市大数据主管部门和数据提供单位同时评估，各自在 {ASSESSMENT_DAYS} 个工作日内完成。</>}
      busy={busy}
    >
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
    </FilingForm>
  );
}
