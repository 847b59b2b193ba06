'use client';
/** One catalog resource: every field of the catalog entry (Art. 10), with the reason and legal basis of its class (Art. 16). */
import Link from 'next/link';
import type { CaseSummaryView, ResourceView } from '../../../../../domain/views';
import { CaseTable } from '../../../../components/case-table';
import { OpenClassBadge, ShareClassBadge } from '../../../../components/badges';
import { ArticleBadge, Badge, btn, Dl, ErrorAlert, Loading, Notice, PageHeader, Section } from '../../../../components/ui';
import { methodLabel } from '../../../../lib/labels';
import { hasRole, useMe } from '../../../../lib/session';
import { fmtDateTime } from '../../../../lib/time';
import { useApi } from '../../../../lib/use-api';

export function ResourceDetail({ code }: { code: string }) {
  const me = useMe();
  const { data: r, error, loading, reload } = useApi<ResourceView>(`/catalog/resources/${encodeURIComponent(code)}`);
  const canApply = hasRole(me, 'applicant');
  const canApplyOpen = hasRole(me, 'public-applicant');
  // Using units report problems (Art. 27), the BDB from its quality checks (Art. 29); a provider corrects its own data instead.
  const canReport = (hasRole(me, 'applicant') || hasRole(me, 'bdb-reviewer')) && r?.provider.id !== me.org.id;

  if (loading && !r) return <Loading />;
  if (error || !r)
    return (
      <div>
        <PageHeader title="数据资源" breadcrumb={[{ href: '/catalog', label: '数据目录' }]} />
        <ErrorAlert error={error ?? '未找到该资源。'} onRetry={reload} />
      </div>
    );

  return (
    <div className="space-y-4">
      <PageHeader
        breadcrumb={[{ href: '/catalog', label: '数据目录' }]}
        title={
          <span className="flex flex-wrap items-center gap-2">
            {r.name}
            <span className="font-mono text-sm font-normal text-slate-500">{r.code}</span>
          </span>
        }
        subtitle={
          <span className="flex flex-wrap items-center gap-1.5">
            <ShareClassBadge value={r.shareClass} />
            <OpenClassBadge value={r.openClass} />
            {r.updateLapsed && (
              <Badge tone="red" title="已超过目录规定的更新周期未更新（第26条）">
                更新逾期
              </Badge>
            )}
            <span className="ml-1">数据提供单位：{r.provider.name}</span>
          </span>
        }
        actions={
          <>
            {canApply && (
              <Link href={`/cases/new?resources=${encodeURIComponent(r.code)}`} className={btn.primary}>
                申请共享
              </Link>
            )}
            {canReport && (
              <Link href={`/cases/new?type=problem-data&resource=${encodeURIComponent(r.code)}`} className={btn.secondary}>
                反馈问题数据
              </Link>
            )}
            {canApplyOpen && r.openClass === 'conditional' && (
              <Link href={`/cases/new?type=conditional-open&resources=${encodeURIComponent(r.code)}`} className={btn.primary}>
                申请开放
              </Link>
            )}
          </>
        }
      />

      {r.updateLapsed && (
        <Notice tone="red" title="更新逾期">
          该资源最近一次更新为 {fmtDateTime(r.lastUpdatedAt)}，已超过目录规定的更新周期（{r.updateCycleLabel}）。按照“谁提供、谁负责更新维护”的原则，数据提供单位应当及时动态更新。{' '}
          <ArticleBadge article="第26条" />
        </Notice>
      )}

      <Section title="目录信息">
        <Dl
          rows={[
            { label: '业务名称', value: r.name },
            { label: '资源编码', value: <span className="font-mono">{r.code}</span> },
            { label: '信息系统名称', value: r.system },
            { label: '数据提供单位', value: r.provider.name },
            { label: '存储格式', value: r.storageFormat },
            { label: '提供方式', value: methodLabel(r.provisionMethod) },
            { label: '更新周期', value: r.updateCycleLabel },
            { label: '最近更新时间', value: fmtDateTime(r.lastUpdatedAt) },
            { label: '共享期限', value: `${r.sharePeriodDays} 天` },
            {
              label: '数据项名称',
              wide: true,
              value: (
                <ul className="flex flex-wrap gap-1.5">
                  {r.dataItems.map((d) => (
                    <li key={d} className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                      {d}
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      </Section>

      <div className="grid gap-4 md:grid-cols-2">
        <Section title="共享属性">
          <div className="mb-3 flex items-center gap-2">
            <ShareClassBadge value={r.shareClass} />
            <ArticleBadge article="第16条" />
          </div>
          {r.shareClass === 'unconditional' ? (
            <p className="text-sm text-slate-700">
              可提供给所有行政机关共享使用。因履职需要申请使用的，市大数据主管部门无条件开通访问权限，无需审核。 <ArticleBadge article="第17条" />
            </p>
          ) : (
            <>
              <Dl
                cols={1}
                rows={[
                  { label: '列入理由', value: r.shareReason ?? <span className="text-red-700">未说明（第16条要求说明理由）</span> },
                  { label: '法律、法规和规章依据', value: r.shareLegalBasis ?? <span className="text-red-700">未提供（第16条要求提供依据）</span> },
                ]}
              />
              <p className="mt-3 text-xs text-slate-600">
                {r.shareClass === 'restricted'
                  ? '受限共享类数据须由市级行政机关或区县（市）大数据主管部门向市大数据主管部门申请，经审核并征得数据提供单位同意后开通（第17条第2款）。'
                  : '非共享类数据仅可申请经脱敏等处理后提供（第16条第2款、第17条第3款）。'}
              </p>
            </>
          )}
        </Section>
        <Section title="开放属性">
          <div className="mb-3 flex items-center gap-2">
            <OpenClassBadge value={r.openClass} />
            <ArticleBadge article="第25条" />
          </div>
          {r.openClass === 'unconditional' && <p className="text-sm text-slate-700">公民、法人和其他组织无需审批即可通过开放平台获取、使用该类数据。</p>}
          {r.openClass === 'conditional' && (
            <p className="text-sm text-slate-700">公民、法人和其他组织须通过开放平台提交开放申请，经综合评估并签订数据利用协议后使用。</p>
          )}
          {r.openClass === 'none' && <p className="text-sm text-slate-700">不向社会开放。</p>}
          {r.openReason && (
            <div className="mt-3">
              <Dl cols={1} rows={[{ label: '理由', value: r.openReason }]} />
            </div>
          )}
        </Section>
      </div>

      <ProblemReports code={r.code} />
    </div>
  );
}

/**
 * 问题数据反馈: the reports on this resource the caller may see — its own, the
 * provider's (all of them), the BDB's (all) — newest first, with their state.
 */
function ProblemReports({ code }: { code: string }) {
  // The case title names the resource as 名称（编码）: the search finds this resource's reports, and the filter drops a longer code that contains this one.
  const { data, error, loading, reload } = useApi<{ items: CaseSummaryView[] }>(`/cases?type=problem-data&limit=50&q=${encodeURIComponent(code)}`);
  const items = (data?.items ?? []).filter((c) => c.title.includes(`（${code}）`));
  return (
    <Section title={<span className="flex items-center gap-2">问题数据反馈 <ArticleBadge article="第27条" /></span>}>
      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading />
      ) : (
        <CaseTable items={items} label="问题数据反馈" showApplicant empty="暂无您可查看的问题数据反馈。" />
      )}
    </Section>
  );
}
