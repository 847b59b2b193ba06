'use client';
/** A case's request as filed, field by field, in Chinese; resources link to the catalog. */
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { CaseType } from '../../domain/views';
import { methodLabel, PAYLOAD_FIELD_LABELS, PROBLEM_TYPES } from '../lib/labels';
import { ArticleBadge, Dl } from './ui';

const LONG = new Set(['businessProcess', 'scenario', 'dutyBasis', 'exchangeJustification', 'purpose', 'securityMeasures', 'description', 'content', 'sharingPlan', 'dataItems', 'resources', 'dataCatalog']);

function render(key: string, v: unknown): ReactNode {
  if (v === null || v === undefined || v === '') return '—';
  if (key === 'resources' && Array.isArray(v))
    return (
      <ul className="flex flex-wrap gap-1.5">
        {v.map((code) => (
          <li key={String(code)}>
            <Link href={`/catalog/${encodeURIComponent(String(code))}`} className="rounded bg-slate-100 px-2 py-0.5 font-mono text-xs text-blue-700 hover:underline">
              {String(code)}
            </Link>
          </li>
        ))}
      </ul>
    );
  if (key === 'resource' && typeof v === 'string')
    return (
      <Link href={`/catalog/${encodeURIComponent(v)}`} className="font-mono text-blue-700 hover:underline">
        {v}
      </Link>
    );
  if (key === 'method') return methodLabel(String(v));
  if (key === 'problemType') return PROBLEM_TYPES[String(v)] ?? String(v);
  if (key === 'undertaking') return v === true ? <span>已承诺 <ArticleBadge article="第20条" /></span> : '未承诺';
  if (key === 'crossBorder') return v === true ? <span className="text-red-700">是 <ArticleBadge article="第32条" /></span> : '否';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string' || typeof x === 'number'))
      return (
        <ul className="flex flex-wrap gap-1.5">
          {v.map((x, i) => (
            <li key={i} className="rounded bg-slate-100 px-2 py-0.5 text-xs">
              {String(x)}
            </li>
          ))}
        </ul>
      );
    return <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(v, null, 2)}</pre>;
  }
  if (typeof v === 'object') return <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(v, null, 2)}</pre>;
  return <span className="whitespace-pre-wrap">{String(v)}</span>;
}

export function PayloadView({ payload }: { type: CaseType; payload: Record<string, unknown> }) {
  const keys = Object.keys(payload);
  const ordered = [...Object.keys(PAYLOAD_FIELD_LABELS).filter((k) => keys.includes(k)), ...keys.filter((k) => !(k in PAYLOAD_FIELD_LABELS))];
  return (
    <Dl
      rows={ordered.map((k) => ({
        label: PAYLOAD_FIELD_LABELS[k] ?? k,
        value: render(k, payload[k]),
        wide: LONG.has(k),
      }))}
    />
  );
}
