'use client';
/**
 * 信息化项目审核申请 (Art. 8, 9, 11; PROCEDURES §7): the owning agency files its
 * project — investment, content, whether it builds its own government cloud or
 * data centre (refused, Art. 8), its data catalog (Art. 11: at least one entry,
 * added and removed here), the sharing plan and the planned completion date.
 * `ItProjectFields` is controlled: the filing page and the 重新提交 decision
 * (after 退回修改) both use it. Errors come keyed as the API sends them
 * (`dataCatalog.1.name`); a refusal keeps everything typed.
 */
import { useState, type FormEvent } from 'react';
import { OPEN_CLASSES, SHARE_CLASSES } from '../../domain/catalog/resource';
import { ApiError } from '../lib/api';
import {
  checkItProjectDraft,
  emptyCatalogEntry,
  emptyItProjectDraft,
  IT_PROJECT_FIELDS,
  itProjectDraftToPayload,
  itProjectErrorsAfterEdit,
  type CatalogEntryDraft,
  type ItProjectDraft,
} from '../lib/it-project';
import { OPEN_CLASS, SHARE_CLASS } from '../lib/labels';
import { procedureOf } from '../lib/procedures';
import { useMe } from '../lib/session';
import { todayShanghai } from '../lib/time';
import { useCaseFiling } from '../lib/use-case-filing';
import { FilingForm } from './filing-form';
import { TagInput } from './tag-input';
import { ArticleBadge, btn, cx, errorId, Field, FieldError, input, Section } from './ui';

export function ItProjectFields({
  value,
  onChange,
  errors,
  idPrefix = 'itp',
}: {
  value: ItProjectDraft;
  onChange: (d: ItProjectDraft) => void;
  errors: Record<string, string>;
  idPrefix?: string;
}) {
  const set = <K extends keyof ItProjectDraft>(k: K, v: ItProjectDraft[K]) => onChange({ ...value, [k]: v });
  const id = (f: string) => `${idPrefix}-${f}`;
  const aria = (f: string, key = f) => ({ 'aria-invalid': errors[key] ? true : undefined, 'aria-describedby': errors[key] ? errorId(id(f)) : undefined });
  const setEntry = (i: number, e: CatalogEntryDraft) => set('dataCatalog', value.dataCatalog.map((x, j) => (j === i ? e : x)));
  const cloudError = errors.buildsOwnCloudOrDataCenter;

  return (
    <div className="space-y-6">
      <div className="grid gap-4 md:grid-cols-3">
        <Field id={id('projectName')} label="项目名称" required error={errors.projectName} className="md:col-span-2">
          <input id={id('projectName')} className={input} value={value.projectName} onChange={(e) => set('projectName', e.target.value)} {...aria('projectName')} />
        </Field>
        <Field id={id('investmentWan')} label="总投资（万元）" required error={errors.investmentWan} hint="大于 0，最多两位小数。">
          <input id={id('investmentWan')} inputMode="decimal" className={input} value={value.investmentWan} onChange={(e) => set('investmentWan', e.target.value)} {...aria('investmentWan')} />
        </Field>
        <Field id={id('content')} label="建设内容" required error={errors.content} hint="建设目标、主要功能和涉及的业务系统。" className="md:col-span-3">
          <textarea id={id('content')} rows={4} className={input} value={value.content} onChange={(e) => set('content', e.target.value)} {...aria('content')} />
        </Field>
      </div>

      <fieldset aria-describedby={cloudError ? errorId(id('buildsOwnCloudOrDataCenter')) : undefined}>
        <legend className="mb-1.5 text-sm font-medium text-slate-800">
          是否自建政务云或数据中心<span className="ml-0.5 text-red-600">*</span> <ArticleBadge article="第8条" />
        </legend>
        <div className="flex flex-wrap gap-2">
          {(
            [
              [false, '否，使用市大数据中心统一平台'],
              [true, '是，自建政务云或数据中心'],
            ] as const
          ).map(([v, label]) => (
            <label
              key={String(v)}
              className={cx('flex cursor-pointer items-center gap-2 rounded border px-3 py-2 text-sm has-[:checked]:border-blue-600 has-[:checked]:bg-blue-50', cloudError ? 'border-red-300' : 'border-slate-300')}
            >
              <input type="radio" name={id('buildsOwnCloudOrDataCenter')} checked={value.buildsOwnCloudOrDataCenter === v} onChange={() => set('buildsOwnCloudOrDataCenter', v)} aria-invalid={cloudError ? true : undefined} />
              {label}
            </label>
          ))}
        </div>
        <FieldError id={id('buildsOwnCloudOrDataCenter')} error={cloudError} />
        {!cloudError && <p className="mt-1 text-xs text-slate-500">市级行政机关和区县（市）政府、开发园区管委会不得单独建设政务云平台和独立的数据中心，依托市大数据中心平台建设。</p>}
      </fieldset>

      <fieldset className="space-y-3" aria-describedby={errors.dataCatalog ? errorId(id('dataCatalog')) : undefined}>
        <legend className="mb-1 text-sm font-semibold text-slate-900">
          项目数据目录<span className="ml-0.5 text-red-600">*</span> <ArticleBadge article="第11条" />
        </legend>
        <p className="text-xs text-slate-600">项目产生或使用的公共数据，逐项编目；验收时核对各条目已编入公共数据资源目录、由本单位提供并已归集。</p>
        <FieldError id={id('dataCatalog')} error={errors.dataCatalog} />
        <ol className="space-y-3" aria-label="项目数据目录条目">
          {value.dataCatalog.map((e, i) => (
            <CatalogEntryFields
              key={e.key}
              index={i}
              entry={e}
              onChange={(ne) => setEntry(i, ne)}
              onRemove={() => set('dataCatalog', value.dataCatalog.filter((_, j) => j !== i))}
              errors={errors}
              id={(f) => id(`dataCatalog-${i}-${f}`)}
            />
          ))}
        </ol>
        <button type="button" className={btn.secondary} onClick={() => set('dataCatalog', [...value.dataCatalog, emptyCatalogEntry()])}>
          + 添加目录条目
        </button>
      </fieldset>

      <div className="grid gap-4 md:grid-cols-3">
        <Field id={id('sharingPlan')} label="数据共享计划" required error={errors.sharingPlan} hint="项目数据向哪些单位、以何种方式共享，何时归集到市大数据中心。" className="md:col-span-2">
          <textarea id={id('sharingPlan')} rows={4} className={input} value={value.sharingPlan} onChange={(e) => set('sharingPlan', e.target.value)} {...aria('sharingPlan')} />
        </Field>
        <Field id={id('plannedCompletion')} label="计划完成日期" required error={errors.plannedCompletion} hint="到期未报告建设完成的，系统按月提醒。">
          <input id={id('plannedCompletion')} type="date" min={todayShanghai()} className={input} value={value.plannedCompletion} onChange={(e) => set('plannedCompletion', e.target.value)} {...aria('plannedCompletion')} />
        </Field>
      </div>
    </div>
  );
}

function CatalogEntryFields({
  index,
  entry,
  onChange,
  onRemove,
  errors,
  id,
}: {
  index: number;
  entry: CatalogEntryDraft;
  onChange: (e: CatalogEntryDraft) => void;
  onRemove: () => void;
  errors: Record<string, string>;
  id: (f: string) => string;
}) {
  const err = (f: string) => errors[`dataCatalog.${index}.${f}`];
  const itemErrors: Record<number, string> = {};
  for (const [k, v] of Object.entries(errors)) {
    const m = new RegExp(`^dataCatalog\\.${index}\\.dataItems\\.(\\d+)$`).exec(k);
    if (m) itemErrors[Number(m[1])] = v;
  }
  const itemsError = err('dataItems') ?? Object.values(itemErrors)[0];
  const entryError = errors[`dataCatalog.${index}`];
  const n = index + 1;
  const aria = (f: string, e: string | undefined) => ({ 'aria-invalid': e ? true : undefined, 'aria-describedby': e ? errorId(id(f)) : undefined });
  return (
    <li className={cx('rounded-md border p-3', entryError || err('name') || itemsError || err('shareClass') || err('openClass') ? 'border-red-300 bg-red-50/40' : 'border-slate-200 bg-slate-50')} aria-label={`目录条目 ${n}`}>
      <div className="mb-2 flex items-center justify-between">
        <span className="text-sm font-semibold text-slate-800">条目 {n}</span>
        <button type="button" className="text-xs text-red-700 hover:underline" onClick={onRemove} aria-label={`删除目录条目 ${n}${entry.name ? ` ${entry.name}` : ''}`}>
          删除
        </button>
      </div>
      {entryError && <p className="mb-2 text-xs font-medium text-red-700">{entryError}</p>}
      <div className="grid gap-3 md:grid-cols-2">
        <Field id={id('name')} label={`条目 ${n} 名称`} required error={err('name')}>
          <input id={id('name')} className={input} value={entry.name} onChange={(e) => onChange({ ...entry, name: e.target.value })} placeholder="如 企业登记信息" {...aria('name', err('name'))} />
        </Field>
        <Field id={id('dataItems')} label={`条目 ${n} 数据项`} required error={itemsError} hint="逐项输入，回车添加。">
          <TagInput id={id('dataItems')} values={entry.dataItems} onChange={(v) => onChange({ ...entry, dataItems: v })} placeholder="如 统一社会信用代码" invalid={Boolean(itemsError)} itemErrors={itemErrors} />
        </Field>
        <Field id={id('shareClass')} label={`条目 ${n} 共享属性`} required error={err('shareClass')}>
          <select id={id('shareClass')} className={input} value={entry.shareClass} onChange={(e) => onChange({ ...entry, shareClass: e.target.value as CatalogEntryDraft['shareClass'] })} {...aria('shareClass', err('shareClass'))}>
            <option value="">请选择…</option>
            {SHARE_CLASSES.map((c) => (
              <option key={c} value={c}>
                {SHARE_CLASS[c].label}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id('openClass')} label={`条目 ${n} 开放属性`} required error={err('openClass')}>
          <select id={id('openClass')} className={input} value={entry.openClass} onChange={(e) => onChange({ ...entry, openClass: e.target.value as CatalogEntryDraft['openClass'] })} {...aria('openClass', err('openClass'))}>
            <option value="">请选择…</option>
            {OPEN_CLASSES.map((c) => (
              <option key={c} value={c}>
                {OPEN_CLASS[c].label}
              </option>
            ))}
          </select>
        </Field>
      </div>
    </li>
  );
}

/** The review's own clock (the spec's deadline rule). */
const REVIEW_DAYS = procedureOf('it-project').steps['bdb-review']?.deadline?.workingDays;

/** 新建信息化项目审核申请: the filing page. One Idempotency-Key per form instance. */
export function ItProjectForm() {
  const me = useMe();
  const [draft, setDraft] = useState<ItProjectDraft>(emptyItProjectDraft);
  const { errors, setErrors, error, busy, file } = useCaseFiling('it-project');

  async function submit(e: FormEvent) {
    e.preventDefault();
    await file(() => {
      const fields = checkItProjectDraft(draft);
      if (fields) return new ApiError(422, 'validation_failed', '申请内容有误，请修改标出的内容', fields);
      return { payload: itProjectDraftToPayload(draft) };
    });
  }

  return (
    <FilingForm
      label="信息化项目审核申请"
      title="新建信息化项目审核申请"
      subtitle={
        <>
          建设单位：{me.org.name}。政务信息化项目应报市大数据主管部门审核，审核意见抄送投资主管部门和财政主管部门。 <ArticleBadge article="第9条" />
        </>
      }
      onSubmit={submit}
      error={error}
      errors={errors}
      known={[...IT_PROJECT_FIELDS, 'type']}
      next={<>提交后由市大数据主管部门在 {REVIEW_DAYS} 个工作日内审核并出具审核意见（政策）。</>}
      busy={busy}
    >
      <Section>
        <ItProjectFields
          value={draft}
          onChange={(d) => {
            setErrors((e) => itProjectErrorsAfterEdit(e, draft, d));
            setDraft(d);
          }}
          errors={errors}
        />
      </Section>
    </FilingForm>
  );
}
