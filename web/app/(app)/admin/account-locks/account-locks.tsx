'use client';
/**
 * 账号锁定: usernames locked after repeated failed sign-ins (等保2.0 登录失败处理),
 * with 解锁 to lift a lock before it ends. Names nobody has are listed too:
 * they show someone guessing.
 */
import { useState } from 'react';
import { Badge, btn, Empty, ErrorAlert, Loading, Notice, PageHeader, Section, table } from '../../../../components/ui';
import { api } from '../../../../lib/api';
import { AdminOnly } from '../../../../components/admin-only';
import { fmtDateTime } from '../../../../lib/time';
import { useAction, useApi } from '../../../../lib/use-api';

interface AccountLock {
  username: string;
  existingUser: { displayName: string; org: string } | null;
  lockedAt: string;
  lockedUntil: string;
  failures: number;
  retryAfterSeconds: number;
}

export function AccountLocks() {
  return <AdminOnly title="账号锁定"><LockList /></AdminOnly>;
}

function LockList() {
  const { data, error, loading, reload } = useApi<{ items: AccountLock[] }>('/admin/account-locks');
  const action = useAction();
  const [done, setDone] = useState<string | null>(null);

  const unlock = (username: string) =>
    action.run(async () => {
      await api(`/admin/account-locks/${encodeURIComponent(username)}/unlock`, { method: 'POST' });
      setDone(username);
      await reload();
    });

  const items = data?.items ?? [];
  return (
    <div className="space-y-4">
      <PageHeader
        title="账号锁定"
        subtitle="短时间内多次登录失败的用户名会被临时锁定（不论该用户名是否存在），到期自动解锁，也可在此提前解锁。"
        breadcrumb={[{ href: '/admin', label: '管理' }]}
        actions={
          <button type="button" className={btn.secondary} onClick={() => void reload()}>
            刷新
          </button>
        }
      />
      {done && <Notice tone="green">已解除 {done} 的锁定，该用户现在可以登录。</Notice>}
      <ErrorAlert error={action.error} />
      <Section title="锁定中的账号">
        <ErrorAlert error={error} onRetry={reload} />
        {loading && !data ? (
          <Loading />
        ) : items.length === 0 ? (
          <Empty>当前没有被锁定的账号。</Empty>
        ) : (
          <div className={table.wrap}>
            <table className={table.table} aria-label="锁定中的账号">
              <thead>
                <tr>
                  <th className={table.th}>用户名</th>
                  <th className={table.th}>账号</th>
                  <th className={table.th}>失败次数</th>
                  <th className={table.th}>锁定时间</th>
                  <th className={table.th}>自动解锁时间</th>
                  <th className={table.th}>
                    <span className="sr-only">操作</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {items.map((l) => (
                  <tr key={l.username} className={table.tr}>
                    <td className={`${table.td} font-mono`}>{l.username}</td>
                    <td className={table.td}>
                      {l.existingUser ? (
                        <span>
                          {l.existingUser.displayName}
                          <span className="ml-1 text-xs text-slate-500">{l.existingUser.org}</span>
                        </span>
                      ) : (
                        <Badge tone="amber" title="系统中没有这个用户名：可能是有人在猜测账号">
                          不存在的用户名
                        </Badge>
                      )}
                    </td>
                    <td className={table.td}>{l.failures}</td>
                    <td className={table.td}>{fmtDateTime(l.lockedAt)}</td>
                    <td className={table.td}>{fmtDateTime(l.lockedUntil)}</td>
                    <td className={`${table.td} text-right`}>
                      <button
                        type="button"
                        className={btn.secondary}
                        disabled={action.busy}
                        onClick={() => void unlock(l.username)}
                        aria-label={`解锁 ${l.username}`}
                      >
                        解锁
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </div>
  );
}
