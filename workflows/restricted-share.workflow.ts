/**
 * The restricted-share request 受限共享申请 (Art. 16–20, PROCEDURES §4): its
 * transitions on the procedure kernel (workflows/kernel). Steps, roles,
 * decisions and deadlines are in domain/procedures/restricted-share.spec.ts.
 *
 * The function name is the Temporal workflow type: renaming it breaks running cases.
 */
import { patched } from '@temporalio/workflow';
import { createCaseKernel } from './kernel/case-kernel';
import { refused } from './kernel/failures';
import { SYSTEM, actorRef } from './kernel/case-record';
import { payloadRefusal } from '../domain/procedures/decision-check';
import { NON_SHARE_ARTICLE, PLAIN_SHARING_DECISIONS, RESTRICTED_SHARE_SPEC as SPEC } from '../domain/procedures/restricted-share.spec';
import { RESTRICTED_SHARE_SHAPE, SHARE_METHOD_LABELS, type RestrictedSharePayload } from '../domain/cases/restricted-share/shape';
import type { KernelTask, ResourceFacts } from './kernel/types';
import type { RsCaseInput, RsData, RsOutcome, RsState } from './restricted-share.types';

const DISPUTE_STEPS = ['provider-consent', 'bdb-coordination', 'leadership-decision'];
const desensitizationNote = (x?: { fields: string[]; rule: string }) => (x ? `脱敏字段：${x.fields.join('、')}；规则：${x.rule}` : null);

export async function restrictedShareWorkflow(input: RsCaseInput): Promise<RsState> {
  const { parties } = input;
  const providerNames = Object.fromEntries(input.resources.map((r) => [r.providerId, r.providerName]));
  const k = createCaseKernel<RsData, RsCaseInput>({ ...input, orgNames: { ...providerNames, ...input.orgNames } }, SPEC, () => ({
    payload: input.payload,
    resources: input.resources,
    outcomes: [],
    problemList: false,
  }));
  const d = k.data;
  const facts = (code: string) => d.resources.find((r) => r.code === code);
  /** A track is a provider (cases filed before per-resource consent) or one resource. */
  const onTrack = (o: RsOutcome, track: string | null) => track === null || o.providerId === track || o.code === track;
  /** Non-share resources still pending on a track: only desensitized sharing may grant them (Art. 16 ¶2, 17 ¶3). */
  const nonShareOn = (track: string | null) => d.outcomes.filter((o) => o.outcome === 'pending' && onTrack(o, track) && facts(o.code)?.shareClass === 'none');
  const offered = (step: string, track: string) => {
    const all = Object.keys(SPEC.steps[step as keyof typeof SPEC.steps].decisions);
    return nonShareOn(track).length ? all.filter((x) => !PLAIN_SHARING_DECISIONS.includes(x)) : all;
  };

  const setOutcome = (track: string | null, outcome: RsOutcome['outcome'], note: string | null) => {
    for (const o of d.outcomes) {
      if (o.outcome !== 'pending' || !onTrack(o, track)) continue;
      o.outcome = outcome;
      o.note = note;
      k.history({
        actor: SYSTEM,
        action: outcome === 'refused' ? 'resource-refused' : 'granted',
        article: '第17条',
        comment: `${o.name}（${o.code}）${outcome === 'refused' ? '不予共享' : outcome === 'granted-desensitized' ? '脱敏后共享' : '同意共享'}${note ? `：${note}` : ''}`,
        data: { resource: o.code },
      });
    }
  };

  /** A resource's grant period: its share period, capped by the period asked for. */
  const grantDays = (code: string) => Math.min(d.payload.accessDays, facts(code)?.sharePeriodDays ?? d.payload.accessDays);

  /** Grants for every granted resource without one yet; expiry = the share period, capped by the period asked for. */
  async function issueGrants() {
    const toGrant = d.outcomes.filter((o) => (o.outcome === 'granted' || o.outcome === 'granted-desensitized') && !k.hasGrant(o.code));
    await k.issueGrants(
      toGrant.map((o) => ({
        resourceCode: o.code,
        orgId: input.applicant.orgId,
        naturalDays: grantDays(o.code),
        scope: d.payload.dataItems,
        method: d.payload.method,
        desensitized: o.outcome === 'granted-desensitized' ? o.note : undefined,
      })),
    );
  }

  /** When every resource has its outcome and no task is open, the case ends. */
  async function settle() {
    if (k.status() !== 'in-progress') return;
    if (d.outcomes.some((o) => o.outcome === 'pending') || k.openTasks().length > 0) return;
    const anyGranted = d.outcomes.some((o) => o.outcome !== 'refused');
    await issueGrants();
    k.setStatus(anyGranted ? 'granted' : 'rejected');
    k.history({ actor: SYSTEM, action: anyGranted ? 'case-granted' : 'case-rejected', article: '第17条' });
    k.push(k.caseRow(true));
  }

  async function startReview() {
    d.outcomes = d.resources.map((r: ResourceFacts): RsOutcome => ({ code: r.code, name: r.name, providerId: r.providerId, providerName: r.providerName, outcome: 'pending', note: null }));
    // Art. 17 ¶1: unconditional-share data is opened without review.
    const unconditional = d.outcomes.filter((o) => facts(o.code)?.shareClass === 'unconditional');
    for (const o of unconditional) Object.assign(o, { outcome: 'granted', note: '无条件共享类，直接开通（第17条第1款）' });
    for (const o of unconditional) k.history({ actor: SYSTEM, action: 'granted', article: '第17条第1款', comment: `${o.name}（${o.code}）属无条件共享类，直接开通访问权限` });
    if (unconditional.length) await issueGrants();
    if (d.outcomes.some((o) => o.outcome === 'pending')) await k.openTask('bdb-review', parties.bdbOrgId, null);
    else await settle();
    if (k.status() === 'in-progress') k.push(k.caseRow(false)); // settle already wrote the closed row
  }

  async function askProviders() {
    const pending = d.outcomes.filter((o) => o.outcome === 'pending');
    if (patched('consent-per-resource')) {
      // Each resource is answered on its own (PROCEDURES §4), even when one provider holds several.
      for (const o of pending) await k.openTask('provider-consent', o.providerId, o.code, { decisions: offered('provider-consent', o.code), subject: `${o.name}（${o.code}）` });
      return;
    }
    for (const providerId of [...new Set(pending.map((o) => o.providerId))]) await k.openTask('provider-consent', providerId, providerId);
  }

  /** A per-resource track names its resource; a provider track (older cases) its provider. */
  const subjectOf = (track: string) => (facts(track) ? `${facts(track)!.name}（${track}）` : providerNames[track]);
  const openOn = (track: string | null, steps: string[]) => k.openTasks().filter((t) => steps.includes(t.step) && t.track === track);
  async function openCoordination(track: string) {
    if (openOn(track, ['bdb-coordination', 'leadership-decision']).length) return;
    await k.openTask('bdb-coordination', parties.bdbOrgId, track, { decisions: offered('bdb-coordination', track), subject: subjectOf(track) });
  }
  /** Once the dispute goes to coordination's decision, the provider's late task closes. */
  const closeConsent = (track: string | null) => openOn(track, ['provider-consent']).forEach((t) => k.closeTask(t, 'cancelled'));

  return k.run({
    rulesAhead: () => d.resources.map((r) => ({ naturalDays: grantDays(r.code) })),
    async start() {
      k.history({
        actor: actorRef(input.applicant.actor),
        action: 'filed',
        article: '第17条',
        comment: `申请数据资源：${d.resources.map((r) => `${r.name}（${r.code}）`).join('、')}；共享方式：${SHARE_METHOD_LABELS[d.payload.method]}`,
        at: input.filedAt,
      });
      k.audit('file', input.applicant.actor, 'case-file', `case:${input.caseId}`, { type: 'restricted-share', resources: d.payload.resources });
      await startReview();
    },

    checkDecision(task, dec) {
      const name = dec.decision.decision;
      if (DISPUTE_STEPS.includes(task.step) && PLAIN_SHARING_DECISIONS.includes(name) && nonShareOn(task.track).length) {
        const names = nonShareOn(task.track).map((o) => `${o.name}（${o.code}）`).join('、');
        throw refused(`${names}属非共享类数据，只能经脱敏等处理后提供，请选择脱敏后共享并写明脱敏字段和规则`, NON_SHARE_ARTICLE, { decision: '非共享类数据只能脱敏后提供' });
      }
      if (name === 'resubmit') {
        const bad = payloadRefusal(RESTRICTED_SHARE_SHAPE, dec.decision.payload, '第17条');
        if (bad) throw refused(bad.message, bad.article, bad.fields);
      }
    },

    async onDecision(task: KernelTask, dec) {
      const { decision, comment, legalBasis, desensitization } = dec.decision;
      switch (`${task.step}:${decision}`) {
        case 'bdb-review:approve':
          return askProviders();
        case 'bdb-review:return':
          await k.openTask('applicant-amend', input.applicant.orgId, null);
          return;
        case 'bdb-review:reject':
          return setOutcome(null, 'refused', comment ?? null);
        case 'applicant-amend:resubmit':
          d.payload = dec.amended!.payload as RestrictedSharePayload; // checkDecision guarantees it
          d.resources = dec.amended!.resources!;
          k.push({ op: 'case-status', caseId: input.caseId, status: k.status(), payload: d.payload });
          return startReview();
        case 'applicant-amend:withdraw':
          k.history({ actor: actorRef(dec.actor), action: 'withdrawn', article: '第17条' });
          return k.endCase('withdrawn');
        case 'provider-consent:agree':
        case 'provider-consent:agree-desensitized':
          setOutcome(task.track, decision === 'agree' ? 'granted' : 'granted-desensitized', desensitizationNote(desensitization));
          // opened by a missed deadline; the answer settles it
          return openOn(task.track, ['bdb-coordination', 'leadership-decision']).slice(0, 1).forEach((t) => k.closeTask(t, 'cancelled'));
        case 'provider-consent:disagree':
          return openCoordination(task.track!);
        case 'bdb-coordination:uphold-refusal':
        case 'leadership-decision:uphold-refusal':
          setOutcome(task.track, 'refused', legalBasis ?? comment ?? '经协调维持不共享');
          return closeConsent(task.track);
        case 'bdb-coordination:require-sharing':
        case 'leadership-decision:require-sharing':
        case 'bdb-coordination:require-desensitized-sharing':
        case 'leadership-decision:require-desensitized-sharing': {
          const by = task.step === 'bdb-coordination' ? '经大数据局协调' : '经领导小组协调';
          if (desensitization) setOutcome(task.track, 'granted-desensitized', `${by}，责令脱敏后共享（第18条）；${desensitizationNote(desensitization)}`);
          else setOutcome(task.track, 'granted', `${by}，责令共享（第18条）`);
          return closeConsent(task.track);
        }
        case 'bdb-coordination:escalate':
          d.problemList = true;
          k.history({ actor: actorRef(dec.actor), action: 'escalated', step: task.step, article: '第18条第2款', comment: '列入问题清单，报市政府数字化转型工作领导小组办公室协调' });
          closeConsent(task.track);
          await k.openTask('leadership-decision', parties.leadershipOrgId, task.track, { decisions: offered('leadership-decision', task.track!), subject: subjectOf(task.track!) });
          return;
      }
    },

    settle,

    async onLapse(t) {
      if (t.step !== 'provider-consent' || !t.track) return;
      await openCoordination(t.track);
      const who = facts(t.track) ? `${facts(t.track)!.providerName}（${facts(t.track)!.name}）` : t.track;
      k.push({ op: 'notify', id: `${t.id}-coordinate`, orgId: parties.bdbOrgId, role: 'bdb-coordinator', caseId: input.caseId, taskId: null, kind: 'coordination', message: `${who} 逾期未答复受限共享征求意见，请协调处理`, at: new Date().toISOString() });
    },

    onGrantEnded() {
      const status = k.status();
      if (k.grants.some((x) => x.status === 'active') || !(status === 'granted' || status === 'in-progress') || d.outcomes.some((o) => o.outcome === 'pending')) return;
      k.setStatus(k.grants.every((x) => x.status === 'revoked') ? 'revoked' : 'expired');
      k.push(k.caseRow(true));
    },

    outcome: () => ({ outcome: { resources: d.outcomes, grants: k.grants.map((g) => g.id) }, problemList: d.problemList }),
  });
}
