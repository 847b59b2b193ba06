'use client';
/**
 * API 密钥 (Art. 28 接口对接): an administrator issues a key to an organisation
 * for one business system — the key is shown this once and stored hashed — sees
 * every key's prefix, organisation, roles, issuer, creation and last use, and
 * revokes a key (refused with 401 from the next request). Issue and revoke are audited.
 * Issuing sends no Idempotency-Key: a replayed answer would keep the key in clear.
 */
import { useState, type FormEvent } from 'react';
import { ROLE_LABELS, type Role } from '../../../../../domain/auth/roles';
import { AdminOnly } from '../../../../components/admin-only';
import { FormErrorSummary } from '../../../../components/form-error-summary';
import { Badge, btn, Empty, ErrorAlert, Field, input, Loading, Notice, PageHeader, Section, table } from '../../../../components/ui';
import { api, ApiError } from '../../../../lib/api';
import { fmtDateTime } from '../../../../lib/time';
import { useAction, useApi, type ApiState } from '../../../../lib/use-api';

interface ApiKeyRow {
  id: string;
  orgId: string;
  orgName: string;
  name: string;
  prefix: string;
  roles: string[];
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
interface Org {
  id: string;
  name: string;
  kind: string;
  apiKeyRoles: string[];
}

const rolesText = (roles: readonly string[]) => (roles.length ? roles.map((r) => ROLE_LABELS[r as Role] ?? r).join('、') : '仅查询');

export function ApiKeys() {
  return (
    <AdminOnly title="API 密钥">
      <KeyAdmin />
    </AdminOnly>
  );
}

function KeyAdmin() {
  const keys = useApi<{ items: ApiKeyRow[] }>('/admin/api-keys');
  const orgs = useApi<{ items: Org[] }>('/admin/organisations');
  const [issued, setIssued] = useState<{ key: string; prefix: string; orgName: string; name: string } | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const action = useAction();

  const revoke = (k: ApiKeyRow) =>
    action.run(async () => {
      if (!window.confirm(`吊销「${k.name}」（${k.prefix}…）？吊销后该业务系统的请求将立即被拒绝。`)) return;
      await api(`/admin/api-keys/${encodeURIComponent(k.id)}`, { method: 'DELETE' });
      setRevoked(k.name);
      setIssued(null);
      await keys.reload();
    });

  const items = keys.data?.items ?? [];
  return (
    <div className="space-y-4">
      <PageHeader
        title="API 密钥"
        breadcrumb={[{ href: '/admin', label: '管理' }]}
        subtitle="业务系统以单位名义通过接口对接（第28条）：密钥按单位类型获得相应角色，只能提交该单位可提交的事项，不能代替个人作出审核决定。"
      />
      {issued && (
        <Notice tone="green" title={`已为${issued.orgName}签发「${issued.name}」`}>
          <p>请立即复制并交付业务系统保管。密钥只显示这一次，系统仅保存其摘要，无法再次查看。</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code aria-label="新签发的密钥" className="break-all rounded bg-white px-2 py-1 font-mono text-sm text-slate-900 ring-1 ring-emerald-300">
              {issued.key}
            </code>
            <button type="button" className={btn.secondary} onClick={() => void navigator.clipboard?.writeText(issued.key)}>
              复制
            </button>
            <button type="button" className={btn.link} onClick={() => setIssued(null)}>
              我已保存，隐藏密钥
            </button>
          </div>
          <p className="mt-2 text-xs">调用方式：请求头 <code className="font-mono">Authorization: Bearer &lt;密钥&gt;</code>，如 POST /api/v1/problem-reports。</p>
        </Notice>
      )}
      {revoked && <Notice tone="slate">已吊销「{revoked}」：使用该密钥的请求将被拒绝（401）。</Notice>}
      <IssueForm
        orgs={orgs}
        onIssued={async (r) => {
          setRevoked(null);
          setIssued(r);
          await keys.reload();
        }}
      />
      <Section title="已签发的密钥">
        <ErrorAlert error={keys.error ?? action.error} onRetry={keys.reload} />
        {keys.loading && !keys.data ? (
          <Loading />
        ) : items.length === 0 ? (
          <Empty>尚未签发 API 密钥。</Empty>
        ) : (
          <div className={table.wrap}>
            <table className={table.table} aria-label="已签发的密钥">
              <thead>
                <tr>
                  <th className={table.th}>前缀</th>
                  <th className={table.th}>名称（业务系统）</th>
                  <th className={table.th}>单位 / 可用角色</th>
                  <th className={table.th}>签发人</th>
                  <th className={table.th}>签发时间</th>
                  <th className={table.th}>最近使用</th>
                  <th className={table.th}>状态</th>
                  <th className={table.th}>
                    <span className="sr-only">操作</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {items.map((k) => (
                  <tr key={k.id} className={table.tr}>
                    <td className={`${table.td} font-mono text-xs`}>{k.prefix}…</td>
                    <td className={table.td}>{k.name}</td>
                    <td className={`${table.td} text-xs`}>
                      {k.orgName}
                      <div className="text-slate-500">{rolesText(k.roles)}</div>
                    </td>
                    <td className={`${table.td} text-xs`}>{k.createdBy ?? '—'}</td>
                    <td className={`${table.td} whitespace-nowrap text-xs`}>{fmtDateTime(k.createdAt)}</td>
                    <td className={`${table.td} whitespace-nowrap text-xs`}>{k.lastUsedAt ? fmtDateTime(k.lastUsedAt) : '从未使用'}</td>
                    <td className={table.td}>{k.revokedAt ? <Badge tone="red" title={`吊销于 ${fmtDateTime(k.revokedAt)}`}>已吊销</Badge> : <Badge tone="green">有效</Badge>}</td>
                    <td className={`${table.td} text-right`}>
                      {!k.revokedAt && (
                        <button type="button" className={btn.danger} disabled={action.busy} onClick={() => void revoke(k)} aria-label={`吊销 ${k.name}`}>
                          吊销
                        </button>
                      )}
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

function IssueForm({ orgs, onIssued }: { orgs: ApiState<{ items: Org[] }>; onIssued: (r: { key: string; prefix: string; orgName: string; name: string }) => Promise<void> }) {
  const [orgId, setOrgId] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const org = orgs.data?.items.find((o) => o.id === orgId);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!orgId) local.orgId = '请选择单位';
    if (!name.trim()) local.name = '请填写密钥用途';
    if (Object.keys(local).length) {
      setFields(local);
      setError(new ApiError(422, 'validation_failed', '请填写标出的内容', local));
      return;
    }
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const r = await api<{ id: string; key: string; prefix: string }>('/admin/api-keys', { method: 'POST', body: { orgId, name: name.trim() } });
      await onIssued({ key: r.key, prefix: r.prefix, orgName: org?.name ?? orgId, name: name.trim() });
      setName('');
    } catch (err) {
      const ae = err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err));
      setError(ae);
      setFields(ae.fields);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title="签发新密钥">
      <form onSubmit={submit} noValidate aria-label="签发 API 密钥" className="space-y-3">
        <FormErrorSummary error={error} fields={fields} known={['orgId', 'name']} />
        <div className="grid gap-4 md:grid-cols-2">
          <Field id="key-org" label="单位" required error={fields.orgId} hint={org ? `该单位的密钥可用角色：${rolesText(org.apiKeyRoles)}` : undefined}>
            {orgs.error ? (
              <ErrorAlert error={orgs.error} onRetry={orgs.reload} />
            ) : (
              <select id="key-org" className={input} value={orgId} onChange={(e) => setOrgId(e.target.value)} aria-invalid={fields.orgId ? true : undefined}>
                <option value="">请选择…</option>
                {(orgs.data?.items ?? []).map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="key-name" label="名称（业务系统及用途）" required error={fields.name}>
            <input id="key-name" className={input} value={name} onChange={(e) => setName(e.target.value)} placeholder="如 企业登记系统问题数据反馈" aria-invalid={fields.name ? true : undefined} />
          </Field>
        </div>
        <button type="submit" className={btn.primary} disabled={busy}>
          {busy ? '正在签发…' : '签发密钥'}
        </button>
      </form>
    </Section>
  );
}
