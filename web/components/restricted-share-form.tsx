'use client';
/**
 * The fields of a restricted-share request 受限共享申请 (Art. 16–20; PROCEDURES.md §4),
 * controlled: the new-request page and the 重新提交 (resubmit) decision both use it.
 * Errors come keyed as the API sends them (`resources.0`, `exchangeJustification`, …).
 */
import { useMemo } from 'react';
import type { ResourceView } from '../../domain/views';
import { checkRestrictedShareRules, restrictedSharePayloadSchema, type RuleRefusal } from '../../domain/cases/restricted-share/payload';
import { useCatalog } from '../lib/catalog';
import { SHARE_METHODS, type ShareMethod } from '../lib/labels';
import { ShareClassBadge } from './badges';
import { CrossBorderField } from './cross-border-field';
import { ResourcePicker } from './resource-picker';
import { TagInput } from './tag-input';
import { ArticleBadge, cx, ErrorAlert, errorId, Field, FieldError, input, Loading, Notice } from './ui';

export interface RestrictedShareDraft {
  resources: string[];
  dataItems: string[];
  businessProcess: string;
  scenario: string;
  dutyBasis: string;
  method: ShareMethod | '';
  exchangeJustification: string;
  accessDays: string;
  desensitized: boolean;
  crossBorder: boolean;
  securityAssessment: string;
  undertaking: boolean;
}

/** The payload fields this form owns; everything else in a payload is carried through untouched. */
export const RESTRICTED_SHARE_FIELDS = [
  'resources',
  'dataItems',
  'businessProcess',
  'scenario',
  'dutyBasis',
  'method',
  'exchangeJustification',
  'accessDays',
  'desensitized',
  'crossBorder',
  'securityAssessment',
  'undertaking',
] as const;

export function emptyDraft(resources: string[] = []): RestrictedShareDraft {
  return {
    resources,
    dataItems: [],
    businessProcess: '',
    scenario: '',
    dutyBasis: '',
    method: '',
    exchangeJustification: '',
    accessDays: '',
    desensitized: false,
    crossBorder: false,
    securityAssessment: '',
    undertaking: false,
  };
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Prefill from a filed payload (resubmit after 退回修改). The undertaking is asked again. */
export function draftFromPayload(p: Record<string, unknown>): RestrictedShareDraft {
  const m = str(p.method);
  return {
    resources: strs(p.resources),
    dataItems: strs(p.dataItems),
    businessProcess: str(p.businessProcess),
    scenario: str(p.scenario),
    dutyBasis: str(p.dutyBasis),
    method: m === 'interface' || m === 'platform' || m === 'exchange' ? m : '',
    exchangeJustification: str(p.exchangeJustification),
    accessDays: str(p.accessDays),
    desensitized: p.desensitized === true,
    crossBorder: p.crossBorder === true,
    securityAssessment: str(p.securityAssessment),
    undertaking: false,
  };
}

export function draftToPayload(d: RestrictedShareDraft): Record<string, unknown> {
  const days = d.accessDays.trim();
  return {
    resources: d.resources,
    dataItems: d.dataItems,
    businessProcess: d.businessProcess.trim(),
    scenario: d.scenario.trim(),
    dutyBasis: d.dutyBasis.trim(),
    ...(d.method ? { method: d.method } : {}),
    // What was typed stays in the draft if the method changes, but only an exchange request carries it.
    ...(d.method === 'exchange' ? { exchangeJustification: d.exchangeJustification.trim() } : {}),
    // A non-number goes as typed so the API can say what is wrong with it.
    ...(days ? { accessDays: /^\d+$/.test(days) ? Number(days) : days } : {}),
    desensitized: d.desensitized,
    crossBorder: d.crossBorder,
    ...(d.crossBorder && d.securityAssessment.trim() ? { securityAssessment: d.securityAssessment.trim() } : {}),
    undertaking: d.undertaking,
  };
}

/**
 * The checks the API makes, made here first with the same domain code (shape, then
 * the regulation's rules), so the user hears at once what the API would answer.
 * Returns null when the API would accept the request as far as the catalog shows.
 */
export function checkDraft(d: RestrictedShareDraft, catalog: readonly ResourceView[] | undefined): RuleRefusal | null {
  const r = restrictedSharePayloadSchema.safeParse(draftToPayload(d));
  if (!r.success) {
    const fields: Record<string, string> = {};
    for (const i of r.error.issues) fields[i.path.join('.') || '_'] ??= i.message;
    return { message: '申请内容有误，请修改标出的内容', article: fields.undertaking ? '第20条' : '', fields };
  }
  return catalog ? checkRestrictedShareRules(r.data, catalog) : null;
}

/**
 * The errors still worth showing once the user edits the draft: an edited field's
 * error goes (its fix is under way); ticking 申请脱敏数据 also answers the
 * non-share refusals on resources (Art. 16 ¶2).
 */
export function errorsAfterEdit(errors: Record<string, string>, prev: RestrictedShareDraft, next: RestrictedShareDraft): Record<string, string> {
  const changed = new Set((Object.keys(next) as (keyof RestrictedShareDraft)[]).filter((k) => prev[k] !== next[k]));
  if (changed.size === 0) return errors;
  if (changed.has('desensitized')) changed.add('resources');
  const out = Object.fromEntries(Object.entries(errors).filter(([k]) => !changed.has(k.split('.')[0] as keyof RestrictedShareDraft)));
  return Object.keys(out).length === Object.keys(errors).length ? errors : out;
}

/** Errors for index `i` of a list field: `resources.3` → {3: msg}. */
function indexed(errors: Record<string, string>, field: string): Record<number, string> {
  const out: Record<number, string> = {};
  for (const [k, v] of Object.entries(errors)) {
    const m = new RegExp(`^${field}\\.(\\d+)$`).exec(k);
    if (m) out[Number(m[1])] = v;
  }
  return out;
}

export function RestrictedShareFields({
  value,
  onChange,
  errors,
  idPrefix = 'rs',
}: {
  value: RestrictedShareDraft;
  onChange: (d: RestrictedShareDraft) => void;
  errors: Record<string, string>;
  idPrefix?: string;
}) {
  const catalog = useCatalog();
  const byCode = useMemo(() => new Map((catalog.items ?? []).map((r) => [r.code, r])), [catalog.items]);
  const selected = value.resources.map((code) => ({ code, r: byCode.get(code) }));
  const set = <K extends keyof RestrictedShareDraft>(k: K, v: RestrictedShareDraft[K]) => onChange({ ...value, [k]: v });
  const id = (f: string) => `${idPrefix}-${f}`;
  const aria = (f: string) => ({
    'aria-invalid': errors[f] ? true : undefined,
    'aria-describedby': errors[f] ? errorId(id(f)) : undefined,
  });

  const hasNone = selected.some((s) => s.r?.shareClass === 'none');
  const allUnconditional = selected.length > 0 && selected.every((s) => s.r?.shareClass === 'unconditional');
  const resourceItemErrors = indexed(errors, 'resources');

  return (
    <div className="space-y-6">
      {/* 1. 申请资源 */}
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-semibold text-slate-900">
          申请资源<span className="ml-0.5 text-red-600">*</span>
        </legend>
        {catalog.error && <ErrorAlert error={catalog.error} onRetry={catalog.reload} />}
        {!catalog.items ? (
          !catalog.error && <Loading label="正在加载数据目录…" />
        ) : (
          <ResourcePicker
            id={id('resources')}
            all={catalog.items}
            selected={value.resources}
            onChange={(codes) => set('resources', codes)}
            invalid={Boolean(errors.resources)}
            label="可选资源"
            placeholder="搜索资源名称、编码、提供单位或数据项"
            alsoMatches={(r) => r.dataItems}
            badge={(r) => <ShareClassBadge value={r.shareClass} />}
          />
        )}
        <FieldError id={id('resources')} error={errors.resources} />
        {selected.length > 0 && (
          <ul className="space-y-2" aria-label="已选资源">
            {selected.map(({ code, r }, i) => (
              <li key={code} className={cx('rounded border px-3 py-2 text-sm', resourceItemErrors[i] ? 'border-red-300 bg-red-50' : 'border-slate-200 bg-slate-50')}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="flex flex-wrap items-center gap-2">
                    <span className="font-medium text-slate-900">{r?.name ?? code}</span>
                    <span className="font-mono text-xs text-slate-500">{code}</span>
                    {r && <ShareClassBadge value={r.shareClass} />}
                    {r && <span className="text-xs text-slate-600">{r.provider.name}</span>}
                  </span>
                  <button
                    type="button"
                    className="text-xs text-red-700 hover:underline"
                    aria-label={`移除资源 ${r?.name ?? code}`}
                    onClick={() => set('resources', value.resources.filter((c) => c !== code))}
                  >
                    移除
                  </button>
                </div>
                {!r && catalog.items && <p className="mt-1 text-xs text-red-700">目录中没有该资源编码。</p>}
                {r?.shareClass === 'none' && <p className="mt-1 text-xs text-red-800">非共享类数据仅可申请脱敏后提供（第16、17条）。</p>}
                {r?.shareClass === 'unconditional' && (
                  <p className="mt-1 text-xs text-emerald-800">无条件共享类数据，提交后即开通访问权限，无需审核（第17条第1款）。</p>
                )}
                {r?.shareClass === 'restricted' && (
                  <p className="mt-1 text-xs text-slate-600">受限共享类：经市大数据主管部门审核，并征得{r.provider.name}同意后开通（第17条第2款）。</p>
                )}
                {resourceItemErrors[i] && <p className="mt-1 text-xs font-medium text-red-700">{resourceItemErrors[i]}</p>}
              </li>
            ))}
          </ul>
        )}
        {allUnconditional && <Notice tone="green">所选资源均为无条件共享类，提交后系统即开通访问权限，本办件仍保留办理记录。</Notice>}
      </fieldset>

      {/* 2. 数据项 */}
      <Field id={id('dataItems')} label="申请数据项" required error={errors.dataItems} hint="输入后按回车添加；或点选下方所选资源的数据项。">
        <TagInput
          id={id('dataItems')}
          values={value.dataItems}
          onChange={(v) => set('dataItems', v)}
          placeholder="如 姓名、公民身份号码"
          invalid={Boolean(errors.dataItems)}
          itemErrors={indexed(errors, 'dataItems')}
        />
        {selected.some((s) => s.r && s.r.dataItems.length) && (
          <div className="mt-2 space-y-1.5 rounded border border-slate-200 bg-slate-50 p-2">
            {selected.map(({ code, r }) =>
              r && r.dataItems.length ? (
                <div key={code} className="flex flex-wrap items-center gap-1.5 text-xs">
                  <span className="mr-1 text-slate-600">{r.name}：</span>
                  {r.dataItems.map((item) => {
                    const on = value.dataItems.includes(item);
                    return (
                      <button
                        key={item}
                        type="button"
                        aria-pressed={on}
                        onClick={() => set('dataItems', on ? value.dataItems.filter((x) => x !== item) : [...value.dataItems, item])}
                        className={cx('rounded px-2 py-0.5 ring-1', on ? 'bg-blue-700 text-white ring-blue-700' : 'bg-white text-slate-700 ring-slate-300 hover:ring-blue-500')}
                      >
                        {item}
                      </button>
                    );
                  })}
                  <button
                    type="button"
                    className="ml-1 text-blue-700 hover:underline"
                    onClick={() => set('dataItems', [...value.dataItems, ...r.dataItems.filter((x) => !value.dataItems.includes(x))])}
                  >
                    全选
                  </button>
                </div>
              ) : null,
            )}
          </div>
        )}
      </Field>

      {/* 3. 用途 */}
      <div className="grid gap-4 md:grid-cols-2">
        <Field id={id('businessProcess')} label="业务流程" required error={errors.businessProcess} hint="详细说明使用数据的业务流程（第17条第2款）。" className="md:col-span-2">
          <textarea id={id('businessProcess')} rows={3} className={input} value={value.businessProcess} onChange={(e) => set('businessProcess', e.target.value)} {...aria('businessProcess')} />
        </Field>
        <Field id={id('scenario')} label="应用场景" required error={errors.scenario} hint="数据在哪个系统、哪个环节使用。">
          <textarea id={id('scenario')} rows={3} className={input} value={value.scenario} onChange={(e) => set('scenario', e.target.value)} {...aria('scenario')} />
        </Field>
        <Field id={id('dutyBasis')} label="履职依据" required error={errors.dutyBasis} hint="本单位履行的法定职责及其依据。">
          <textarea id={id('dutyBasis')} rows={3} className={input} value={value.dutyBasis} onChange={(e) => set('dutyBasis', e.target.value)} {...aria('dutyBasis')} />
        </Field>
      </div>

      {/* 4. 共享方式与期限 */}
      <fieldset aria-describedby={errors.method ? errorId(id('method')) : undefined}>
        <legend className="mb-1 text-sm font-medium text-slate-800">
          共享方式<span className="ml-0.5 text-red-600">*</span> <ArticleBadge article="第19条" />
        </legend>
        <div className="grid gap-2 md:grid-cols-3">
          {(Object.keys(SHARE_METHODS) as ShareMethod[]).map((m) => (
            <label
              key={m}
              className={cx(
                'flex cursor-pointer items-start gap-2 rounded border px-3 py-2 text-sm',
                value.method === m ? 'border-blue-600 bg-blue-50' : errors.method ? 'border-red-300' : 'border-slate-300 hover:border-blue-400',
              )}
            >
              <input type="radio" name={id('method')} value={m} checked={value.method === m} onChange={() => set('method', m)} className="mt-0.5" />
              <span>
                <span className="block font-medium text-slate-900">{SHARE_METHODS[m].label}</span>
                <span className="block text-xs text-slate-600">{SHARE_METHODS[m].note}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError id={id('method')} error={errors.method} />
      </fieldset>

      {value.method === 'exchange' && (
        <Field
          id={id('exchangeJustification')}
          label="书面论证（交换共享）"
          required
          error={errors.exchangeJustification}
          hint="交换共享使数据源落地，仅限个别确需的情形，须经市大数据主管部门论证（第19条第2款）。请说明为何接口共享或平台集中分析不能满足需要。"
        >
          <textarea
            id={id('exchangeJustification')}
            rows={4}
            className={input}
            value={value.exchangeJustification}
            onChange={(e) => set('exchangeJustification', e.target.value)}
            {...aria('exchangeJustification')}
          />
        </Field>
      )}

      <div className="grid gap-4 md:grid-cols-3">
        <Field
          id={id('accessDays')}
          label="使用期限（天）"
          required
          error={errors.accessDays}
          hint={(() => {
            const periods = selected.map((s) => s.r?.sharePeriodDays).filter((n): n is number => typeof n === 'number');
            return periods.length ? `所选资源共享期限最短为 ${Math.min(...periods)} 天。` : '访问权限到期后自动终止。';
          })()}
        >
          <input id={id('accessDays')} inputMode="numeric" className={input} value={value.accessDays} onChange={(e) => set('accessDays', e.target.value.trim())} {...aria('accessDays')} />
        </Field>
      </div>

      <div className="space-y-3">
        <div>
          <label className="flex items-start gap-2 text-sm">
            <input
              id={id('desensitized')}
              type="checkbox"
              className="mt-0.5"
              checked={value.desensitized}
              onChange={(e) => set('desensitized', e.target.checked)}
              {...aria('desensitized')}
            />
            <span>
              <span className="font-medium text-slate-900">申请脱敏数据</span>
              <span className="block text-xs text-slate-600">受限共享类和非共享类数据可以经脱敏等处理后提供（第16条第2款、第17条第3款）。</span>
            </span>
          </label>
          {hasNone && !value.desensitized && !errors.desensitized && (
            <p className="ml-6 mt-1 text-xs font-medium text-amber-800">所选资源含非共享类数据，仅可申请脱敏后提供，请勾选“申请脱敏数据”。</p>
          )}
          <div className="ml-6">
            <FieldError id={id('desensitized')} error={errors.desensitized} />
          </div>
        </div>
        <CrossBorderField idPrefix={idPrefix} value={value} onChange={(v) => onChange({ ...value, ...v })} errors={errors} />
      </div>

      {/* 5. 承诺 */}
      <div className={cx('rounded border px-3 py-2.5', errors.undertaking ? 'border-red-300 bg-red-50' : 'border-slate-300 bg-slate-50')}>
        <label className="flex items-start gap-2 text-sm">
          <input id={id('undertaking')} type="checkbox" className="mt-0.5" checked={value.undertaking} onChange={(e) => set('undertaking', e.target.checked)} {...aria('undertaking')} />
          <span className="font-medium text-slate-900">
            承诺仅用于本单位履职需要，不向第三方提供，不用于其他目的<span className="ml-0.5 text-red-600">*</span>
          </span>
        </label>
        <p className="ml-6 mt-0.5 text-xs text-slate-600">
          使用通过共享获取的公共数据，只能用于本单位履职需要，不得以任何形式提供给第三方，也不得用于任何其他目的。 <ArticleBadge article="第20条" />
        </p>
        <div className="ml-6">
          <FieldError id={id('undertaking')} error={errors.undertaking} />
        </div>
      </div>
    </div>
  );
}
