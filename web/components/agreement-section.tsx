'use client';
/**
 * 数据利用协议 on the case page: who has signed (each signing step of the spec),
 * links to the agreement page and its PDF. Before the assessments approve there is
 * no agreement yet (the API answers 404), and the section says so.
 */
import Link from 'next/link';
import { useEffect, useRef } from 'react';
import type { CaseDetailView } from '../../domain/views';
import { agreementPath, agreementPdfHref, type AgreementView } from '../lib/agreement';
import { procedureOf, signingSteps, stepLabelFor } from '../lib/procedures';
import { fmtDateTime } from '../lib/time';
import { useApi } from '../lib/use-api';
import { ArticleBadge, Badge, btn, Empty, ErrorAlert, Loading, Section } from './ui';

export function AgreementSection({ detail }: { detail: CaseDetailView }) {
  const { data, error, loading, reload } = useApi<AgreementView>(agreementPath(detail.id));
  const steps = signingSteps(detail.type);
  // The case moved on (assessments approved, a signature): fetch the agreement again.
  const seen = useRef(detail.history.length);
  useEffect(() => {
    if (seen.current === detail.history.length) return;
    seen.current = detail.history.length;
    void reload();
  }, [detail.history.length, reload]);
  const notYet = error?.status === 404;
  // Someone the case is shown to but who is no party to the agreement sees no section.
  if (error?.status === 403) return null;

  return (
    <Section
      title={
        <span className="flex items-center gap-2">
          数据利用协议 <ArticleBadge article={procedureOf(detail.type).steps[steps[0] ?? '']?.article} />
        </span>
      }
      actions={
        data && (
          <span className="flex gap-2">
            <Link href={`/cases/${encodeURIComponent(detail.id)}/agreement`} className={btn.secondary}>
              查看协议
            </Link>
            <a href={agreementPdfHref(detail.id)} className={btn.secondary} download>
              下载 PDF
            </a>
          </span>
        )
      }
    >
      {notYet ? (
        <Empty>{detail.status === 'in-progress' ? '综合评估均通过后生成数据利用协议，由申请人签署、大数据局会签。' : '本办件未生成数据利用协议。'}</Empty>
      ) : error ? (
        <ErrorAlert error={error} onRetry={() => void reload()} />
      ) : !data ? (
        loading && <Loading />
      ) : (
        <ul className="divide-y divide-slate-100 text-sm" aria-label="协议签署情况">
          {steps.map((step) => {
            const sig = data.signatures.find((s) => s.step === step);
            return (
              <li key={step} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className="font-medium">{stepLabelFor(detail.type, step)}</span>
                {sig ? (
                  <span className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
                    <Badge tone="green">已签署</Badge>
                    <span className="text-sm text-slate-900">{sig.signerName}</span>
                    <span>{fmtDateTime(sig.at)}</span>
                  </span>
                ) : (
                  <Badge tone="slate">待签署</Badge>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {data && <p className="mt-2 font-mono text-xs text-slate-500">文本版本 {data.templateVersion} · SHA-256 {data.sha256}</p>}
    </Section>
  );
}
