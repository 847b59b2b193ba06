'use client';
/**
 * The IT project on its case page (Art. 8, 9, 11): the project's facts, the
 * review opinion 审核意见 with its number and a link to the opinion page, and
 * the automatic acceptance check — each project catalog entry against the
 * public catalog: 已编目, 提供单位一致, 数据已归集 (Art. 26) — shown to the
 * reviewer with the 大数据局验收 task and kept in the case outcome.
 */
import Link from 'next/link';
import type { CaseDetailView } from '../../domain/views';
import { entryPassed, itProjectOutcome, OPINION_DECISION_LABELS, opinionHref, type AcceptanceCheckView, type OpinionView } from '../lib/it-project';
import { OPEN_CLASS, SHARE_CLASS } from '../lib/labels';
import { fmtDate, fmtDateTime } from '../lib/time';
import { ArticleBadge, Badge, btn, Dl, Empty, Section, table } from './ui';

const num = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('zh-CN', { maximumFractionDigits: 2 }) : String(v ?? '—'));

export function ItProjectPanel({ detail: c }: { detail: CaseDetailView }) {
  const { opinion, acceptanceCheck, nextReminderAt } = itProjectOutcome(c.outcome);
  const p = c.payload;
  const entries = Array.isArray(p.dataCatalog) ? (p.dataCatalog as Record<string, unknown>[]) : [];
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Section title="项目概况">
        <Dl
          rows={[
            { label: '项目名称', value: String(p.projectName ?? '—'), wide: true },
            { label: '建设单位', value: c.applicant.org.name },
            { label: '总投资', value: `${num(p.investmentWan)} 万元` },
            { label: '计划完成日期', value: typeof p.plannedCompletion === 'string' ? fmtDate(p.plannedCompletion) : '—' },
            ...(nextReminderAt && c.status === 'in-progress' ? [{ label: '下次完成提醒', value: fmtDateTime(nextReminderAt) }] : []),
            {
              label: '自建政务云或数据中心',
              value: p.buildsOwnCloudOrDataCenter === true ? <span className="text-red-700">是</span> : '否（依托市大数据中心统一平台）',
            },
            { label: '建设内容', value: <span className="whitespace-pre-wrap">{String(p.content ?? '—')}</span>, wide: true },
            { label: '数据共享计划', value: <span className="whitespace-pre-wrap">{String(p.sharingPlan ?? '—')}</span>, wide: true },
          ]}
        />
        <h3 className="mb-1 mt-3 text-sm font-semibold text-slate-800">
          项目数据目录（{entries.length} 项） <ArticleBadge article="第11条" />
        </h3>
        <div className={table.wrap}>
          <table className={table.table} aria-label="项目数据目录">
            <thead>
              <tr>
                <th className={table.th}>条目</th>
                <th className={table.th}>数据项</th>
                <th className={table.th}>共享属性</th>
                <th className={table.th}>开放属性</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {entries.map((e, i) => (
                <tr key={i}>
                  <td className={table.td}>{String(e.name ?? '')}</td>
                  <td className={`${table.td} text-xs`}>{Array.isArray(e.dataItems) ? e.dataItems.join('、') : '—'}</td>
                  <td className={table.td}>{SHARE_CLASS[e.shareClass as keyof typeof SHARE_CLASS]?.label ?? String(e.shareClass ?? '—')}</td>
                  <td className={table.td}>{OPEN_CLASS[e.openClass as keyof typeof OPEN_CLASS]?.label ?? String(e.openClass ?? '—')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      <div className="space-y-4">
        <Section title="审核意见" actions={opinion && <Link href={opinionHref(c.id)} className={btn.secondary}>查看审核意见</Link>}>
          {opinion ? <OpinionSummary opinion={opinion} /> : <Empty>{c.status === 'in-progress' ? '尚未出具审核意见（大数据局审核后出具，抄送投资主管部门和财政主管部门）。' : '本办件未出具审核意见。'}</Empty>}
        </Section>
        <Section title="验收核对">
          {acceptanceCheck ? <AcceptanceCheckTable check={acceptanceCheck} /> : <Empty>建设单位报告建设完成后，系统自动核对项目数据目录的编目、提供单位和归集情况。</Empty>}
        </Section>
      </div>
    </div>
  );
}

export function OpinionSummary({ opinion }: { opinion: OpinionView }) {
  const tone = opinion.decision === 'reject' ? 'red' : opinion.decision === 'approve-with-conditions' ? 'teal' : 'green';
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm" aria-label="审核意见摘要">
      <dt className="text-slate-500">文号</dt>
      <dd className="font-medium text-slate-900">{opinion.number}</dd>
      <dt className="text-slate-500">审核结论</dt>
      <dd>
        <Badge tone={tone}>{OPINION_DECISION_LABELS[opinion.decision] ?? opinion.decision}</Badge>
      </dd>
      {opinion.conditions && (
        <>
          <dt className="text-slate-500">通过条件</dt>
          <dd className="whitespace-pre-wrap">{opinion.conditions}</dd>
        </>
      )}
      {opinion.decision === 'reject' && opinion.comment && (
        <>
          <dt className="text-slate-500">不予通过理由</dt>
          <dd className="whitespace-pre-wrap">{opinion.comment}</dd>
        </>
      )}
      <dt className="text-slate-500">出具日期</dt>
      <dd>{fmtDate(opinion.issuedAt)}</dd>
    </dl>
  );
}

const Mark = ({ ok, what }: { ok: boolean; what: string }) => (
  <span className={ok ? 'font-semibold text-emerald-700' : 'font-semibold text-red-700'} aria-label={`${what}：${ok ? '是' : '否'}`}>
    {ok ? '✓' : '✗'}
  </span>
);

/** The automatic acceptance check, entry by entry (API.md outcome.acceptanceCheck). */
export function AcceptanceCheckTable({ check }: { check: AcceptanceCheckView }) {
  return (
    <div className="space-y-2">
      <p className="flex flex-wrap items-center gap-2 text-sm">
        {check.passed ? <Badge tone="green">核对通过</Badge> : <Badge tone="red">核对未通过</Badge>}
        {check.checkedAt && <span className="text-xs text-slate-500">核对时间 {fmtDateTime(check.checkedAt)}</span>}
        <ArticleBadge article="第11条" />
      </p>
      <div className={table.wrap}>
        <table className={table.table} aria-label="验收核对">
          <thead>
            <tr>
              <th className={table.th}>项目数据目录条目</th>
              <th className={table.th}>登记的目录资源</th>
              <th className={`${table.th} text-center`}>已编目</th>
              <th className={`${table.th} text-center`}>提供单位一致</th>
              <th className={`${table.th} text-center`}>数据已归集</th>
              <th className={table.th}>结果</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {check.entries.map((e, i) => (
              <tr key={i} className={entryPassed(e) ? undefined : 'bg-red-50/60'}>
                <td className={table.td}>{e.name}</td>
                <td className={table.td}>
                  <Link href={`/catalog/${encodeURIComponent(e.resourceCode)}`} className="font-mono text-xs text-blue-700 hover:underline">
                    {e.resourceCode}
                  </Link>
                </td>
                <td className={`${table.td} text-center`}>
                  <Mark ok={e.inCatalog} what="已编目" />
                </td>
                <td className={`${table.td} text-center`}>
                  <Mark ok={e.ownedByOwner} what="提供单位一致" />
                </td>
                <td className={`${table.td} text-center`}>
                  <Mark ok={e.collected} what="数据已归集" />
                </td>
                <td className={table.td}>{entryPassed(e) ? <Badge tone="green">通过</Badge> : <Badge tone="red">未通过</Badge>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-500">已编目：资源在公共数据资源目录中；提供单位一致：资源由建设单位提供；数据已归集：资源的更新周期未超期（第26条）。</p>
    </div>
  );
}
