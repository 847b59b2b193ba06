/** Small presentational building blocks shared by every page. */
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Tone } from '../lib/labels';
import type { ApiError } from '../lib/api';

const TONES: Record<Tone, string> = {
  green: 'bg-emerald-50 text-emerald-800 ring-emerald-600/25',
  amber: 'bg-amber-50 text-amber-800 ring-amber-600/30',
  red: 'bg-red-50 text-red-800 ring-red-600/25',
  blue: 'bg-blue-50 text-blue-800 ring-blue-600/25',
  slate: 'bg-slate-100 text-slate-700 ring-slate-500/25',
  purple: 'bg-violet-50 text-violet-800 ring-violet-600/25',
  teal: 'bg-teal-50 text-teal-800 ring-teal-600/25',
};

export function cx(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(' ');
}

export function Badge({ tone = 'slate', children, title, className }: { tone?: Tone; children: ReactNode; title?: string; className?: string }) {
  return (
    <span
      title={title}
      className={cx('inline-flex items-center whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset', TONES[tone], className)}
    >
      {children}
    </span>
  );
}

/** An article of the Measures, e.g. 第17条 — shown wherever a rule comes from. */
export function ArticleBadge({ article }: { article: string | null | undefined }) {
  if (!article) return null;
  return (
    <span
      title={`《宁波市公共数据管理办法》${article}`}
      className="inline-flex items-center whitespace-nowrap rounded border border-red-200 bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-800"
    >
      {article}
    </span>
  );
}

export function ProvisionalBadge() {
  return (
    <Badge tone="amber" title="该期限跨入尚未发布节假日安排的年度，发布后将重新计算">
      暂定
    </Badge>
  );
}

export function PageHeader({ title, subtitle, actions, breadcrumb }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode; breadcrumb?: { href: string; label: string }[] }) {
  return (
    <div className="mb-4">
      {breadcrumb && breadcrumb.length > 0 && (
        <nav aria-label="位置" className="mb-1 text-xs text-slate-500">
          {breadcrumb.map((b, i) => (
            <span key={b.href}>
              {i > 0 && <span className="mx-1">/</span>}
              <Link href={b.href} className="hover:text-blue-700 hover:underline">
                {b.label}
              </Link>
            </span>
          ))}
        </nav>
      )}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
          {subtitle && <div className="mt-0.5 text-sm text-slate-600">{subtitle}</div>}
        </div>
        {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
      </div>
    </div>
  );
}

export function Section({ title, actions, children, className, id }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string; id?: string }) {
  return (
    <section id={id} aria-label={typeof title === 'string' ? title : undefined} className={cx('rounded-md border border-slate-200 bg-white shadow-sm', className)}>
      {(title || actions) && (
        <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-2.5">
          {title && <h2 className="text-sm font-semibold text-slate-800">{title}</h2>}
          {actions}
        </div>
      )}
      <div className="p-4">{children}</div>
    </section>
  );
}

export const btn = {
  primary:
    'inline-flex items-center justify-center gap-1 rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:cursor-not-allowed disabled:opacity-60',
  secondary:
    'inline-flex items-center justify-center gap-1 rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:cursor-not-allowed disabled:opacity-60',
  danger:
    'inline-flex items-center justify-center gap-1 rounded border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-700 shadow-sm hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700 disabled:cursor-not-allowed disabled:opacity-60',
  link: 'text-blue-700 hover:text-blue-900 hover:underline',
};

export const input =
  'block w-full rounded border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-blue-600 focus:outline-none focus:ring-1 focus:ring-blue-600 aria-[invalid=true]:border-red-500 aria-[invalid=true]:ring-red-500 disabled:bg-slate-50';

export function errorId(id: string) {
  return `${id}-error`;
}

/** A labelled field with its error beside it. Give the control id={id} and aria-describedby from errorId(id). */
export function Field({
  id,
  label,
  required,
  error,
  hint,
  children,
  className,
}: {
  id: string;
  label: ReactNode;
  required?: boolean;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800">
        {label}
        {required && (
          <span className="ml-0.5 text-red-600" aria-hidden="true">
            *
          </span>
        )}
      </label>
      {children}
      {hint && !error && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
      <FieldError id={id} error={error} />
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={errorId(id)} className="mt-1 text-xs font-medium text-red-700">
      {error}
    </p>
  );
}

export function ErrorAlert({ error, title, onRetry }: { error: ApiError | string | undefined | null; title?: string; onRetry?: () => void }) {
  if (!error) return null;
  const message = typeof error === 'string' ? error : error.message;
  const article = typeof error === 'string' ? undefined : error.article;
  return (
    <div role="alert" className="flex items-start justify-between gap-3 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      <div>
        {title && <div className="font-semibold">{title}</div>}
        <span>{message}</span> {article && <ArticleBadge article={article} />}
      </div>
      {onRetry && (typeof error === 'string' || (error.status !== 404 && error.status !== 403)) && (
        <button type="button" onClick={onRetry} className="shrink-0 text-sm font-medium text-red-800 underline">
          重试
        </button>
      )}
    </div>
  );
}

export function Notice({ tone = 'blue', children, title }: { tone?: 'blue' | 'amber' | 'green' | 'red' | 'slate'; children: ReactNode; title?: ReactNode }) {
  const cls = {
    blue: 'border-blue-200 bg-blue-50 text-blue-900',
    amber: 'border-amber-200 bg-amber-50 text-amber-900',
    green: 'border-emerald-200 bg-emerald-50 text-emerald-900',
    red: 'border-red-200 bg-red-50 text-red-900',
    slate: 'border-slate-200 bg-slate-50 text-slate-800',
  }[tone];
  return (
    <div className={cx('rounded border px-3 py-2 text-sm', cls)}>
      {title && <div className="mb-0.5 font-semibold">{title}</div>}
      {children}
    </div>
  );
}

export function Loading({ label = '加载中…' }: { label?: string }) {
  return (
    <div role="status" className="flex items-center gap-2 py-8 text-sm text-slate-500">
      <span className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-blue-700" aria-hidden="true" />
      {label}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="py-10 text-center text-sm text-slate-500">{children}</div>;
}

/** A definition list of label/value rows. */
export function Dl({ rows, cols = 2 }: { rows: { label: ReactNode; value: ReactNode; wide?: boolean }[]; cols?: 1 | 2 | 3 }) {
  const grid = cols === 1 ? 'sm:grid-cols-1' : cols === 3 ? 'sm:grid-cols-3' : 'sm:grid-cols-2';
  return (
    <dl className={cx('grid grid-cols-1 gap-x-6 gap-y-3 text-sm', grid)}>
      {rows.map((r, i) => (
        <div key={i} className={cx(r.wide && 'sm:col-span-full')}>
          <dt className="text-xs text-slate-500">{r.label}</dt>
          <dd className="mt-0.5 break-words text-slate-900">{r.value ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}

export const table = {
  wrap: 'overflow-x-auto rounded-md border border-slate-200 bg-white shadow-sm',
  table: 'min-w-full divide-y divide-slate-200 text-sm',
  th: 'whitespace-nowrap bg-slate-50 px-3 py-2 text-left text-xs font-semibold text-slate-600',
  td: 'px-3 py-2 align-top text-slate-800',
  tr: 'hover:bg-slate-50',
};

/** The same control style, sized to its content (for toolbars). */
export const inputInline = input.replace('block w-full', 'inline-block w-auto');

/**
 * A labelled filter dropdown with 全部 first. A current value missing from
 * `options` (e.g. from a shared URL) is still shown, so the filter never lies.
 */
export function FilterSelect({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange: (value: string) => void;
}) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
        {label}
      </label>
      <select id={id} className={input} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">全部</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
        {value && !options.some(([v]) => v === value) && <option value={value}>{value}</option>}
      </select>
    </div>
  );
}
