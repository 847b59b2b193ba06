/** Filing a restricted-share request (Art. 17–20): municipal agencies and district BDBs. */
import { caseTitle, checkRestrictedShareRules, restrictedSharePayloadSchema } from '../../../domain/cases/restricted-share/payload';
import type { RsCaseInput } from '../../../workflows/restricted-share.types';
import { resourceFiler } from './resource-filer';

export const restrictedShareFiler = resourceFiler({
  type: 'restricted-share', idPrefix: 'RS', workflowType: 'restrictedShareWorkflow',
  filedBy: { role: 'applicant', refusal: '受限共享申请须由市级行政机关或区县（市）大数据主管部门提出（第17条）' },
  // The undertaking is a rule of Art. 20, not only a checkbox: say so.
  payload: { schema: restrictedSharePayloadSchema, rules: checkRestrictedShareRules, articleOfField: { undertaking: '第20条' }, title: caseTitle },
  async startInput(deps, p, filing): Promise<RsCaseInput> {
    const parties = { bdbOrgId: await deps.repos.cases.bdbOrgId(), leadershipOrgId: await deps.repos.cases.leadershipOrgId() };
    const orgNames = await deps.repos.cases.orgNamesOf([parties.bdbOrgId, parties.leadershipOrgId, p.org.id, ...filing.resources.map((r) => r.providerId)]);
    return { ...filing, parties, orgNames };
  },
});
