'use client';
/**
 * 异常办件: cases whose record the database refused (the workflow parked the
 * batches and waits) or whose workflow start was never confirmed. The
 * administrator retries as written, or — for text the database cannot store —
 * writes it cleaned (invalid characters replaced with �).
 */
import Link from 'next/link';
import { Badge, btn, Empty, ErrorAlert, Loading, PageHeader, Section, table } from '../../../../components/ui';
import { AdminOnly } from '../../../../components/admin-only';
import { api } from '../../../../lib/api';
import { useAction, useApi } from '../../../../lib/use-api';
import type { StuckCaseView } from '../../../../../domain/views';

const KIND_LABELS: Record<string, { label: string; tone: 'red' | 'amber' | 'slate' }> = {
  'unwritable-data': { label: '数据无法写入', tone: 'red' },
  'retries-exhausted': { label: '数据库长时间不可用', tone: 'amber' },
  'start-pending': { label: '流程未确认启动', tone: 'amber' },
  'start-failed': { label: '流程启动失败', tone: 'red' },
};

export function StuckCases() {
  return (
    <AdminOnly title="异常办件">
      <StuckCaseList />
    </AdminOnly>
  );
}

function StuckCaseList() {
  const { data, error, loading, reload } = useApi<{ items: StuckCaseView[] }>('/admin/stuck-cases');
  const action = useAction();

  const retry = (s: StuckCaseView, sanitize: boolean) =>
    action.run(async () => {
      await api(`/admin/stuck-cases/${encodeURIComponent(s.caseId)}/retry`, { method: 'POST', body: { sanitize } });
      await reload();
    });

  return (
    <div className="space-y-4">
      <PageHeader
        title="异常办件"
        subtitle="办件数据无法写入或流程未能启动时在此列出；流程本身不会丢失已作出的决定，写入成功后自动移出。"
        breadcrumb={[{ href: '/admin', label: '管理' }]}
      />
      <ErrorAlert error={action.error} title="重试失败" />
      <Section
        title="待处理"
        actions={
          <button type="button" className={`${btn.link} text-xs`} onClick={() => void reload()}>
            刷新
          </button>
        }
      >
        <ErrorAlert error={error} onRetry={reload} />
        {loading && !data ? (
          <Loading />
        ) : !data?.items.length ? (
          <Empty>没有异常办件。</Empty>
        ) : (
          <div className={table.wrap}>
            <table className={table.table} aria-label="异常办件">
              <thead>
                <tr>
                  <th className={table.th}>办件</th>
                  <th className={table.th}>问题</th>
                  <th className={table.th}>原因</th>
                  <th className={table.th}>开始于</th>
                  <th className={table.th}>操作</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.items.map((s) => {
                  const kind = KIND_LABELS[s.kind] ?? { label: s.kind, tone: 'slate' as const };
                  return (
                    <tr key={`${s.problem}-${s.caseId}`} className={table.tr}>
                      <td className={table.td}>
                        <Link href={`/cases/${encodeURIComponent(s.caseId)}`} className={`${btn.link} font-mono`}>
                          {s.caseId}
                        </Link>
                        {s.title && <div className="text-xs text-slate-500">{s.title}</div>}
                      </td>
                      <td className={table.td}>
                        <Badge tone={kind.tone}>{kind.label}</Badge>
                        {s.waitingBatches !== null && <div className="mt-1 text-xs text-slate-500">待写入 {s.waitingBatches} 批</div>}
                        {s.attempts > 1 && <div className="text-xs text-slate-500">已报告 {s.attempts} 次</div>}
                      </td>
                      <td className={`${table.td} max-w-md break-words text-xs text-slate-600`}>{s.reason}</td>
                      <td className={`${table.td} whitespace-nowrap text-xs`}>{s.since.slice(0, 16).replace('T', ' ')}</td>
                      <td className={`${table.td} whitespace-nowrap`}>
                        <div className="flex flex-col gap-1">
                          <button type="button" className={btn.secondary} disabled={action.busy} onClick={() => void retry(s, false)}>
                            {s.problem === 'start' ? '重试启动' : '重试写入'}
                          </button>
                          {s.kind === 'unwritable-data' && (
                            <button
                              type="button"
                              className={btn.danger}
                              disabled={action.busy}
                              title="将无法存储的字符替换为 �、删除空字符、截断超长文本后写入"
                              onClick={() => void retry(s, true)}
                            >
                              清理后写入
                            </button>
                          )}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </div>
  );
}
