'use client';
/**
 * 办件详情: one case — its procedure drawn, the decision form for the task(s) the
 * user holds, per-provider consent, deadlines, outcome and grants, the request
 * itself and the full history. Admins also see the Temporal workflow.
 */
import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { CaseDetailView, TaskView } from '../../../../../domain/views';
import { ROLE_LABELS } from '../../../../../domain/auth/roles';
import { CaseStatusBadge, DecisionBadge } from '../../../../components/badges';
import { Countdown, DueAt, useNow } from '../../../../components/countdown';
import { DecisionForm } from '../../../../components/decision-form';
import { HistoryTimeline } from '../../../../components/history-timeline';
import { PayloadView } from '../../../../components/payload-view';
import { ProcedureDiagram } from '../../../../components/procedure-diagram';
import { ArticleBadge, Badge, btn, Empty, ErrorAlert, input, Loading, Notice, PageHeader, Section, table } from '../../../../components/ui';
import { WorkflowPanel } from '../../../../components/workflow-panel';
import { GRANT_USER_ROLES } from '../../../../../domain/grants/grant-access';
import { GrantUse } from './grant-use';
import { claimedByOther, OpenTasksOversight, TaskClaimBar } from '../../../../components/task-inbox-actions';
import { api } from '../../../../lib/api';
import { CASE_TYPE_LABELS, GRANT_STATUS, GRANT_TERMS, methodLabel, outcomeOf, TASK_STATUS } from '../../../../lib/labels';
import { decisionMetaFor, procedureOf, signingSteps, stepLabelFor } from '../../../../lib/procedures';
import { AgreementSection } from '../../../../components/agreement-section';
import { ProblemDataPanel } from '../../../../components/problem-data-panel';
import { AcceptanceCheckTable, ItProjectPanel } from '../../../../components/it-project-panel';
import { itProjectOutcome } from '../../../../lib/it-project';
import { hasRole, useMe } from '../../../../lib/session';
import { fmtDate, fmtDateTime } from '../../../../lib/time';
import { useAction, useApi } from '../../../../lib/use-api';

export function CaseDetail({ id }: { id: string }) {
  const me = useMe();
  const { data: c, error, loading, reload, poll, setData } = useApi<CaseDetailView>(`/cases/${encodeURIComponent(id)}`);
  const [flash, setFlash] = useState<{ tone: 'green' | 'amber'; text: string } | null>(null);
  const now = useNow(1000);

  // Others act on the case meanwhile: keep it fresh while it runs — quickly just after
  // filing, until the workflow has opened its first task, then every half minute.
  const running = c?.status === 'in-progress';
  const settling = running && c.tasks.length === 0;
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => void poll(), settling ? 2_000 : 30_000);
    return () => clearInterval(t);
  }, [running, settling, poll]);

  if (loading && !c) return <Loading />;
  if (!c)
    return (
      <div>
        <PageHeader title="办件详情" breadcrumb={[{ href: '/cases', label: '我的办件' }]} />
        <ErrorAlert error={error ?? '未找到该办件。'} onRetry={reload} />
      </div>
    );

  const mine = (t: TaskView) => t.status === 'open' && t.assignee.org.id === me.org.id && me.roles.includes(t.assignee.role);
  const myTasks = c.openTasks.filter(mine);
  const procedure = procedureOf(c.type);
  // Steps every provider answers for itself on the main path (意见, 评估…): one table each.
  const providerSteps = procedure.flow.flatMap((stage) => stage.main).filter((s) => procedure.steps[s]?.party === 'provider');
  const stepLabel = (step: string | null | undefined) => stepLabelFor(c.type, step);
  const isAdmin = hasRole(me, 'admin');
  const oversees = hasRole(me, 'bdb-coordinator') || isAdmin;
  // Grants are issued to the applicant organisation: its applicants record each use of the data.
  const usesGrants = c.applicant.org.id === me.org.id && GRANT_USER_ROLES.some((r) => hasRole(me, r));

  return (
    <div className="space-y-4">
      <PageHeader
        breadcrumb={[c.applicant.org.id === me.org.id ? { href: '/cases', label: '我的办件' } : { href: '/inbox', label: '待办' }]}
        title={
          <span className="flex flex-wrap items-center gap-2">
            {c.title}
            <CaseStatusBadge value={c.status} />
            {c.outcome?.problemList && (
              <Badge tone="purple" title="经评判应当共享而不能共享，已列入问题清单并报领导小组办公室协调（第18条第2款）">
                问题清单
              </Badge>
            )}
          </span>
        }
        subtitle={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span>
              {CASE_TYPE_LABELS[c.type]} <ArticleBadge article={procedure.articles} />
            </span>
            <span>
              申请单位：{c.applicant.org.name}
              {c.applicant.user && ` / ${c.applicant.user.displayName}`}
            </span>
            <span>提交时间：{fmtDateTime(c.createdAt)}</span>
            <span className="font-mono text-xs text-slate-500">办件号 {c.id}</span>
          </span>
        }
        actions={c.canWithdraw && <WithdrawButton caseId={c.id} onDone={(nc) => { setData(nc); setFlash({ tone: 'amber', text: '申请已撤回。' }); }} />}
      />

      {flash && (
        <div role="status">
          <Notice tone={flash.tone}>{flash.text}</Notice>
        </div>
      )}

      {myTasks.map((t) => (
        <Section key={t.id} title={`我的待办：${t.stepLabel || stepLabel(t.step)}${t.subject ? ` — ${t.subject}` : ''}`} className="border-blue-300 ring-1 ring-blue-200">
          <TaskClaimBar task={t} me={me} onChanged={() => void reload()} />
          {c.type === 'it-project' && t.step === 'bdb-acceptance' && <AcceptanceForTask detail={c} />}
          {claimedByOther(t, me) ? (
            <Notice tone="amber">该任务已由 {t.claimedBy?.name} 签收，由其办理。</Notice>
          ) : (
            <DecisionForm
              task={t}
              detail={c}
              onDecided={(nc, d) => {
                setData(nc);
                setFlash({ tone: 'green', text: `已提交办理意见：${decisionMetaFor(c.type, t.step, d).label}。` });
                window.scrollTo({ top: 0, behavior: 'smooth' });
              }}
              onStale={() => {
                setFlash({ tone: 'amber', text: '该任务已处理，页面已刷新。' });
                void reload();
              }}
            />
          )}
        </Section>
      ))}

      {oversees && c.openTasks.some((t) => !mine(t)) && (
        <Section title="在办任务（签收与催办）">
          <OpenTasksOversight tasks={c.openTasks.filter((t) => !mine(t))} me={me} onChanged={() => void reload()} />
        </Section>
      )}

      <Section title="办理流程">
        <ProcedureDiagram detail={c} />
      </Section>

      {signingSteps(c.type).length > 0 && <AgreementSection detail={c} />}

      <div className={providerSteps.length > 0 && c.deadlines.length > 0 ? 'grid gap-4 lg:grid-cols-2' : 'grid gap-4'}>
        {providerSteps.map((ps) => (
          <ProviderAnswers key={ps} detail={c} step={ps} now={now} />
        ))}
        {c.deadlines.length > 0 && (
          <Section title="办理期限">
            <ul className="divide-y divide-slate-100 text-sm" aria-label="办理期限">
              {c.deadlines.map((d, i) => (
                <li key={i} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span>
                    <span className="font-medium">{stepLabel(d.step)}</span>
                    <span className="ml-2 text-xs text-slate-500">{d.org.name}</span>
                  </span>
                  <span className="flex flex-wrap items-center gap-2">
                    <DueAt dueAt={d.dueAt} provisional={d.provisional} overdue={d.overdue} />
                    <Countdown dueAt={d.dueAt} overdue={d.overdue} now={now} light={d.light} workingDaysLeft={d.workingDaysLeft} />
                  </span>
                </li>
              ))}
            </ul>
          </Section>
        )}
      </div>

      {c.type === 'problem-data' && <ProblemDataPanel detail={c} onChanged={setData} />}

      {c.type === 'it-project' && <ItProjectPanel detail={c} />}

      {c.outcome && (c.outcome.resources.length > 0 || c.outcome.grants.length > 0) && (
        <Section title="办理结果">
          {c.outcome.problemList && (
            <div className="mb-3">
              <Notice tone="amber" title="已列入问题清单">
                经评判应当共享而不能共享的公共数据，列入问题清单并报市政府数字化转型工作领导小组办公室协调。 <ArticleBadge article="第18条" />
              </Notice>
            </div>
          )}
          {c.outcome.resources.length > 0 && (
            <div className={table.wrap}>
              <table className={table.table} aria-label="各资源办理结果">
                <thead>
                  <tr>
                    <th className={table.th}>资源</th>
                    <th className={table.th}>数据提供单位</th>
                    <th className={table.th}>结果</th>
                    <th className={table.th}>说明</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {c.outcome.resources.map((r) => (
                    <tr key={r.code}>
                      <td className={table.td}>
                        <Link href={`/catalog/${encodeURIComponent(r.code)}`} className="text-blue-700 hover:underline">
                          {r.name}
                        </Link>
                        <div className="font-mono text-xs text-slate-500">{r.code}</div>
                      </td>
                      <td className={table.td}>{r.provider.name}</td>
                      <td className={table.td}>
                        <Badge tone={outcomeOf(c.type, r.outcome).tone}>{outcomeOf(c.type, r.outcome).label}</Badge>
                      </td>
                      <td className={`${table.td} whitespace-pre-wrap text-xs`}>{r.note ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {c.outcome.grants.length > 0 && (
            <div className="mt-4">
              <h3 className="mb-2 text-sm font-semibold text-slate-800">访问授权</h3>
              <div className={table.wrap}>
                <table className={table.table} aria-label="访问授权">
                  <thead>
                    <tr>
                      <th className={table.th}>资源</th>
                      <th className={table.th}>授权范围（数据项）</th>
                      <th className={table.th}>共享方式</th>
                      <th className={table.th}>状态</th>
                      <th className={table.th}>授权时间</th>
                      <th className={table.th}>到期时间</th>
                      <th className={table.th}>使用记录</th>
                      {isAdmin && <th className={table.th}>操作</th>}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {c.outcome.grants.map((g) => (
                      <tr key={g.id}>
                        <td className={table.td}>
                          {g.resourceName}
                          <div className="font-mono text-xs text-slate-500">{g.resourceCode}</div>
                        </td>
                        <td className={`${table.td} text-xs`}>{g.scope.join('、') || '—'}</td>
                        <td className={table.td}>{methodLabel(g.method)}</td>
                        <td className={table.td}>
                          <Badge tone={GRANT_STATUS[g.status].tone}>{GRANT_STATUS[g.status].label}</Badge>
                        </td>
                        <td className={`${table.td} whitespace-nowrap text-xs`}>{fmtDateTime(g.grantedAt)}</td>
                        <td className={`${table.td} whitespace-nowrap text-xs`}>{fmtDate(g.expiresAt)}</td>
                        <td className={table.td}>
                          <GrantUse grant={g} canRecord={usesGrants} onRecorded={() => void reload()} />
                        </td>
                        {isAdmin && (
                          <td className={table.td}>
                            {g.status === 'active' && (
                              <RevokeGrantButton grantId={g.id} resourceName={g.resourceName} onDone={(nc) => { setData(nc); setFlash({ tone: 'amber', text: `已撤销“${g.resourceName}”的访问权限。` }); }} />
                            )}
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="mt-2 text-xs text-slate-500">
                {GRANT_TERMS[c.type].text} <ArticleBadge article={GRANT_TERMS[c.type].article} />
              </p>
            </div>
          )}
        </Section>
      )}

      {/* The IT project's filing is shown whole in its panel above (项目概况). */}
      <div className={c.type === 'it-project' ? 'grid gap-4' : 'grid gap-4 lg:grid-cols-[3fr_2fr]'}>
        {c.type !== 'it-project' && (
          <Section title="申请内容">
            <PayloadView type={c.type} payload={c.payload} />
          </Section>
        )}
        <Section title="办理历史">
          <HistoryTimeline type={c.type} entries={c.history} />
        </Section>
      </div>

      {/* Those who oversee see the other open tasks above, with claims and 催办. */}
      {!oversees && c.openTasks.length > myTasks.length && (
        <Section title="其他在办任务">
          <ul className="divide-y divide-slate-100 text-sm">
            {c.openTasks
              .filter((t) => !mine(t))
              .map((t) => (
                <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
                  <span>
                    {t.stepLabel || stepLabel(t.step)}{t.subject ? `（${t.subject}）` : ''} · {t.assignee.org.name}（{ROLE_LABELS[t.assignee.role] ?? t.assignee.role}）
                  </span>
                  <Countdown dueAt={t.dueAt} overdue={t.overdue} now={now} light={t.light} workingDaysLeft={t.workingDaysLeft} />
                </li>
              ))}
          </ul>
        </Section>
      )}

      {isAdmin && <WorkflowPanel caseId={c.id} workflowId={c.workflowId} />}
    </div>
  );
}

/** The reviewer decides the acceptance with the automatic check in view (Art. 11). */
function AcceptanceForTask({ detail }: { detail: CaseDetailView }) {
  const check = itProjectOutcome(detail.outcome).acceptanceCheck;
  return (
    <div className="mb-4 rounded-md border border-slate-200 p-3">
      <h3 className="mb-2 text-sm font-semibold text-slate-900">自动核对结果</h3>
      {check ? <AcceptanceCheckTable check={check} /> : <Notice tone="amber">自动核对结果尚未生成，请稍后刷新。</Notice>}
      {check && !check.passed && <p className="mt-2 text-xs text-red-700">核对未通过的，不能验收通过：请选择“验收不通过”并说明理由，退回建设单位重新报告。</p>}
    </div>
  );
}

/** Each provider's latest task of one step: its state, answer and deadline (Art. 17 consent, Art. 25 assessment…). */
function ProviderAnswers({ detail: c, step, now }: { detail: CaseDetailView; step: string; now: number }) {
  const spec = procedureOf(c.type).steps[step];
  const label = stepLabelFor(c.type, step);
  const answers = latestPerOrg(c.tasks.filter((t) => t.step === step));
  const days = spec?.deadline?.workingDays ?? spec?.deadline?.naturalDays;
  return (
    <Section title={label}>
      {answers.length === 0 ? (
        <Empty>{c.status === 'in-progress' ? `尚未进入“${label}”环节。` : `本办件未经过“${label}”环节。`}</Empty>
      ) : (
        <div className={table.wrap}>
          <table className={table.table} aria-label={label}>
            <thead>
              <tr>
                <th className={table.th}>数据提供单位</th>
                <th className={table.th}>状态</th>
                <th className={table.th}>意见</th>
                <th className={table.th}>期限</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {answers.map((t) => (
                <tr key={t.id}>
                  <td className={table.td}>{t.assignee.org.name}</td>
                  <td className={table.td}>
                    {t.status === 'open' && t.overdue ? <Badge tone="red">逾期未复</Badge> : <Badge tone={TASK_STATUS[t.status].tone}>{t.status === 'open' ? '待答复' : TASK_STATUS[t.status].label}</Badge>}
                  </td>
                  <td className={table.td}>{t.decision ? <DecisionBadge type={c.type} step={t.step} value={t.decision} /> : '—'}</td>
                  <td className={table.td}>
                    <DueAt dueAt={t.dueAt} provisional={t.provisional} overdue={t.overdue && t.status === 'open'} />
                    {t.status === 'open' && (
                      <div>
                        <Countdown dueAt={t.dueAt} overdue={t.overdue} now={now} light={t.light} workingDaysLeft={t.workingDaysLeft} />
                      </div>
                    )}
                    {t.completedAt && <div className="text-xs text-slate-500">答复于 {fmtDateTime(t.completedAt)}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {spec?.deadline && days && (
        <p className="mt-2 text-xs text-slate-500">
          应在收到后 {days} 个{spec.deadline.workingDays ? '工作日' : '自然日'}内办理（逾期：{spec.deadline.lapseNote}）。 <ArticleBadge article={spec.deadline.article} />
        </p>
      )}
    </Section>
  );
}

/**
 * Each organisation's latest round of a step: a provider asked once per resource
 * (restricted-share consent) has several tasks opened together, all shown.
 */
function latestPerOrg(tasks: TaskView[]): TaskView[] {
  const newest = new Map<string, string>();
  for (const t of tasks) if ((newest.get(t.assignee.org.id) ?? '') < t.createdAt) newest.set(t.assignee.org.id, t.createdAt);
  return tasks.filter((t) => newest.get(t.assignee.org.id) === t.createdAt).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

function WithdrawButton({ caseId, onDone }: { caseId: string; onDone: (c: CaseDetailView) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();

  const withdraw = () =>
    run(async () => {
      const res = await api<CaseDetailView | { case: CaseDetailView }>(`/cases/${encodeURIComponent(caseId)}/withdraw`, {
        method: 'POST',
        body: reason.trim() ? { reason: reason.trim() } : {},
      });
      onDone('case' in res ? res.case : res);
      setConfirming(false);
    });

  if (!confirming)
    return (
      <button type="button" className={btn.danger} onClick={() => setConfirming(true)}>
        撤回申请
      </button>
    );
  return (
    <div role="alertdialog" aria-label="确认撤回申请" className="flex flex-col gap-2 rounded border border-red-200 bg-red-50 p-3 text-sm">
      <span className="text-red-900">确认撤回本申请？撤回后办件终止，所有在办任务取消，不可恢复。</span>
      <label htmlFor="withdraw-reason" className="text-xs text-slate-700">
        撤回理由（可选）
      </label>
      <textarea id="withdraw-reason" rows={2} className={input} value={reason} onChange={(e) => setReason(e.target.value)} />
      {error && <span className="text-xs text-red-700">{error.message}</span>}
      <span className="flex justify-end gap-2">
        <button type="button" className={btn.secondary} onClick={() => setConfirming(false)} disabled={busy}>
          取消
        </button>
        <button type="button" className={btn.danger} onClick={withdraw} disabled={busy}>
          {busy ? '正在撤回…' : '确认撤回'}
        </button>
      </span>
    </div>
  );
}

/** Administrators end an access grant before its expiry, with a reason kept in the history. */
function RevokeGrantButton({ grantId, resourceName, onDone }: { grantId: string; resourceName: string; onDone: (c: CaseDetailView) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();

  const revoke = () =>
    run(async () => {
      onDone(await api<CaseDetailView>(`/admin/grants/${encodeURIComponent(grantId)}/revoke`, { method: 'POST', body: { reason: reason.trim() } }));
      setOpen(false);
    });

  if (!open)
    return (
      <button type="button" className={btn.danger} onClick={() => setOpen(true)}>
        撤销
      </button>
    );
  const id = `revoke-${grantId}`;
  return (
    <div role="alertdialog" aria-label={`撤销${resourceName}的访问权限`} className="flex min-w-64 flex-col gap-2 rounded border border-red-200 bg-red-50 p-2 text-xs">
      <label htmlFor={id} className="text-slate-700">
        撤销理由（必填）
      </label>
      <textarea id={id} rows={2} className={input} value={reason} onChange={(e) => setReason(e.target.value)} />
      {error && <span className="text-red-700">{error.fields.reason ?? error.message}</span>}
      <span className="flex justify-end gap-2">
        <button type="button" className={btn.secondary} onClick={() => setOpen(false)} disabled={busy}>
          取消
        </button>
        <button type="button" className={btn.danger} onClick={revoke} disabled={busy || !reason.trim()}>
          {busy ? '正在撤销…' : '确认撤销'}
        </button>
      </span>
    </div>
  );
}
