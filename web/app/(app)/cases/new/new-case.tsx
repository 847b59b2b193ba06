'use client';
/**
 * 新建申请: the procedures the user's roles may file (each spec's `filedBy`), each with
 * its own filing form; one procedure opens straight away, several are offered to choose.
 */
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import type { ReactNode } from 'react';
import type { CaseType } from '../../../../../domain/views';
import { ArticleBadge, Notice, PageHeader } from '../../../../components/ui';
import { fileableBy } from '../../../../lib/procedures';
import { useMe } from '../../../../lib/session';
import { NewConditionalOpen } from './new-conditional-open';
import { NewRestrictedShare } from './new-restricted-share';
import { ProblemReportForm } from '../../../../components/problem-report-form';
import { ItProjectForm } from '../../../../components/it-project-form';

/** The procedures the web has a filing form for. */
const FORMS: Partial<Record<CaseType, () => ReactNode>> = {
  'restricted-share': () => <NewRestrictedShare />,
  'conditional-open': () => <NewConditionalOpen />,
  'problem-data': () => <ProblemReportForm />,
  'it-project': () => <ItProjectForm />,
};

const INTRO: Partial<Record<CaseType, string>> = {
  'restricted-share': '行政机关为履行职责申请使用受限共享类公共数据，经大数据局审核并征得数据提供单位同意。',
  'conditional-open': '公民、法人和其他组织申请使用有条件开放类公共数据，经综合评估并签订数据利用协议。',
  'problem-data': '使用中发现数据错误、遗漏或侵犯商业秘密、个人隐私的，反馈数据提供单位在5个工作日内校核处理。',
  'it-project': '政务信息化项目报市大数据主管部门审核，出具审核意见；建成后项目数据编目、归集、共享，验收通过。',
};

export function NewCase() {
  const me = useMe();
  const params = useSearchParams();
  const offered = fileableBy(me.roles).filter((p) => FORMS[p.type]);
  const asked = params.get('type');
  // Resources named without a type (the catalog's 申请共享/申请开放) ask for an application, not a problem report.
  const candidates = params.get('resources') ? offered.filter((p) => p.type !== 'problem-data' && p.type !== 'it-project') : offered;
  const chosen = offered.find((p) => p.type === asked) ?? (candidates.length === 1 ? candidates[0] : undefined);

  if (chosen) return <>{FORMS[chosen.type]?.()}</>;

  return (
    <div>
      <PageHeader title="新建申请" breadcrumb={[{ href: '/cases', label: '我的办件' }]} />
      {offered.length === 0 ? (
        <Notice tone="amber">您的账号没有可在线提出的申请。受限共享申请由行政机关申请人提出（第17条第2款），有条件开放申请由社会公众申请人提出（第25条第3款）。</Notice>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2" aria-label="可提出的申请">
          {offered.map((p) => (
            <li key={p.type}>
              <Link
                href={`/cases/new?type=${p.type}${params.get('resources') ? `&resources=${encodeURIComponent(params.get('resources') ?? '')}` : ''}`}
                className="block rounded-md border border-slate-200 bg-white p-4 shadow-sm hover:border-blue-400"
              >
                <span className="flex items-center gap-2 font-semibold text-slate-900">
                  {p.label} <ArticleBadge article={p.articles} />
                </span>
                <span className="mt-1 block text-sm text-slate-600">{INTRO[p.type]}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
