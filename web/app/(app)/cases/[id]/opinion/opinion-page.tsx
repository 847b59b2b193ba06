'use client';
/**
 * 审核意见: the IT project review opinion (Art. 9) as the document the
 * investment and finance authorities act on — issuer, number, project, owner,
 * investment, conclusion with its conditions or reasons, basis and date — in
 * the words of its PDF (domain/opinion/opinion-document.ts), with the PDF.
 */
import type { CaseDetailView } from '../../../../../../domain/views';
import { opinionDocument } from '../../../../../../domain/opinion/opinion-document';
import { ArticleBadge, btn, ErrorAlert, Loading, Notice, PageHeader } from '../../../../../components/ui';
import { MarkReadButton } from '../../../../../components/mark-read-button';
import { qs } from '../../../../../lib/api';
import { itProjectOutcome, opinionPdfHref, type CcItemView } from '../../../../../lib/it-project';
import { hasRole, useMe } from '../../../../../lib/session';
import { useApi } from '../../../../../lib/use-api';
import type { PageOf } from '../../../../../lib/use-cursor-pages';

export function OpinionPage({ caseId }: { caseId: string }) {
  const c = useApi<CaseDetailView>(`/cases/${encodeURIComponent(caseId)}`);
  const caseHref = `/cases/${encodeURIComponent(caseId)}`;
  const opinion = c.data ? itProjectOutcome(c.data.outcome).opinion : null;
  const header = (
    <PageHeader
      title="审核意见"
      breadcrumb={[{ href: caseHref, label: c.data?.title ?? '办件详情' }]}
      subtitle={
        <>
          信息化项目审核意见是政府投资主管部门审批立项、财政主管部门编制预算的依据。 <ArticleBadge article="第9条" />
        </>
      }
      actions={
        opinion && (
          <a href={opinionPdfHref(caseId)} className={btn.primary} target="_blank" rel="noopener">
            下载 PDF
          </a>
        )
      }
    />
  );

  if (c.error)
    return (
      <div>
        {header}
        <ErrorAlert error={c.error} onRetry={() => void c.reload()} />
      </div>
    );
  if (!c.data) return <Loading />;
  if (!opinion)
    return (
      <div>
        {header}
        <Notice tone="amber">本办件尚未出具审核意见：大数据局审核作出通过、有条件通过或不予通过的决定后出具。</Notice>
      </div>
    );

  const p = c.data.payload;
  const d = opinionDocument({
    ...opinion,
    projectName: typeof p.projectName === 'string' ? p.projectName : c.data.title,
    ownerName: c.data.applicant.org.name,
    investmentWan: typeof p.investmentWan === 'number' || typeof p.investmentWan === 'string' ? p.investmentWan : '—',
    plannedCompletion: typeof p.plannedCompletion === 'string' ? p.plannedCompletion : null,
  });
  return (
    <div className="space-y-4">
      {header}
      <UnreadCc caseId={caseId} />
      <article aria-label="审核意见书" className="mx-auto max-w-3xl rounded-md border border-slate-200 bg-white px-10 py-10 shadow-sm">
        <header className="border-b-2 border-red-700 pb-3 text-center">
          <p className="text-2xl font-bold tracking-widest text-red-700">{d.issuer}</p>
          <p className="mt-2 text-sm text-slate-800" aria-label="文号">
            {d.number}
          </p>
        </header>
        <h2 className="mt-6 text-center text-lg font-bold text-slate-900">{d.title}</h2>
        <div className="mt-6 space-y-3 text-[15px] leading-7 text-slate-900">
          <p>{d.addressee}</p>
          <p className="indent-8">{d.conclusion}</p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-1">
            {d.facts.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="font-semibold">{label}：</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          {d.sections.map((s, i) => (
            <section key={s.heading} aria-label={s.heading}>
              <h3 className="font-semibold">
                {['一', '二', '三', '四', '五'][i] ?? i + 1}、{s.heading}
              </h3>
              {s.text.split('\n').map((line, j) => (
                <p key={j} className="indent-8 whitespace-pre-wrap">
                  {line}
                </p>
              ))}
            </section>
          ))}
          <p className="text-sm leading-6 text-slate-600">{d.basis}</p>
          <div className="pt-6 text-right">
            <p>{d.issuer}</p>
            <p>{d.date}</p>
          </div>
          <p className="border-t border-slate-300 pt-2 text-sm">{d.cc}</p>
        </div>
      </article>
    </div>
  );
}

/** An authority the opinion was sent to (抄送) marks it read here too. */
function UnreadCc({ caseId }: { caseId: string }) {
  const me = useMe();
  const recipient = hasRole(me, 'opinion-recipient');
  const cc = useApi<PageOf<CcItemView>>(recipient ? `/tasks${qs({ kind: 'cc', status: 'open', caseId })}` : null);
  const item = cc.data?.items.find((i) => i.caseId === caseId);
  if (!item) return null;
  return (
    <div className="mx-auto flex max-w-3xl items-center justify-between gap-3 rounded-md border border-blue-200 bg-blue-50 px-4 py-2 text-sm text-blue-900" role="status">
      <span>本审核意见已抄送{me.org.name}，尚未标记已读。</span>
      <MarkReadButton item={item} onDone={() => void cc.reload()} />
    </div>
  );
}
