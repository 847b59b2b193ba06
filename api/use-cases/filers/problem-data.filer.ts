/**
 * Filing a problem-data report (Art. 27–29), three ways: a using unit's form
 * (系统填报), a business system's API key (接口对接, Art. 28) — both as the
 * `applicant` role, which the units that use shared data hold (agencies,
 * district BDBs, public service units) — and the BDB's own quality checks
 * (Art. 29, `bdb-reviewer`). Any using unit may report on any catalog entry
 * (unconditional-share data is used without a grant, so holding one is not the
 * test), except the entry's own provider, which corrects instead.
 */
import { AppError } from '../../../domain/errors';
import type { Principal } from '../../../domain/auth/principal';
import { checkProblemDataRules, problemDataPayloadSchema, problemDataTitle } from '../../../domain/cases/problem-data/payload';
import type { ResourceFacts } from '../../../workflows/kernel/types';
import type { PdCaseInput } from '../../../workflows/problem-data.types';
import type { ApiDeps } from '../../deps';
import { actorOf } from '../case-actor';
import { parsePayload, refuseByRule } from './check-payload';
import type { Filer } from './filer';

/** How the caller reports, and who then confirms the provider's answer; null when it may not report. */
function reporterOf(p: Principal): PdCaseInput['reporter'] | null {
  if (p.roles.includes('applicant')) return { via: p.kind === 'api-key' ? 'api-key' : 'form', confirmRole: 'applicant' };
  if (p.kind === 'user' && p.roles.includes('bdb-reviewer')) return { via: 'quality-check', confirmRole: 'bdb-reviewer' };
  return null;
}

async function check(deps: ApiDeps, p: Principal, raw: unknown) {
  const payload = parsePayload(problemDataPayloadSchema, raw, '');
  const [c] = await deps.repos.catalog.getMany([payload.resource]);
  refuseByRule(checkProblemDataRules(payload, c ? [{ code: c.code, providerId: c.provider.id }] : [], p.org.id), '');
  const resource: ResourceFacts = { code: c!.code, name: c!.name, shareClass: c!.shareClass, openClass: c!.openClass, providerId: c!.provider.id, providerName: c!.provider.name, sharePeriodDays: c!.sharePeriodDays };
  return { payload, resource };
}

export const problemDataFiler: Filer = {
  type: 'problem-data',
  idPrefix: 'PD',
  workflowType: 'problemDataWorkflow',
  refuse: (p) =>
    reporterOf(p) ? null : new AppError('forbidden', '问题数据由使用数据的行政机关、公共服务单位（含其业务系统接口）或大数据局质量检查反馈（第27条至第29条）'),
  async prepare(deps, p, raw, caseId) {
    const { payload, resource } = await check(deps, p, raw);
    const bdbOrgId = await deps.repos.cases.bdbOrgId();
    const orgNames = await deps.repos.cases.orgNamesOf([bdbOrgId, p.org.id, resource.providerId]);
    const startInput: PdCaseInput = {
      caseId,
      filedAt: new Date().toISOString(),
      applicant: { orgId: p.org.id, orgName: p.org.name, actor: actorOf(p) },
      payload,
      resources: [resource],
      reporter: reporterOf(p)!,
      parties: { bdbOrgId, bdbName: orgNames[bdbOrgId] ?? '宁波市大数据发展管理局' },
      orgNames,
    };
    return { title: problemDataTitle(payload, resource.name), payload, startInput };
  },
  amend: () => Promise.reject(new AppError('rule_refused', '问题数据反馈不能修改后重新提交；如需更正，请撤回后重新反馈', { decision: '不可重新提交' }, '第27条')),
};
