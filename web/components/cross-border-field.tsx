'use client';
/**
 * 数据出境 (Art. 32), the same in every filing form: a checkbox, and when it is
 * ticked the rule and the security assessment that must be recorded.
 */
import { ArticleBadge, errorId, Field, FieldError, input, Notice } from './ui';

export function CrossBorderField({
  idPrefix,
  value,
  onChange,
  errors,
}: {
  idPrefix: string;
  value: { crossBorder: boolean; securityAssessment: string };
  onChange: (v: { crossBorder: boolean; securityAssessment: string }) => void;
  errors: Record<string, string>;
}) {
  const id = (f: string) => `${idPrefix}-${f}`;
  const aria = (f: string) => ({ 'aria-invalid': errors[f] ? true : undefined, 'aria-describedby': errors[f] ? errorId(id(f)) : undefined });
  return (
    <div>
      <label className="flex items-start gap-2 text-sm">
        <input id={id('crossBorder')} type="checkbox" className="mt-0.5" checked={value.crossBorder} onChange={(e) => onChange({ ...value, crossBorder: e.target.checked })} {...aria('crossBorder')} />
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
            <textarea id={id('securityAssessment')} rows={2} className={input} value={value.securityAssessment} onChange={(e) => onChange({ ...value, securityAssessment: e.target.value })} {...aria('securityAssessment')} />
          </Field>
        </div>
      )}
      <div className="ml-6">
        <FieldError id={id('crossBorder')} error={errors.crossBorder} />
      </div>
    </div>
  );
}
