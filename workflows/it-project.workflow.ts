/**
 * The IT project review 信息化项目审核 (Art. 8, 9, 11, PROCEDURES §7) on the
 * procedure kernel: the BDB reviews within 10 working days (policy); approve,
 * approve-with-conditions and reject each issue a numbered opinion that goes to
 * the investment and finance authorities (抄送); then the owner builds — months —
 * with a reminder at the planned completion date and monthly after, reports
 * completion with the catalog resources registered, and the BDB accepts once
 * the automatic check has passed, or fails it back to the owner.
 *
 * The function name is the Temporal workflow type: renaming it breaks running cases.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { WorkflowActivities } from '../activities';
import { createCaseKernel } from './kernel/case-kernel';
import { conflict, refused } from './kernel/failures';
import { SYSTEM, actorRef, now } from './kernel/case-record';
import { payloadRefusal } from '../domain/procedures/decision-check';
import { IT_PROJECT_SPEC as SPEC } from '../domain/procedures/it-project.spec';
import { IT_PROJECT_SHAPE, checkItProjectRules, itProjectTitle, registeredResourcesRefusal, type ItProjectPayload } from '../domain/cases/it-project/shape';
import { OPINION_DECISION_LABELS, isOpinionDecision, opinionCcTitle } from '../domain/cases/it-project/opinion';
import { entryPassed, entryProblems } from '../domain/cases/it-project/completion';
import type { KernelTask } from './kernel/types';
import type { ItCaseInput, ItData, ItOutcome, ItState } from './it-project.types';

// Unbounded retries: a decision is taken once its opinion has a number, however long the database is away.
const { issueOpinion, nextCompletionReminder, checkAcceptance } = proxyActivities<WorkflowActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function itProjectWorkflow(input: ItCaseInput): Promise<ItState> {
  const { parties, applicant, recipients } = input;
  const recipientNames = Object.fromEntries(recipients.map((r) => [r.orgId, r.orgName]));
  const k = createCaseKernel<ItData, ItCaseInput>(
    { ...input, orgNames: { ...recipientNames, [parties.bdbOrgId]: parties.bdbName, [applicant.orgId]: applicant.orgName, ...input.orgNames } },
    SPEC,
    () => ({ payload: input.payload, opinion: null, reminder: null, registeredResources: null, acceptanceCheck: null, reports: 0 }),
  );
  const d = k.data;
  const caseId = input.caseId;
  const completionTask = () => k.openTasks().find((t) => t.step === 'owner-report-completion');

  /** Art. 9: the opinion gets its number (one transaction, keyed by the task) and goes to every recipient. */
  async function issue(task: KernelTask, decision: string, b: { conditions?: string; comment?: string }) {
    if (!isOpinionDecision(decision)) return;
    const o = await issueOpinion({ taskId: task.id, caseId, decision, conditions: b.conditions, comment: b.comment, decidedAt: now() });
    const copiedTo = recipients.map((r) => ({ id: r.orgId, name: r.orgName }));
    d.opinion = { number: o.number, decision, ...(b.conditions ? { conditions: b.conditions } : {}), ...(b.comment ? { comment: b.comment } : {}), issuedAt: o.issuedAt, copiedTo };
    const to = recipients.map((r) => r.orgName).join('、');
    k.history({ actor: SYSTEM, action: 'opinion-issued', step: task.step, taskId: task.id, article: '第9条', comment: `出具审核意见 ${o.number}（${OPINION_DECISION_LABELS[decision]}）${to ? `，抄送${to}` : ''}`, data: { taskId: task.id, number: o.number } });
    for (const r of recipients) {
      k.push({ op: 'cc-issue', id: `${caseId}-cc-${r.orgId}`, caseId, orgId: r.orgId, opinionNumber: o.number, title: opinionCcTitle(o.number, d.payload.projectName), at: now() });
    }
  }

  /** The owner builds: no deadline (the owner is not late before it reports), reminders from the planned completion date. */
  async function awaitCompletion() {
    d.reminder = await nextCompletionReminder({ plannedCompletion: d.payload.plannedCompletion, after: now() });
    await k.openTask('owner-report-completion', applicant.orgId, null);
  }

  return k.run({
    async start() {
      const p = d.payload;
      k.history({
        actor: actorRef(applicant.actor),
        action: 'filed',
        article: '第9条',
        comment: `申报信息化项目：${p.projectName}，投资 ${p.investmentWan} 万元，计划 ${p.plannedCompletion} 完成；项目数据目录 ${p.dataCatalog.length} 个条目（第11条）`,
        at: input.filedAt,
      });
      k.audit('file', applicant.actor, 'case-file', `case:${caseId}`, { type: 'it-project', projectName: p.projectName });
      await k.openTask('bdb-review', parties.bdbOrgId, null);
      k.push(k.caseRow(false));
    },

    checkDecision(task, dec) {
      const b = dec.decision;
      if (b.decision === 'resubmit') {
        const bad = payloadRefusal(IT_PROJECT_SHAPE, b.payload, '第9条');
        if (bad) throw refused(bad.message, bad.article, bad.fields);
        // The shape passed, and the rules read no field that parsing would trim or fill in.
        const rule = checkItProjectRules(b.payload as ItProjectPayload);
        if (rule) throw refused(rule.message, rule.article, Object.fromEntries(Object.entries(rule.fields).map(([f, m]) => [`payload.${f}`, m])));
      }
      if (b.decision === 'complete') {
        const bad = registeredResourcesRefusal(d.payload, b.registeredResources);
        if (bad) throw refused(bad.message, bad.article, bad.fields);
      }
      if (b.decision === 'accept' && !d.acceptanceCheck?.passed) {
        const failed = (d.acceptanceCheck?.entries ?? []).filter((e) => !entryPassed(e)).map((e) => e.name);
        throw refused(`自动核验未通过（${failed.join('、') || '尚未核验'}），不能验收通过；请选择验收不通过并说明理由（第11条）`, '第11条', { decision: '自动核验未通过' });
      }
    },

    async onDecision(task, dec) {
      const b = dec.decision;
      switch (`${task.step}:${b.decision}`) {
        case 'bdb-review:approve':
        case 'bdb-review:approve-with-conditions':
          await issue(task, b.decision, b);
          return awaitCompletion();
        case 'bdb-review:reject':
          await issue(task, b.decision, b);
          k.history({ actor: SYSTEM, action: 'case-rejected', article: '第9条', comment: `审核不予通过，审核意见 ${d.opinion!.number}` });
          k.endCase('rejected');
          // The run loop went back to waiting while the number was allocated, and no open task is left to wake it.
          return k.wake();
        case 'bdb-review:return':
          await k.openTask('owner-amend', applicant.orgId, null);
          return;
        case 'owner-amend:resubmit':
          d.payload = dec.amended!.payload as ItProjectPayload; // checkDecision guarantees it
          k.push({ op: 'case-status', caseId, status: k.status(), payload: d.payload, title: itProjectTitle(d.payload) });
          await k.openTask('bdb-review', parties.bdbOrgId, null);
          return;
        case 'owner-amend:withdraw':
          k.history({ actor: actorRef(dec.actor), action: 'withdrawn', article: '第9条' });
          return k.endCase('withdrawn');
        case 'owner-report-completion:complete': {
          const registered = b.registeredResources!;
          d.registeredResources = registered;
          d.reports += 1;
          d.reminder = null;
          const entries = d.payload.dataCatalog.map((e, i) => ({ name: e.name, resourceCode: registered[i]! }));
          d.acceptanceCheck = await checkAcceptance({ ownerOrgId: applicant.orgId, entries });
          const failed = d.acceptanceCheck.entries.filter((e) => !entryPassed(e));
          k.history({
            actor: SYSTEM,
            action: 'acceptance-checked',
            article: '第11条',
            comment: d.acceptanceCheck.passed
              ? `自动核验通过：${entries.length} 个项目数据目录条目均已编目、由建设单位提供并按周期归集`
              : `自动核验未通过：${failed.map((e) => `${e.name}（${e.resourceCode}）${entryProblems(e).join('、')}`).join('；')}`,
            data: { passed: d.acceptanceCheck.passed, report: d.reports },
          });
          await k.openTask('bdb-acceptance', parties.bdbOrgId, null);
          return;
        }
        case 'bdb-acceptance:accept':
          k.history({ actor: SYSTEM, action: 'case-accepted', article: '第11条', comment: '项目验收通过，办件办结' });
          return k.endCase('accepted');
        case 'bdb-acceptance:fail': {
          const failed = (d.acceptanceCheck?.entries ?? []).filter((e) => !entryPassed(e));
          const named = failed.length ? `未通过的条目：${failed.map((e) => `${e.name}（${e.resourceCode}）${entryProblems(e).join('、')}`).join('；')}` : '自动核验已通过，验收人员认为仍需整改';
          k.history({ actor: SYSTEM, action: 'acceptance-failed', article: '第11条', comment: `验收不通过，退回建设单位整改后重新报告完成。${named}`, data: { failed: failed.map((e) => e.name) } });
          return awaitCompletion();
        }
      }
    },

    async onLapse(t) {
      // The task stays open and overdue; the BDB supervises (Art. 34).
      k.push({ op: 'notify', id: `${t.id}-supervise${t.moves ? `-m${t.moves}` : ''}`, orgId: parties.bdbOrgId, role: 'bdb-coordinator', caseId, taskId: null, kind: 'overdue', message: `信息化项目审核 ${caseId}「${SPEC.steps[t.step as 'bdb-review']?.label ?? t.step}」逾期未完成，请督办`, at: now() });
    },

    nextInstant: () => (d.reminder && completionTask() ? Date.parse(d.reminder.at) : null),

    /** Policy: a reminder at the planned completion date, then one each month while nothing is reported. */
    async onTimer() {
      const t = completionTask();
      const due = d.reminder;
      if (!t || !due || Date.parse(due.at) > Date.now()) return;
      const planned = d.payload.plannedCompletion;
      const comment = due.n === 0 ? `项目计划完成日期（${planned}）已到，请报告建设完成情况` : `项目计划完成日期（${planned}）已过 ${due.n} 个月，尚未报告建设完成，请及时报告`;
      k.push({ op: 'notify', id: `${caseId}-completion-remind-${due.n}`, orgId: applicant.orgId, role: 'applicant', caseId, taskId: t.id, kind: 'reminder', message: `信息化项目「${d.payload.projectName}」${comment}（第11条）`, at: now() });
      k.history({ actor: SYSTEM, action: 'reminder', step: t.step, taskId: t.id, article: '第11条', comment, data: { taskId: t.id, reminder: due.n } });
      // Missed ones (a worker away for months) are not sent in a burst: the next is the first still ahead.
      d.reminder = await nextCompletionReminder({ plannedCompletion: planned, after: now() });
    },

    checkWithdraw() {
      if (d.opinion) throw conflict(`审核意见 ${d.opinion.number} 已出具，不能撤回`);
    },

    outcome: (): { outcome: ItOutcome } => ({
      outcome: { resources: [], opinion: d.opinion, acceptanceCheck: d.acceptanceCheck, registeredResources: d.registeredResources, nextReminderAt: d.reminder?.at ?? null },
    }),
  });
}
