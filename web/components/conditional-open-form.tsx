'use client';
/**
 * The fields of a conditional open-data application 有条件开放申请 (Art. 21–25, 32;
 * PROCEDURES.md §5), controlled: the new-application page and the 提交补充材料
 * (resubmit) decision both use it. Errors come keyed as the API sends them
 * (`resources.0`, `crossBorder`, …); web/lib/conditional-open-draft.ts checks the
 * draft first with the same domain schema and rules.
 */
import Link from 'next/link';
import { useMemo, useState } from 'react';
import type { ResourceView } from '../../domain/views';
import { DEFAULT_USE_DAYS, MAX_USE_DAYS, OPEN_PLATFORM } from '../../domain/cases/conditional-open/payload';
import type { ConditionalOpenDraft } from '../lib/conditional-open-draft';
import { useCatalog } from '../lib/catalog';
import { OpenClassBadge } from './badges';
import { ArticleBadge, cx, ErrorAlert, errorId, Field, FieldError, input, Loading, Notice } from './ui';

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
            <OpenResourcePicker id={id('resources')} all={catalog.items} selected={value.resources} onChange={(codes) => set('resources', codes)} invalid={Boolean(errors.resources)} />
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

      <div>
        <label className="flex items-start gap-2 text-sm">
          <input id={id('crossBorder')} type="checkbox" className="mt-0.5" checked={value.crossBorder} onChange={(e) => set('crossBorder', e.target.checked)} {...aria('crossBorder')} />
          <span>
            <span className="font-medium text-slate-900">数据出境</span>
            <span className="block text-xs text-slate-600">数据是否将向境外提供。</span>
          </span>
        </label>
        {value.crossBorder && (
          <div className="ml-6 mt-1 space-y-2">
            <Notice tone="red">
              公共数据不得跨境流通；因业务需要确需向境外提供的，应当按照相关法律、法规要求进行安全评估审核。未记录安全评估的出境申请将被拒绝。 <ArticleBadge article="第32条" />
            </Notice>
            <Field id={id('securityAssessment')} label="安全评估审核情况" error={errors.securityAssessment} hint="评估机关、文号、结论。">
              <textarea id={id('securityAssessment')} rows={2} className={input} value={value.securityAssessment} onChange={(e) => set('securityAssessment', e.target.value)} {...aria('securityAssessment')} />
            </Field>
          </div>
        )}
        <div className="ml-6">
          <FieldError id={id('crossBorder')} error={errors.crossBorder} />
        </div>
      </div>
    </div>
  );
}

const OPEN_CLASS_ORDER = { conditional: 0, unconditional: 1, none: 2 } as const;

/**
 * The open catalog: only conditional-open entries can be chosen; unconditional ones
 * say where to get them without an application (Art. 25 ¶2), not-open ones are shown unavailable (Art. 21).
 */
function OpenResourcePicker({ id, all, selected, onChange, invalid }: { id: string; all: ResourceView[]; selected: string[]; onChange: (codes: string[]) => void; invalid: boolean }) {
  const [q, setQ] = useState('');
  const needle = q.trim().toLowerCase();
  const shown = all
    .filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.code.toLowerCase().includes(needle) || r.provider.name.toLowerCase().includes(needle))
    .sort((a, b) => OPEN_CLASS_ORDER[a.openClass] - OPEN_CLASS_ORDER[b.openClass]);
  const toggle = (code: string) => onChange(selected.includes(code) ? selected.filter((c) => c !== code) : [...selected, code]);

  return (
    <div className={cx('rounded border', invalid ? 'border-red-400' : 'border-slate-300')}>
      <div className="border-b border-slate-200 p-2">
        <label htmlFor={`${id}-search`} className="sr-only">
          搜索资源
        </label>
        <input
          id={`${id}-search`}
          type="search"
          className={input}
          placeholder="搜索资源名称、编码或提供单位"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
          aria-describedby={invalid ? errorId(id) : undefined}
        />
      </div>
      <ul className="max-h-72 divide-y divide-slate-100 overflow-y-auto" aria-label="开放目录">
        {shown.map((r) => {
          const on = selected.includes(r.code);
          const choosable = r.openClass === 'conditional';
          return (
            <li key={r.code} data-open-class={r.openClass}>
              <label className={cx('flex items-center gap-3 px-3 py-1.5 text-sm', choosable ? 'cursor-pointer hover:bg-slate-50' : 'cursor-not-allowed bg-slate-50/60', on && 'bg-blue-50')}>
                <input type="checkbox" checked={on} disabled={!choosable && !on} onChange={() => toggle(r.code)} aria-label={`${r.name} ${r.code}`} />
                <span className="min-w-0 flex-1">
                  <span className={cx('font-medium', choosable ? 'text-slate-900' : 'text-slate-500')}>{r.name}</span>
                  <span className="ml-2 font-mono text-xs text-slate-500">{r.code}</span>
                  <span className="ml-2 text-xs text-slate-500">{r.provider.name}</span>
                  {r.openClass === 'unconditional' && <span className="block text-xs text-teal-800">无需申请，直接从{OPEN_PLATFORM}获取（第25条第2款）</span>}
                  {r.openClass === 'none' && <span className="block text-xs text-slate-500">不开放类，不可申请（第21条）</span>}
                </span>
                <OpenClassBadge value={r.openClass} />
              </label>
            </li>
          );
        })}
        {shown.length === 0 && <li className="px-3 py-3 text-sm text-slate-500">没有匹配的资源。</li>}
      </ul>
      <div className="border-t border-slate-200 px-3 py-1.5 text-xs text-slate-500">
        已选 {selected.length} 项 · 资源说明见
        <Link href="/catalog" target="_blank" className="ml-1 text-blue-700 hover:underline">
          数据目录
        </Link>
      </div>
    </div>
  );
}
