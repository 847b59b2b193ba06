/** Filing a restricted-share request (Art. 17–20): municipal agencies and district BDBs. */
import { AppError } from '../../../domain/errors';
import { caseTitle, checkRestrictedShareRules, restrictedSharePayloadSchema } from '../../../domain/cases/restricted-share/payload';
import type { ResourceFacts } from '../../../workflows/kernel/types';
import type { RsCaseInput } from '../../../workflows/restricted-share.types';
import type { ApiDeps } from '../../deps';
import { actorOf } from '../case-actor';
import { parsePayload, refuseByRule } from './check-payload';
import type { Filer } from './filer';

async function check(deps: ApiDeps, raw: unknown, prefix: string) {
  // The undertaking is a rule of Art. 20, not only a checkbox: say so.
  const payload = parsePayload(restrictedSharePayloadSchema, raw, prefix, { undertaking: '第20条' });
  const catalog = await deps.repos.catalog.getMany(payload.resources);
  refuseByRule(checkRestrictedShareRules(payload, catalog), prefix);
  const resources: ResourceFacts[] = payload.resources.map((code) => {
    const c = catalog.find((x) => x.code === code)!;
    return { code, name: c.name, shareClass: c.shareClass, openClass: c.openClass, providerId: c.provider.id, providerName: c.provider.name, sharePeriodDays: c.sharePeriodDays };
  });
  return { payload, resources };
}

export const restrictedShareFiler: Filer = {
  type: 'restricted-share',
  idPrefix: 'RS',
  workflowType: 'restrictedShareWorkflow',
  refuse: (p) => (p.roles.includes('applicant') ? null : new AppError('forbidden', '受限共享申请须由市级行政机关或区县（市）大数据主管部门提出（第17条）')),
  async prepare(deps, p, raw, caseId) {
    const { payload, resources } = await check(deps, raw, '');
    const parties = { bdbOrgId: await deps.repos.cases.bdbOrgId(), leadershipOrgId: await deps.repos.cases.leadershipOrgId() };
    const input: RsCaseInput = {
      caseId,
      filedAt: new Date().toISOString(),
      applicant: { orgId: p.org.id, orgName: p.org.name, actor: actorOf(p) },
      payload,
      resources,
      parties,
      orgNames: await deps.repos.cases.orgNamesOf([parties.bdbOrgId, parties.leadershipOrgId, p.org.id, ...resources.map((r) => r.providerId)]),
    };
    return { title: caseTitle(payload, new Map(resources.map((r) => [r.code, r.name]))), payload, startInput: input };
  },
  amend: (deps, raw) => check(deps, raw, 'payload.'),
};
