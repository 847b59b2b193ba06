/** Filing a restricted-share request (Art. 17–20): municipal agencies and district BDBs. */
import { AppError } from '../../../domain/errors';
import { caseTitle, checkRestrictedShareRules, restrictedSharePayloadSchema } from '../../../domain/cases/restricted-share/payload';
import type { RsCaseInput } from '../../../workflows/restricted-share.types';
import type { ApiDeps } from '../../deps';
import { actorOf } from '../case-actor';
import { checkResourceFiling } from './check-payload';
import type { Filer } from './filer';

// The undertaking is a rule of Art. 20, not only a checkbox: say so.
const check = (deps: ApiDeps, raw: unknown, prefix: string) => checkResourceFiling(deps, { schema: restrictedSharePayloadSchema, rules: checkRestrictedShareRules, articleOfField: { undertaking: '第20条' } }, raw, prefix);

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
