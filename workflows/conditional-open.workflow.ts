/**
 * The conditional open-data application 有条件开放申请 (Art. 21–25, PROCEDURES §5)
 * on the procedure kernel: the BDB and every provider assess in parallel (both
 * must approve); `request-info` pauses that line's clock while the applicant
 * supplements; then the data-use agreement is signed and countersigned and the
 * data may be used until the agreement ends.
 *
 * The function name is the Temporal workflow type: renaming it breaks running cases.
 */
import { createCaseKernel } from './kernel/case-kernel';
import { refused } from './kernel/failures';
import { SYSTEM, actorRef, now } from './kernel/case-record';
import { payloadRefusal } from '../domain/procedures/decision-check';
import { CONDITIONAL_OPEN_SPEC as SPEC } from '../domain/procedures/conditional-open.spec';
import { CONDITIONAL_OPEN_SHAPE, type ConditionalOpenPayload } from '../domain/cases/conditional-open/shape';
import { AGREEMENT_TEMPLATE_VERSION, renderAgreement } from '../domain/agreement/agreement-template';
import { dueText } from '../domain/cases/due-text';
import type { KernelTask } from './kernel/types';
import type { CoCaseInput, CoData, CoState } from './conditional-open.types';

export async function conditionalOpenWorkflow(input: CoCaseInput): Promise<CoState> {
  const { parties, applicant } = input;
  const providerNames = Object.fromEntries(input.resources.map((r) => [r.providerId, r.providerName]));
  const k = createCaseKernel<CoData, CoCaseInput>({ ...input, orgNames: { ...providerNames, [parties.bdbOrgId]: parties.bdbName, ...input.orgNames } }, SPEC, () => ({
    payload: input.payload,
    resources: input.resources,
    tracks: {
      bdb: { step: 'bdb-assessment', orgId: parties.bdbOrgId, state: 'assessing' },
      ...Object.fromEntries([...new Set(input.resources.map((r) => r.providerId))].map((p) => [p, { step: 'provider-assessment' as const, orgId: p, state: 'assessing' as const }])),
    },
    outcomes: input.resources.map((r) => ({ code: r.code, name: r.name, providerId: r.providerId, providerName: r.providerName, outcome: 'pending', note: null })),
    agreementVersion: null,
    signatures: [],
  }));
  const d = k.data;
  const caseId = input.caseId;

  const setOutcomes = (outcome: 'granted' | 'refused', note: string | null) => d.outcomes.forEach((o) => Object.assign(o, { outcome, note }));

  /** Both sides approved (综合评估): the agreement is drawn up from the current template and goes to the applicant. */
  async function draftAgreement() {
    d.agreementVersion = AGREEMENT_TEMPLATE_VERSION;
    const text = renderAgreement(d.agreementVersion, {
      caseId,
      applicant: { name: applicant.orgName, kind: applicant.kind },
      contact: d.payload.contact,
      resources: d.resources.map((r) => ({ code: r.code, name: r.name, providerName: r.providerName })),
      purpose: d.payload.purpose,
      scenario: d.payload.scenario,
      securityMeasures: d.payload.securityMeasures,
      termDays: d.payload.useDays,
      bdbName: parties.bdbName,
    });
    k.push({ op: 'agreement-draft', caseId, templateVersion: d.agreementVersion, text, at: now() });
    k.history({ actor: SYSTEM, action: 'agreement-drafted', article: '第25条第3款', comment: `综合评估通过，已按模板（${d.agreementVersion} 版）生成《数据利用协议》，待申请人签署` });
    await k.openTask('applicant-sign', applicant.orgId, null);
  }

  function sign(task: KernelTask, signerName: string, userId: string, sha256: string) {
    const at = now();
    d.signatures.push({ step: task.step, signerName, userId, at, sha256 });
    k.push({ op: 'agreement-sign', key: `${caseId}-sign-${task.id}`, caseId, step: task.step, signerName, userId, at, sha256 });
    k.history({ actor: SYSTEM, action: 'agreement-signed', step: task.step, article: '第25条第3款', comment: `${signerName} 签署《数据利用协议》，文本 SHA-256：${sha256}` });
  }

  /** Countersigned: the agreement takes effect and the data may be used until it ends (durable grant timers). */
  async function activate() {
    setOutcomes('granted', `按《数据利用协议》在${d.payload.useDays}日内使用`);
    const grants = await k.issueGrants(
      d.resources.map((r) => ({ resourceCode: r.code, orgId: applicant.orgId, naturalDays: d.payload.useDays, scope: [`用途：${d.payload.purpose}`], method: 'open-platform' })),
    );
    k.setStatus('active');
    k.history({ actor: SYSTEM, action: 'agreement-effective', article: '第25条第3款', comment: `协议生效，可在开放平台使用数据至 ${dueText(grants[0]!.expiresAt)}；每次访问和下载均记录审计（第24条）` });
    k.push(k.caseRow(false));
  }

  const trackOf = (task: KernelTask) => d.tracks[task.track!]!;

  return k.run({
    rulesAhead: () => [{ naturalDays: d.payload.useDays }],
    async start() {
      k.history({
        actor: actorRef(applicant.actor),
        action: 'filed',
        article: '第25条第3款',
        comment: `申请开放数据资源：${d.resources.map((r) => `${r.name}（${r.code}）`).join('、')}；数据用途：${d.payload.purpose}`,
        at: input.filedAt,
      });
      k.audit('file', applicant.actor, 'case-file', `case:${caseId}`, { type: 'conditional-open', resources: d.payload.resources });
      for (const [track, t] of Object.entries(d.tracks)) await k.openTask(t.step, t.orgId, track);
      k.push(k.caseRow(false));
    },

    checkDecision(task, dec) {
      const { decision } = dec.decision;
      if (decision === 'resubmit') {
        const bad = payloadRefusal(CONDITIONAL_OPEN_SHAPE, dec.decision.payload, '第25条第3款');
        if (bad) throw refused(bad.message, bad.article, bad.fields);
        const asked = (dec.amended?.payload as ConditionalOpenPayload | undefined)?.resources ?? [];
        if (asked.join('\n') !== d.payload.resources.join('\n')) {
          throw refused('补充材料不能变更所申请的数据资源；如需变更，请撤回后重新申请', '第25条第3款', { 'payload.resources': '补充时不能变更数据资源' });
        }
      }
      if (decision === 'sign' && !dec.signedSha256) throw refused('签署须针对已生成的协议文本', '第25条第3款', { agreementSha256: '协议文本尚未生成或未提供' });
    },

    async onDecision(task, dec) {
      const { decision, comment } = dec.decision;
      switch (`${task.step}:${decision}`) {
        case 'bdb-assessment:approve':
        case 'provider-assessment:approve':
          trackOf(task).state = 'approved';
          if (Object.values(d.tracks).every((t) => t.state === 'approved')) await draftAgreement();
          return;
        case 'bdb-assessment:request-info':
        case 'provider-assessment:request-info': {
          const track = trackOf(task);
          track.workingDaysLeft = await k.pauseClock(task);
          track.state = 'supplementing';
          await k.openTask('applicant-supplement', applicant.orgId, task.track);
          return;
        }
        case 'bdb-assessment:reject':
        case 'provider-assessment:reject':
          setOutcomes('refused', comment ?? null);
          k.history({ actor: SYSTEM, action: 'case-rejected', article: '第25条第3款', comment: `${SPEC.steps[task.step as 'bdb-assessment'].label}不予开放，申请终止` });
          return k.endCase('rejected');
        case 'applicant-supplement:resubmit': {
          d.payload = dec.amended!.payload as ConditionalOpenPayload; // checkDecision guarantees it
          k.push({ op: 'case-status', caseId, status: k.status(), payload: d.payload });
          const track = trackOf(task);
          track.state = 'assessing';
          // At least one working day after the supplement arrives (policy), even when paused on the last day.
          await k.openTask(track.step, track.orgId, task.track, { resumeWith: Math.max(1, track.workingDaysLeft ?? 1) });
          return;
        }
        case 'applicant-supplement:withdraw':
        case 'applicant-sign:withdraw':
          k.history({ actor: actorRef(dec.actor), action: 'withdrawn', article: '第25条第3款' });
          return k.endCase('withdrawn');
        case 'applicant-sign:sign':
          sign(task, dec.decision.signerName!, dec.actor.id, dec.signedSha256!);
          await k.openTask('bdb-countersign', parties.bdbOrgId, null);
          return;
        case 'bdb-countersign:sign':
          sign(task, dec.decision.signerName!, dec.actor.id, dec.signedSha256!);
          return activate();
      }
    },

    async onLapse(t) {
      // The task stays open and overdue; the BDB supervises (Art. 34).
      k.push({ op: 'notify', id: `${t.id}-supervise`, orgId: parties.bdbOrgId, role: 'bdb-coordinator', caseId, taskId: null, kind: 'overdue', message: `有条件开放申请 ${caseId}「${SPEC.steps[t.step as 'bdb-assessment']?.label ?? t.step}」逾期未完成，请督办`, at: now() });
    },

    onGrantEnded() {
      if (k.status() !== 'active' || k.grants.some((g) => g.status === 'active')) return;
      k.setStatus(k.grants.every((g) => g.status === 'revoked') ? 'revoked' : 'expired');
      k.history({ actor: SYSTEM, action: k.status() === 'revoked' ? 'agreement-revoked' : 'agreement-expired', article: '第25条第3款' });
      k.push(k.caseRow(true));
    },

    outcome: () => ({ outcome: { resources: d.outcomes, grants: k.grants.map((g) => g.id), agreement: d.agreementVersion ? { templateVersion: d.agreementVersion, signatures: d.signatures.length } : null } }),
  });
}
