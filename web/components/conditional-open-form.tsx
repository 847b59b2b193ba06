'use client';
/**
 * The fields of a conditional open-data application 有条件开放申请 (Art. 21–25, 32;
 * PROCEDURES.md §5), controlled: the new-application page and the 提交补充材料
 * (resubmit) decision both use it. Errors come keyed as the API sends them
 * (`resources.0`, `crossBorder`, …); web/lib/conditional-open-draft.ts checks the
 * draft first with the same domain schema and rules.
 */
import { useMemo } from 'react';
import type { ResourceView } from '../../domain/views';
import { DEFAULT_USE_DAYS, MAX_USE_DAYS, OPEN_PLATFORM } from '../../domain/cases/conditional-open/payload';
import type { ConditionalOpenDraft } from '../lib/conditional-open-draft';
import { useCatalog } from '../lib/catalog';
import { OpenClassBadge } from './badges';
import { CrossBorderField } from './cross-border-field';
import { ResourcePicker } from './resource-picker';
import { ArticleBadge, cx, ErrorAlert, errorId, Field, FieldError, input, Loading } from './ui';

export function ConditionalOpenFields({
  value,
  onChange,
  errors,
  idPrefix = 'co',
  lockResources = false,
}: {
  value: ConditionalOpenDraft;
  onChange: (d: ConditionalOpenDraft) => void;
  errors: Record<string, string>;
  idPrefix?: string;
  /** On resubmit the resources stay as filed: the assessments were made for them. */
  lockResources?: boolean;
}) {
  const catalog = useCatalog();
  const byCode = useMemo(() => new Map((catalog.items ?? []).map((r) => [r.code, r])), [catalog.items]);
  const set = <K extends keyof ConditionalOpenDraft>(k: K, v: ConditionalOpenDraft[K]) => onChange({ ...value, [k]: v });
  const id = (f: string) => `${idPrefix}-${f}`;
  const aria = (f: string) => ({
    'aria-invalid': errors[f] ? true : undefined,
    'aria-describedby': errors[f] ? errorId(id(f)) : undefined,
  });
  const itemErrors: Record<number, string> = {};
  for (const [k, v] of Object.entries(errors)) {
    const m = /^resources\.(\d+)$/.exec(k);
    if (m) itemErrors[Number(m[1])] = v;
  }

  return (
    <div className="space-y-6">
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-semibold text-slate-900">
          申请开放的数据资源<span className="ml-0.5 text-red-600">*</span> <ArticleBadge article="第22条" />
        </legend>
        {catalog.error && <ErrorAlert error={catalog.error} onRetry={catalog.reload} />}
        {!lockResources &&
          (!catalog.items ? (
            !catalog.error && <Loading label="正在加载数据目录…" />
          ) : (
            <ResourcePicker id={id('resources')} all={catalog.items} selected={value.resources} onChange={(codes) => set('resources', codes)} invalid={Boolean(errors.resources)} {...openPickerProps} />
          ))}
        <FieldError id={id('resources')} error={errors.resources} />
        {value.resources.length > 0 && (
          <ul className="space-y-2" aria-label="已选资源">
            {value.resources.map((code, i) => {
              const r = byCode.get(code);
              return (
                <li key={code} className={cx('rounded border px-3 py-2 text-sm', itemErrors[i] ? 'border-red-300 bg-red-50' : 'border-slate-200 bg-slate-50')}>
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="flex flex-wrap items-center gap-2">
                      <span className="font-medium text-slate-900">{r?.name ?? code}</span>
                      <span className="font-mono text-xs text-slate-500">{code}</span>
                      {r && <OpenClassBadge value={r.openClass} />}
                      {r && <span className="text-xs text-slate-600">{r.provider.name}</span>}
                    </span>
                    {!lockResources && (
                      <button type="button" className="text-xs text-red-700 hover:underline" aria-label={`移除资源 ${r?.name ?? code}`} onClick={() => set('resources', value.resources.filter((c) => c !== code))}>
                        移除
                      </button>
                    )}
                  </div>
                  {r?.openClass === 'conditional' && <p className="mt-1 text-xs text-slate-600">有条件开放类：经市大数据主管部门与{r.provider.name}综合评估，签订数据利用协议后开放（第25条第3款）。</p>}
                  {itemErrors[i] && <p className="mt-1 text-xs font-medium text-red-700">{itemErrors[i]}</p>}
                </li>
              );
            })}
          </ul>
        )}
        {lockResources && <p className="text-xs text-slate-500">补充材料时不能更改申请的数据资源；如需其他资源，请另行申请。</p>}
      </fieldset>

      <div className="grid gap-4 md:grid-cols-2">
        <Field id={id('purpose')} label="数据用途" required error={errors.purpose} hint="获取数据用于什么目的。" className="md:col-span-2">
          <textarea id={id('purpose')} rows={3} className={input} value={value.purpose} onChange={(e) => set('purpose', e.target.value)} {...aria('purpose')} />
        </Field>
        <Field id={id('scenario')} label="应用场景" required error={errors.scenario} hint="数据在哪个产品、服务或研究中使用。">
          <textarea id={id('scenario')} rows={3} className={input} value={value.scenario} onChange={(e) => set('scenario', e.target.value)} {...aria('scenario')} />
        </Field>
        <Field id={id('securityMeasures')} label="安全保障措施" required error={errors.securityMeasures} hint="存储、访问控制、防泄露等措施，将写入数据利用协议。">
          <textarea id={id('securityMeasures')} rows={3} className={input} value={value.securityMeasures} onChange={(e) => set('securityMeasures', e.target.value)} {...aria('securityMeasures')} />
        </Field>
        <Field id={id('contact')} label="联系方式" required error={errors.contact} hint="联系人及电话或邮箱。">
          <input id={id('contact')} className={input} value={value.contact} onChange={(e) => set('contact', e.target.value)} {...aria('contact')} />
        </Field>
        <Field id={id('useDays')} label="使用期限（天）" error={errors.useDays} hint={`不填为 ${DEFAULT_USE_DAYS} 天，最长 ${MAX_USE_DAYS} 天；协议到期后访问自动终止。`}>
          <input id={id('useDays')} inputMode="numeric" className={input} value={value.useDays} placeholder={String(DEFAULT_USE_DAYS)} onChange={(e) => set('useDays', e.target.value.trim())} {...aria('useDays')} />
        </Field>
      </div>

      <CrossBorderField idPrefix={idPrefix} value={value} onChange={(v) => onChange({ ...value, ...v })} errors={errors} />
    </div>
  );
}

const OPEN_CLASS_ORDER = { conditional: 0, unconditional: 1, none: 2 } as const;

/**
 * The open catalog: only conditional-open entries can be chosen; unconditional ones
 * say where to get them without an application (Art. 25 ¶2), not-open ones are shown unavailable (Art. 21).
 */
const openPickerProps = {
  label: '开放目录',
  placeholder: '搜索资源名称、编码或提供单位',
  className: 'max-h-72',
  order: (a: ResourceView, b: ResourceView) => OPEN_CLASS_ORDER[a.openClass] - OPEN_CLASS_ORDER[b.openClass],
  choosable: (r: ResourceView) => r.openClass === 'conditional',
  note: (r: ResourceView) =>
    r.openClass === 'unconditional' ? (
      <span className="block text-xs text-teal-800">无需申请，直接从{OPEN_PLATFORM}获取（第25条第2款）</span>
    ) : r.openClass === 'none' ? (
      <span className="block text-xs text-slate-500">不开放类，不可申请（第21条）</span>
    ) : null,
  badge: (r: ResourceView) => <OpenClassBadge value={r.openClass} />,
};
