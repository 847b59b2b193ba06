/**
 * The agreement's text as the template lays it out (domain/agreement): the first
 * line is the title, clause headings stand out, every other line is shown as is
 * — the exact characters whose SHA-256 is signed.
 */
import { isClauseHeading } from '../../domain/agreement/agreement-template';

export function AgreementText({ text }: { text: string }) {
  const [title, ...lines] = text.split('\n');
  return (
    <article className="space-y-0.5 text-sm leading-7 text-slate-800" lang="zh-CN">
      <h3 className="mb-2 text-center text-base font-semibold text-slate-900">{title}</h3>
      {lines.map((l, i) =>
        l === '' ? (
          <div key={i} className="h-2" aria-hidden="true" />
        ) : isClauseHeading(l) ? (
          <h4 key={i} className="pt-1 font-semibold text-slate-900">
            {l}
          </h4>
        ) : (
          <p key={i} className="whitespace-pre-wrap">
            {l}
          </p>
        ),
      )}
    </article>
  );
}
