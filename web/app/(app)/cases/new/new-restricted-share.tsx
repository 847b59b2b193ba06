'use client';
/** 新建申请: file a restricted-share request (Art. 17). One Idempotency-Key per form instance, so a double click files once. */
import { useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { checkDraft, emptyDraft, draftToPayload, errorsAfterEdit, RESTRICTED_SHARE_FIELDS, RestrictedShareFields, type RestrictedShareDraft } from '../../../../components/restricted-share-form';
import { ArticleBadge, Notice, PageHeader, Section } from '../../../../components/ui';
import { ApiError } from '../../../../lib/api';
import { useCaseFiling } from '../../../../lib/use-case-filing';
import { useCatalog } from '../../../../lib/catalog';
import { hasRole, useMe } from '../../../../lib/session';
import { FilingForm } from '../../../../components/filing-form';

export function NewRestrictedShare() {
  const me = useMe();
  const params = useSearchParams();
  const [draft, setDraft] = useState<RestrictedShareDraft>(() =>
    emptyDraft(
      [...new Set((params.get('resources') ?? '').split(',').map((s) => s.trim()).filter(Boolean))],
    ),
  );
  const catalog = useCatalog();
  const { errors, setErrors, error, busy, file } = useCaseFiling('restricted-share');

  async function submit(e: FormEvent) {
    e.preventDefault();
    await file(() => {
      const local = checkDraft(draft, catalog.items);
      if (local) return new ApiError(422, 'validation_failed', local.message, local.fields, local.article || undefined);
      return { payload: draftToPayload(draft) };
    });
  }

  if (!hasRole(me, 'applicant')) {
    return (
      <div>
        <PageHeader title="新建受限共享申请" breadcrumb={[{ href: '/cases', label: '我的办件' }]} />
        <Notice tone="amber">
          受限共享申请统一由市级行政机关或区县（市）大数据主管部门提出（第17条第2款）。您的账号没有申请人角色。
        </Notice>
      </div>
    );
  }

  return (
    <FilingForm
      label="受限共享申请"
      title="新建受限共享申请"
      subtitle={
        <>
          申请单位：{me.org.name}。经市大数据主管部门审核，并征得数据提供单位同意后开通访问权限。 <ArticleBadge article="第17条" />
        </>
      }
      onSubmit={submit}
      error={error}
      errors={errors}
      known={[...RESTRICTED_SHARE_FIELDS, 'type']}
      next="提交后进入市大数据主管部门审核；数据提供单位应在收到征求意见后 5 个工作日内答复。"
      busy={busy}
    >
      <Section>
        <RestrictedShareFields
          value={draft}
          onChange={(d) => {
            setErrors((e) => errorsAfterEdit(e, draft, d));
            setDraft(d);
          }}
          errors={errors}
        />
      </Section>
    </FilingForm>
  );
}
