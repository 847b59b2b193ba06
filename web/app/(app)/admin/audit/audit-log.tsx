'use client';
/**
 * 审计日志 (Art. 24; 等保2.0 安全审计): whether the log is intact — every
 * entry's signature and link, gap-free numbering, and the signed head — and
 * the entries, newest first, a page at a time, by actor and target.
 */
import { useEffect, useState } from 'react';
import { Pager } from '../../../../components/pager';
import { Badge, btn, Empty, ErrorAlert, input, Loading, Notice, PageHeader, Section, table } from '../../../../components/ui';
import { AdminOnly } from '../../../../components/admin-only';
import { qs } from '../../../../lib/api';
import { PAGE_SIZE, useCursorPages, type PageOf } from '../../../../lib/use-cursor-pages';
import { useApi } from '../../../../lib/use-api';

type DamageKind = 'entry-altered' | 'chain-broken' | 'entries-missing' | 'tail-truncated' | 'head-mismatch' | 'unsigned-after-signed';

interface Verification {
  ok: boolean;
  entries: number;
  firstBadEntry?: number;
  damage?: { kind: DamageKind; seq: number; message: string };
}

interface AuditItem {
  seq: number;
  at: string;
  actor: string;
  actorOrg: string | null;
  action: string;
  target: string;
  detail: unknown;
  hash: string;
}

const DAMAGE_LABELS: Record<DamageKind, string> = {
  'entry-altered': '记录被改动',
  'chain-broken': '链接断开',
  'entries-missing': '中间记录被删除',
  'tail-truncated': '末尾记录被删除',
  'head-mismatch': '链头不符',
  'unsigned-after-signed': '出现未签名记录',
};

const ACTION_LABELS: Record<string, string> = {
  'sign-in': '登录',
  'case-view': '查看办件',
  'case-file': '提交办件',
  'case-withdraw': '撤回办件',
  'case-timeline-view': '查看办件全过程',
  decision: '作出决定',
  'decision-refused': '决定被拒绝',
  'grant-revoke': '撤销授权',
  'calendar-publish': '发布节假日安排',
  'calendar-unpublish': '撤回节假日安排',
  'api-key-issue': '签发 API 密钥',
  'audit-head-rebuilt': '审计链头重建',
  'sign-in-failed': '登录失败',
  'account-locked': '账号锁定',
  'account-unlock': '账号解锁',
  'api-key-revoke': '吊销 API 密钥',
  'stuck-case-retry': '重试异常办件',
};

/** Verification reads the whole log: only when the page opens and on request, never on a timer. */
function VerificationResult() {
  const { data, error, loading, reload } = useApi<Verification>('/admin/audit/verify');
  return (
    <Section
      title="完整性校验"
      actions={
        <button type="button" className={btn.secondary} onClick={() => void reload()} disabled={loading}>
          {loading ? '校验中…' : '重新校验'}
        </button>
      }
    >
      <ErrorAlert error={error} onRetry={() => void reload()} />
      {loading && !data ? (
        <Loading label="正在逐条校验…" />
      ) : data ? (
        <div aria-live="polite" className="space-y-2">
          {data.ok ? (
            <Notice tone="green" title="完整">
              全部 {data.entries} 条记录的签名、前后链接与连续序号均已核对，与链头一致：没有记录被改动、插入或删除。
            </Notice>
          ) : (
            <Notice tone="red" title="发现篡改">
              <p className="flex flex-wrap items-center gap-2">
                {data.damage && <Badge tone="red">{DAMAGE_LABELS[data.damage.kind] ?? data.damage.kind}</Badge>}
                {data.firstBadEntry !== undefined && <span>第一处损坏：第 {data.firstBadEntry} 条</span>}
                <span className="text-xs">（日志共 {data.entries} 条）</span>
              </p>
              {data.damage && <p className="mt-1">{data.damage.message}</p>}
              <p className="mt-1 text-xs">此前的记录完好。请保全数据库与服务器日志，并按安全事件处置流程上报。</p>
            </Notice>
          )}
          <p className="text-xs text-slate-500">每条记录以审计密钥（HMAC-SHA-256）签名并链接前一条；链头（最新序号与哈希）另行签名保存，末尾记录被删除也能发现。</p>
        </div>
      ) : null}
    </Section>
  );
}

/** Actor and target filters; applied on 查询, kept in the URL. */
function EntryFilters({ actor, target, onApply }: { actor: string; target: string; onApply: (patch: Record<string, string>) => void }) {
  const [a, setA] = useState(actor);
  const [t, setT] = useState(target);
  useEffect(() => setA(actor), [actor]);
  useEffect(() => setT(target), [target]);
  return (
    <form
      role="search"
      className="mb-3 flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        onApply({ actor: a.trim(), target: t.trim() });
      }}
    >
      <div>
        <label htmlFor="audit-actor" className="mb-1 block text-xs font-medium text-slate-600">
          操作人
        </label>
        <input id="audit-actor" className={`${input} w-48`} value={a} maxLength={100} onChange={(e) => setA(e.target.value)} placeholder="姓名或用户名" />
      </div>
      <div>
        <label htmlFor="audit-target" className="mb-1 block text-xs font-medium text-slate-600">
          对象
        </label>
        <input id="audit-target" className={`${input} w-64`} value={t} maxLength={200} onChange={(e) => setT(e.target.value)} placeholder="如 case:RS-… 或 user:admin" />
      </div>
      <button type="submit" className={btn.secondary}>
        查询
      </button>
    </form>
  );
}

function LatestEntries() {
  const pages = useCursorPages();
  const actor = pages.params.get('actor') ?? '';
  const target = pages.params.get('target') ?? '';
  const { data, error, loading, reload } = useApi<PageOf<AuditItem>>(`/admin/audit${qs({ actor, target, limit: PAGE_SIZE, cursor: pages.cursor })}`);
  const items = data?.items ?? [];
  return (
    <Section
      title="审计记录"
      actions={
        <button type="button" className={`${btn.link} text-xs`} onClick={() => void reload()}>
          刷新
        </button>
      }
    >
      <EntryFilters actor={actor} target={target} onApply={pages.setFilters} />
      <ErrorAlert error={error} onRetry={() => void reload()} />
      {loading && !data ? (
        <Loading />
      ) : (
        <div className={table.wrap}>
          <table className={table.table} aria-label="审计记录">
            <thead>
              <tr>
                <th className={table.th}>序号</th>
                <th className={table.th}>时间</th>
                <th className={table.th}>操作人</th>
                <th className={table.th}>操作</th>
                <th className={table.th}>对象</th>
                <th className={table.th}>哈希</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((e) => (
                <tr key={e.seq} className={table.tr}>
                  <td className={`${table.td} font-mono text-xs`}>{e.seq}</td>
                  <td className={`${table.td} whitespace-nowrap text-xs`}>{e.at}</td>
                  <td className={`${table.td} text-xs`}>
                    {e.actor}
                    {e.actorOrg && <div className="text-slate-500">{e.actorOrg}</div>}
                  </td>
                  <td className={`${table.td} text-xs`}>
                    {ACTION_LABELS[e.action] ?? e.action}
                    <div className="font-mono text-slate-400">{e.action}</div>
                  </td>
                  <td className={`${table.td} break-all font-mono text-xs`}>{e.target}</td>
                  <td className={`${table.td} font-mono text-xs text-slate-500`} title={e.hash}>
                    {e.hash.slice(0, 12)}…
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {items.length === 0 && <Empty>{actor || target ? '没有符合条件的审计记录。' : '暂无审计记录。'}</Empty>}
        </div>
      )}
      {data && <Pager pages={pages} nextCursor={data.nextCursor} total={data.total} shown={items.length} pageSize={PAGE_SIZE} label="审计记录" busy={loading} />}
    </Section>
  );
}

export function AuditLog() {
  return (
    <AdminOnly title="审计日志">
      <div className="space-y-4">
        <PageHeader title="审计日志" subtitle="只增不改的操作记录（第24条），及其完整性校验" breadcrumb={[{ href: '/admin', label: '管理' }]} />
        <VerificationResult />
        <LatestEntries />
      </div>
    </AdminOnly>
  );
}
