'use client';
/**
 * 数据利用协议: the full text of a case's agreement, its template version and
 * SHA-256, every signature with signer, time and the hash of the text signed
 * (a mismatch with today's text is shown), and the PDF.
 */
import type { CaseDetailView } from '../../../../../../domain/views';
import { AgreementText } from '../../../../../components/agreement-text';
import { Badge, btn, ErrorAlert, Loading, PageHeader, Section, table } from '../../../../../components/ui';
import { agreementPath, agreementPdfHref, type AgreementView } from '../../../../../lib/agreement';
import { stepLabelFor } from '../../../../../lib/procedures';
import { fmtDateTime } from '../../../../../lib/time';
import { useApi } from '../../../../../lib/use-api';

export function AgreementPage({ caseId }: { caseId: string }) {
  const c = useApi<CaseDetailView>(`/cases/${encodeURIComponent(caseId)}`);
  const a = useApi<AgreementView>(agreementPath(caseId));
  const caseHref = `/cases/${encodeURIComponent(caseId)}`;
  const header = (
    <PageHeader
      title="数据利用协议"
      breadcrumb={[{ href: caseHref, label: c.data?.title ?? '办件详情' }]}
      subtitle={a.data && <span className="font-mono text-xs">文本版本 {a.data.templateVersion}</span>}
      actions={
        a.data && (
          <a href={agreementPdfHref(caseId)} className={btn.primary} download>
            下载 PDF
          </a>
        )
      }
    />
  );

  if (a.error)
    return (
      <div>
        {header}
        <ErrorAlert error={a.error.status === 404 ? '本办件尚未生成数据利用协议：综合评估均通过后生成。' : a.error} onRetry={() => void a.reload()} />
      </div>
    );
  if (!a.data) return <Loading />;
  const ag = a.data;

  return (
    <div className="space-y-4">
      {header}
      <Section title="签署情况">
        <dl className="mb-3 text-sm">
          <dt className="text-xs text-slate-500">协议文本 SHA-256（UTF-8）</dt>
          <dd className="break-all font-mono text-xs text-slate-900">{ag.sha256}</dd>
        </dl>
        {ag.signatures.length === 0 ? (
          <p className="text-sm text-slate-600">尚无签署。</p>
        ) : (
          <div className={table.wrap}>
            <table className={table.table} aria-label="协议签署记录">
              <thead>
                <tr>
                  <th className={table.th}>环节</th>
                  <th className={table.th}>签署人</th>
                  <th className={table.th}>签署时间</th>
                  <th className={table.th}>所签文本 SHA-256</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {ag.signatures.map((s) => (
                  <tr key={`${s.step}-${s.at}`}>
                    <td className={table.td}>{c.data ? stepLabelFor(c.data.type, s.step) : s.step}</td>
                    <td className={table.td}>
                      {s.signerName}
                      <div className="font-mono text-[11px] text-slate-500">用户 {s.userId}</div>
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>{fmtDateTime(s.at)}</td>
                    <td className={table.td}>
                      <span className="break-all font-mono text-[11px]">{s.sha256}</span>
                      <div className="mt-0.5">{s.sha256 === ag.sha256 ? <Badge tone="green">与现行文本一致</Badge> : <Badge tone="red">与现行文本不一致</Badge>}</div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <Section title="协议全文">
        <div className="mx-auto max-w-3xl">
          <AgreementText text={ag.text} />
        </div>
      </Section>
    </div>
  );
}
