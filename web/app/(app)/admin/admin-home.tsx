'use client';
/** 管理: system health and the administrator's tools. */
import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { Badge, btn, ErrorAlert, Loading, Notice, PageHeader, Section } from '../../../components/ui';
import { hasRole, useMe } from '../../../lib/session';
import { todayShanghai } from '../../../lib/time';
import { PagedCaseList } from '../../../components/case-table';
import { API_BASE, BACKGROUND_HEADERS } from '../../../lib/api';

type HealthValue = string | boolean | { status?: string; ok?: boolean; [k: string]: unknown } | null | undefined;
interface Health {
  status: HealthValue;
  temporal: HealthValue;
  database: HealthValue;
}

function healthy(v: HealthValue): boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return ['ok', 'up', 'healthy', 'pass', 'connected', 'serving'].includes(v.toLowerCase());
  if (typeof v.ok === 'boolean') return v.ok;
  return typeof v.status === 'string' ? healthy(v.status) : null;
}

function detail(v: HealthValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'ok' : 'down';
  return JSON.stringify(v);
}

/** What the API's health words mean (GET /health: ok | degraded | down | no-worker). */
const HEALTH_WORDS: Record<string, string> = {
  degraded: '部分服务不可用',
  down: '无法连接',
  'no-worker': '无工作进程轮询任务队列，流程不会推进',
};

function HealthRow({ label, value }: { label: string; value: HealthValue }) {
  const h = healthy(value);
  const d = detail(value);
  return (
    <div className="flex items-center justify-between gap-3 border-b border-slate-100 py-2 last:border-0">
      <span className="text-sm text-slate-700">{label}</span>
      <span className="flex items-center gap-2 text-right">
        <span className="text-xs text-slate-500">{HEALTH_WORDS[d] ?? <span className="font-mono">{d}</span>}</span>
        {h === null ? <Badge tone="slate">未知</Badge> : h ? <Badge tone="green">正常</Badge> : <Badge tone="red">异常</Badge>}
      </span>
    </div>
  );
}

/** Health answers 503 with the same body when something is down: read the body whatever the status. */
function useHealth() {
  const [data, setData] = useState<Health | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const res = await fetch(`${API_BASE}/health`, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json', ...BACKGROUND_HEADERS } });
      const body = (await res.json().catch(() => null)) as Health | null;
      if (body && typeof body === 'object' && 'status' in body) {
        setData(body);
        setError(undefined);
      } else {
        setError(`健康检查接口返回 ${res.status}`);
      }
    } catch {
      setError('无法连接服务器。');
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, loading, reload };
}

export function AdminHome() {
  const me = useMe();
  const health = useHealth();
  const { reload } = health;
  useEffect(() => {
    const t = setInterval(() => void reload(), 15_000);
    return () => clearInterval(t);
  }, [reload]);

  if (!hasRole(me, 'admin')) {
    return (
      <div>
        <PageHeader title="管理" />
        <Notice tone="amber">仅系统管理员可访问此页面。</Notice>
      </div>
    );
  }

  const nextYear = Number(todayShanghai().slice(0, 4)) + 1;

  return (
    <div className="space-y-4">
      <PageHeader title="管理" subtitle="系统状态与管理工具" />
      <div className="grid gap-4 md:grid-cols-2">
        <Section
          title="系统状态"
          actions={
            <button type="button" className={`${btn.link} text-xs`} onClick={() => void reload()}>
              刷新
            </button>
          }
        >
          {health.loading && !health.data ? (
            <Loading />
          ) : health.data ? (
            <div>
              <HealthRow label="服务总体" value={health.data.status} />
              <HealthRow label="Temporal 工作流引擎" value={health.data.temporal} />
              <HealthRow label="数据库" value={health.data.database} />
            </div>
          ) : (
            <ErrorAlert error={health.error} onRetry={() => void reload()} />
          )}
          {health.data && health.error && <ErrorAlert error={health.error} />}
          <p className="mt-2 text-xs text-slate-500">每 15 秒自动刷新。</p>
        </Section>
        <Section title="管理工具">
          <ul className="space-y-3 text-sm">
            <li>
              <Link href={`/calendar/years/${nextYear}`} className={`${btn.link} font-medium`}>
                发布 {nextYear} 年节假日安排
              </Link>
              <p className="text-xs text-slate-500">国务院办公厅通知通常于上一年11月发布。未发布年度的期限均为暂定；发布或修订后，运行中的期限自动重新计算。</p>
            </li>
            <li>
              <Link href="/calendar" className={`${btn.link} font-medium`}>
                工作日历与年度安排
              </Link>
              <p className="text-xs text-slate-500">查看各年度来源（内置 / 已发布 / 缺失），修订已发布年度。</p>
            </li>
            <li>
              <Link href="/admin/stuck-cases" className={`${btn.link} font-medium`}>
                异常办件
              </Link>
              <p className="text-xs text-slate-500">数据无法写入或流程未能启动的办件：重试，或清理无法存储的字符后写入。</p>
            </li>
            <li>
              <Link href="/admin/audit" className={`${btn.link} font-medium`}>
                审计日志
              </Link>
              <p className="text-xs text-slate-500">操作记录及其完整性校验（是否有记录被改动或删除）。</p>
            </li>
            <li>
              <Link href="/admin/account-locks" className={`${btn.link} font-medium`}>
                账号锁定
              </Link>
              <p className="text-xs text-slate-500">连续登录失败被临时锁定的账号；可提前解锁。</p>
            </li>
            <li>
              <Link href="/admin/api-keys" className={`${btn.link} font-medium`}>
                API 密钥
              </Link>
              <p className="text-xs text-slate-500">为业务系统签发、查看和吊销接口密钥（第28条）。</p>
            </li>
            <li>
              <a href="/api/v1/docs" target="_blank" rel="noreferrer" className={`${btn.link} font-medium`}>
                接口文档（API）
              </a>
              <p className="text-xs text-slate-500">
                业务系统接口对接说明（第28条），OpenAPI 文档：
                <a href="/api/v1/openapi.json" target="_blank" rel="noreferrer" className={`${btn.link} font-mono`}>
                  /api/v1/openapi.json
                </a>
              </p>
            </li>
          </ul>
        </Section>
      </div>
      <AllCases />
    </div>
  );
}

/** Every case, for the administrator who keeps the whole timeline of any case (PROCEDURES.md §8). */
function AllCases() {
  return (
    <Section title="全部办件">
      <PagedCaseList idPrefix="admin-cases" label="全部办件" showApplicant empty="暂无办件。" />
    </Section>
  );
}
