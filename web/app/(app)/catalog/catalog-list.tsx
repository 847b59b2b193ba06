'use client';
/** 数据目录: the public data resource catalog (Art. 10, 16, 25, 26), filters in the URL. */
import Link from 'next/link';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { OrgRef, ResourceView } from '../../../../domain/views';
import { OpenClassBadge, ShareClassBadge } from '../../../components/badges';
import { ArticleBadge, Badge, btn, Empty, ErrorAlert, FilterSelect, input, Loading, PageHeader, table } from '../../../components/ui';
import { qs } from '../../../lib/api';
import { OPEN_CLASS, SHARE_CLASS } from '../../../lib/labels';
import { fmtDate } from '../../../lib/time';
import { useApi } from '../../../lib/use-api';
import { useUrlParams } from '../../../lib/url-params';

export function CatalogList() {
  const [params, setParam] = useUrlParams();
  const shareClass = params.get('shareClass') ?? '';
  const openClass = params.get('openClass') ?? '';
  const provider = params.get('provider') ?? '';
  const q = params.get('q') ?? '';
  const [qDraft, setQDraft] = useState(q);
  useEffect(() => setQDraft(q), [q]);

  const list = useApi<{ items: ResourceView[] }>(`/catalog/resources${qs({ shareClass, openClass, provider, q })}`);
  // The provider choices come from the whole catalog, not from the filtered page.
  const all = useApi<{ items: ResourceView[] }>('/catalog/resources');
  const providers = useMemo(() => {
    const m = new Map<string, OrgRef>();
    for (const r of all.data?.items ?? []) m.set(r.provider.id, r.provider);
    return [...m.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  }, [all.data]);

  function submitSearch(e: FormEvent) {
    e.preventDefault();
    setParam({ q: qDraft.trim() });
  }

  const filtered = shareClass || openClass || provider || q;
  const items = list.data?.items ?? [];

  return (
    <div>
      <PageHeader
        title="数据目录"
        subtitle={
          <>
            全市公共数据资源目录，按共享属性（第16条）和开放属性（第25条）分类。 <ArticleBadge article="第10条" />
          </>
        }
      />
      <form role="search" aria-label="筛选数据资源" onSubmit={submitSearch} className="mb-3 flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-white p-3 shadow-sm">
        <div className="min-w-56 flex-1">
          <label htmlFor="catalog-q" className="mb-1 block text-xs font-medium text-slate-600">
            关键词
          </label>
          <input
            id="catalog-q"
            type="search"
            className={input}
            placeholder="资源名称、编码、信息系统或数据项"
            value={qDraft}
            onChange={(e) => setQDraft(e.target.value)}
          />
        </div>
        <FilterSelect
          id="catalog-share"
          label="共享属性"
          value={shareClass}
          options={Object.entries(SHARE_CLASS).map(([k, v]) => [k, v.label] as const)}
          onChange={(v) => setParam({ shareClass: v })}
        />
        <FilterSelect
          id="catalog-open"
          label="开放属性"
          value={openClass}
          options={Object.entries(OPEN_CLASS).map(([k, v]) => [k, v.label] as const)}
          onChange={(v) => setParam({ openClass: v })}
        />
        <FilterSelect id="catalog-provider" label="数据提供单位" value={provider} options={providers.map((p) => [p.id, p.name] as const)} onChange={(v) => setParam({ provider: v })} />
        <button type="submit" className={btn.primary}>
          查询
        </button>
        {filtered && (
          <button type="button" className={btn.secondary} onClick={() => setParam({ shareClass: '', openClass: '', provider: '', q: '' })}>
            清除筛选
          </button>
        )}
      </form>

      <ErrorAlert error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? (
        <Loading />
      ) : (
        <>
          <div className="mb-2 text-xs text-slate-500" aria-live="polite">
            共 {items.length} 条资源
          </div>
          <div className={table.wrap}>
            <table className={table.table}>
              <thead>
                <tr>
                  <th className={table.th}>资源编码</th>
                  <th className={table.th}>资源名称</th>
                  <th className={table.th}>数据提供单位</th>
                  <th className={table.th}>共享属性</th>
                  <th className={table.th}>开放属性</th>
                  <th className={table.th}>更新周期</th>
                  <th className={table.th}>最近更新</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {items.map((r) => (
                  <tr key={r.code} className={table.tr}>
                    <td className={`${table.td} whitespace-nowrap font-mono text-xs`}>{r.code}</td>
                    <td className={table.td}>
                      <Link href={`/catalog/${encodeURIComponent(r.code)}`} className="font-medium text-blue-700 hover:underline">
                        {r.name}
                      </Link>
                      <div className="text-xs text-slate-500">{r.system}</div>
                    </td>
                    <td className={table.td}>{r.provider.name}</td>
                    <td className={table.td}>
                      <ShareClassBadge value={r.shareClass} />
                    </td>
                    <td className={table.td}>
                      <OpenClassBadge value={r.openClass} />
                    </td>
                    <td className={`${table.td} whitespace-nowrap`}>
                      {r.updateCycleLabel}
                      {r.updateLapsed && (
                        <Badge tone="red" className="ml-1.5" title="已超过目录规定的更新周期未更新（第26条）">
                          更新逾期
                        </Badge>
                      )}
                    </td>
                    <td className={`${table.td} whitespace-nowrap text-xs text-slate-600`}>{fmtDate(r.lastUpdatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {items.length === 0 && <Empty>{filtered ? '没有符合筛选条件的资源。' : '目录中暂无资源。'}</Empty>}
          </div>
        </>
      )}
    </div>
  );
}
