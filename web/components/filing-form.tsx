'use client';
/**
 * The frame every filing page shares: header under 我的办件, the refusal
 * summary above the fields, and the sticky bar with what happens next,
 * 取消 and the submit button (disabled while sending).
 */
import { useRouter } from 'next/navigation';
import type { FormEvent, ReactNode } from 'react';
import type { ApiError } from '../lib/api';
import { FormErrorSummary } from './form-error-summary';
import { btn, PageHeader } from './ui';

export function FilingForm(p: {
  /** The form's accessible name. */
  label: string;
  title: string;
  subtitle: ReactNode;
  onSubmit: (e: FormEvent) => void;
  error: ApiError | null;
  errors: Record<string, string>;
  /** Fields the form shows beside their input; others are listed in the summary. */
  known: readonly string[];
  /** What happens after submitting, beside the buttons. */
  next: ReactNode;
  busy: boolean;
  submitLabel?: string;
  children: ReactNode;
}) {
  const router = useRouter();
  return (
    <form onSubmit={p.onSubmit} noValidate aria-label={p.label}>
      <PageHeader breadcrumb={[{ href: '/cases', label: '我的办件' }]} title={p.title} subtitle={p.subtitle} />
      <div className="space-y-4">
        <FormErrorSummary error={p.error} fields={p.errors} known={p.known} />
        {p.children}
        <div className="sticky bottom-0 flex items-center justify-end gap-2 rounded-md border border-slate-200 bg-white/95 px-4 py-3 shadow">
          <span className="mr-auto text-xs text-slate-500">{p.next}</span>
          <button type="button" className={btn.secondary} onClick={() => router.back()} disabled={p.busy}>
            取消
          </button>
          <button type="submit" className={btn.primary} disabled={p.busy}>
            {p.busy ? '正在提交…' : (p.submitLabel ?? '提交申请')}
          </button>
        </div>
      </div>
    </form>
  );
}
