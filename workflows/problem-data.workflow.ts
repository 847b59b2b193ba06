/**
 * The problem-data closed loop 问题数据闭环 (Art. 27–29, PROCEDURES §6) on the
 * procedure kernel: the provider handles a report within 5 working days (1 when
 * urgent, or the limit the BDB sets) in one of three ways, or asks the BDB for
 * more time (never past receipt + 60 natural days); the reporter confirms
 * (silence for 5 working days is acceptance) or disputes, and the BDB upholds
 * the answer or sends it back for another round.
 *
 * The function name is the Temporal workflow type: renaming it breaks running cases.
 */
import { setHandler } from '@temporalio/workflow';
import { createCaseKernel } from './kernel/case-kernel';
import { conflict, refused, refuseUnstorable } from './kernel/failures';
import { SYSTEM, actorRef, now } from './kernel/case-record';
import { PROBLEM_DATA_SPEC as SPEC, REPORTER_CONFIRM_WORKING_DAYS } from '../domain/procedures/problem-data.spec';
import { PROBLEM_TYPE_LABELS } from '../domain/cases/problem-data/shape';
import { HANDLING_WORKING_DAYS, MAX_BDB_LIMIT_WORKING_DAYS, URGENT_HANDLING_WORKING_DAYS, extensionRefusal } from '../domain/cases/problem-data/deadlines';
import { dueText } from '../domain/cases/due-text';
import type { KernelTask } from './kernel/types';
import { setHandlingLimitUpdate, type PdCaseInput, type PdData, type PdRound, type PdState, type ResolutionMode, type SetHandlingLimitInput } from './problem-data.types';

const RESOLUTIONS: readonly string[] = ['corrected', 'verified-correct', 'communicated'];
const RESOLUTION_LABELS: Record<ResolutionMode, string> = { corrected: '完成整改', 'verified-correct': '确认无误', communicated: '沟通解决' };

export async function problemDataWorkflow(input: PdCaseInput): Promise<PdState> {
  const { parties, applicant, reporter } = input;
  const resource = input.resources[0]!;
  const k = createCaseKernel<PdData, PdCaseInput>(
    { ...input, orgNames: { [resource.providerId]: resource.providerName, [parties.bdbOrgId]: parties.bdbName, [applicant.orgId]: applicant.orgName, ...input.orgNames } },
    SPEC,
    () => ({ payload: input.payload, providerId: resource.providerId, rounds: [], bdbLimitWorkingDays: null, closedBy: null }),
  );
  const d = k.data;
  const caseId = input.caseId;
  const round = (): PdRound => d.rounds.at(-1)!;

  /** The provider's limit on this case: the BDB's, else 1 working day when urgent (policy), else the step's 5. */
  function handlingLimit(): { workingDays: number; note: string } | undefined {
    if (d.bdbLimitWorkingDays !== null) return { workingDays: d.bdbLimitWorkingDays, note: `大数据局设定本件办理时限：${d.bdbLimitWorkingDays}个工作日内办理` };
    if (d.payload.urgent) return { workingDays: URGENT_HANDLING_WORKING_DAYS, note: `紧急问题数据：${URGENT_HANDLING_WORKING_DAYS}个工作日内办理（政策）` };
    return undefined; // the step's own rule: 5 working days (Art. 27 ¶3)
  }

  async function newRound(): Promise<void> {
    d.rounds.push({ round: d.rounds.length + 1, openedAt: now(), resolution: null, note: null, dataVersion: null, agreedWith: null, resolvedAt: null, extensions: [], confirmation: null, arbitration: null });
    const limit = handlingLimit();
    await k.openTask('provider-handle', d.providerId, null, limit ? { deadline: limit } : {});
  }

  function close(by: NonNullable<PdData['closedBy']>, comment: string, article = '第27条') {
    d.closedBy = by;
    k.history({ actor: SYSTEM, action: 'case-closed', article, comment });
    k.endCase('closed');
  }

  const openProviderTask = () => k.openTasks().find((t) => t.step === 'provider-handle');

  function checkLimit(l: SetHandlingLimitInput) {
    if (k.status() !== 'in-progress') throw conflict('办件已办结');
    if (l.actor.orgId !== parties.bdbOrgId || !l.actor.roles.some((r) => r === 'bdb-coordinator' || r === 'bdb-reviewer')) throw conflict('只有大数据局可以设定办理时限');
    if (!Number.isInteger(l.workingDays) || l.workingDays < 1 || l.workingDays > MAX_BDB_LIMIT_WORKING_DAYS) {
      throw refused(`办理时限须为 1 至 ${MAX_BDB_LIMIT_WORKING_DAYS} 个工作日`, '第27条第3款', { workingDays: `1–${MAX_BDB_LIMIT_WORKING_DAYS}` });
    }
    if (!openProviderTask()) throw conflict('当前没有待数据提供单位处理的任务');
  }

  // The BDB sets another limit on the case: the open provider task's clock moves, later rounds keep it.
  setHandler(
    setHandlingLimitUpdate,
    (l) =>
      k.serially(async () => {
        checkLimit(l);
        d.bdbLimitWorkingDays = l.workingDays;
        const task = openProviderTask()!;
        await k.moveDeadline(task, { workingDays: l.workingDays }, `大数据局设定本件办理时限为${l.workingDays}个工作日（${l.reason}）`, actorRef(l.actor));
        k.audit(`limit-${task.id}-${task.moves}`, l.actor, 'problem-limit-set', `case:${caseId}`, { workingDays: l.workingDays, reason: l.reason, ...(l.requestId ? { requestId: l.requestId } : {}) });
        k.push(k.caseRow(false));
        await k.flushAnswering();
        return { status: k.status(), dueAt: task.dueAt };
      }),
    {
      validator: (l) => {
        refuseUnstorable(l.reason, 'reason');
        checkLimit(l);
      },
    },
  );

  return k.run({
    async start() {
      const p = d.payload;
      const via = reporter.via === 'api-key' ? '（接口对接，第28条）' : reporter.via === 'quality-check' ? '（大数据局质量检查，第29条）' : '';
      k.history({
        actor: actorRef(applicant.actor),
        action: 'filed',
        article: reporter.via === 'quality-check' ? '第29条' : reporter.via === 'api-key' ? '第28条' : '第27条',
        comment: `反馈问题数据${via}：${resource.name}（${resource.code}），记录 ${p.recordRef}，字段 ${p.field}，${PROBLEM_TYPE_LABELS[p.problemType]}${p.urgent ? '，紧急' : ''}；${p.description}`,
        at: input.filedAt,
      });
      k.audit('file', applicant.actor, 'case-file', `case:${caseId}`, { type: 'problem-data', resource: resource.code, via: reporter.via });
      await newRound();
      k.push(k.caseRow(false));
    },

    checkDecision(task, dec) {
      if (task.step === 'provider-handle' && dec.decision.decision === 'request-extension' && dec.decision.newDueAt) {
        const bad = extensionRefusal({ receivedAt: input.filedAt, newDueAt: dec.decision.newDueAt, currentDueAt: task.dueAt });
        if (bad) throw refused(bad.message, bad.article, bad.fields);
      }
    },

    async onDecision(task, dec) {
      const b = dec.decision;
      const r = round();
      if (task.step === 'provider-handle' && RESOLUTIONS.includes(b.decision)) {
        Object.assign(r, { resolution: b.decision as ResolutionMode, note: b.comment ?? null, dataVersion: b.dataVersion ?? null, agreedWith: b.agreedWith ?? null, resolvedAt: now() });
        await k.openTask('reporter-confirm', applicant.orgId, null, { role: reporter.confirmRole });
        return;
      }
      switch (`${task.step}:${b.decision}`) {
        case 'provider-handle:request-extension':
          r.extensions.push({ requestedDueAt: b.newDueAt!, previousDueAt: task.dueAt, approved: null });
          await k.openTask('bdb-extension-review', parties.bdbOrgId, null);
          return;
        case 'bdb-extension-review:approve-extension': {
          const ext = r.extensions.at(-1)!;
          ext.approved = true;
          await k.openTask('provider-handle', d.providerId, null, { deadline: { until: ext.requestedDueAt, note: `大数据局同意延期，办理期限由 ${ext.previousDueAt ? dueText(ext.previousDueAt) : '原期限'} 延长至申请的日期` } });
          return;
        }
        case 'bdb-extension-review:reject-extension': {
          const ext = r.extensions.at(-1)!;
          ext.approved = false;
          const until = ext.previousDueAt ?? now();
          await k.openTask('provider-handle', d.providerId, null, { deadline: { until, note: '大数据局不同意延期，按原期限办理' } });
          return;
        }
        case 'reporter-confirm:accept':
          r.confirmation = 'accepted';
          return close('reporter', `反馈方认可处理结果（${RESOLUTION_LABELS[r.resolution!]}），办件办结`);
        case 'reporter-confirm:dispute':
          r.confirmation = 'disputed';
          await k.openTask('bdb-arbitration', parties.bdbOrgId, null);
          return;
        case 'bdb-arbitration:uphold':
          r.arbitration = 'uphold';
          return close('arbitration', `大数据局裁定维持处理结果（${RESOLUTION_LABELS[r.resolution!]}），办件办结`);
        case 'bdb-arbitration:reopen':
          r.arbitration = 'reopen';
          k.history({ actor: SYSTEM, action: 'reopened', article: '第27条', comment: `大数据局裁定重新处理：进入第 ${d.rounds.length + 1} 轮，重新计算办理期限` });
          return newRound();
      }
    },

    async onLapse(t: KernelTask) {
      if (t.step === 'reporter-confirm') {
        round().confirmation = 'lapsed';
        return close('lapse', `反馈方 ${REPORTER_CONFIRM_WORKING_DAYS} 个工作日内未确认，视为认可处理结果（政策），办件办结`);
      }
      // The task stays open and overdue; the provider was told, and the BDB supervises (Art. 27 ¶3, Art. 34).
      k.push({ op: 'notify', id: `${t.id}-supervise${t.moves ? `-m${t.moves}` : ''}`, orgId: parties.bdbOrgId, role: 'bdb-coordinator', caseId, taskId: null, kind: 'overdue', message: `问题数据反馈 ${caseId}「${SPEC.steps[t.step as 'provider-handle']?.label ?? t.step}」逾期未处理，请督办`, at: now() });
    },

    checkWithdraw() {
      if (d.rounds.some((x) => x.resolution !== null)) throw conflict('数据提供单位已作出处理，不能撤回；如有异议，请在确认环节提出');
    },

    outcome: () => ({
      outcome: {
        resource: { code: resource.code, name: resource.name, providerId: resource.providerId, providerName: resource.providerName },
        problemType: d.payload.problemType,
        urgent: d.payload.urgent,
        resolution: d.rounds.findLast((x) => x.resolution !== null)?.resolution ?? null,
        closedBy: d.closedBy,
        handlingWorkingDays: d.bdbLimitWorkingDays ?? (d.payload.urgent ? URGENT_HANDLING_WORKING_DAYS : HANDLING_WORKING_DAYS),
        rounds: d.rounds,
      },
    }),
  });
}
