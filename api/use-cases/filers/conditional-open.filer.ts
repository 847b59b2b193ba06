/** Filing a conditional open-data application (Art. 21–25, 32): citizens, companies and other organisations. */
import { AppError } from '../../../domain/errors';
import { checkConditionalOpenRules, conditionalOpenPayloadSchema, conditionalOpenTitle } from '../../../domain/cases/conditional-open/payload';
import { AGREEMENT_TEMPLATE_VERSION, renderAgreement } from '../../../domain/agreement/agreement-template';
import type { CoCaseInput } from '../../../workflows/conditional-open.types';
import type { ApiDeps } from '../../deps';
import { actorOf } from '../case-actor';
import { checkResourceFiling } from './check-payload';
import type { Filer } from './filer';

// Cross-border is a rule of Art. 32: its shape error cites it too.
const check = (deps: ApiDeps, raw: unknown, prefix: string) => checkResourceFiling(deps, { schema: conditionalOpenPayloadSchema, rules: checkConditionalOpenRules, articleOfField: { crossBorder: '第32条' } }, raw, prefix);

export const conditionalOpenFiler: Filer = {
  type: 'conditional-open',
  idPrefix: 'CO',
  workflowType: 'conditionalOpenWorkflow',
  refuse: (p) => (p.roles.includes('public-applicant') ? null : new AppError('forbidden', '有条件开放申请由公民、法人和其他组织通过开放平台提出（第25条第3款）；行政机关之间请使用受限共享申请')),
  async prepare(deps, p, raw, caseId) {
    const { payload, resources } = await check(deps, raw, '');
    const bdbOrgId = await deps.repos.cases.bdbOrgId();
    const orgNames = await deps.repos.cases.orgNamesOf([bdbOrgId, p.org.id, ...resources.map((r) => r.providerId)]);
    const input: CoCaseInput = {
      caseId,
      filedAt: new Date().toISOString(),
      applicant: { orgId: p.org.id, orgName: p.org.name, kind: (await deps.repos.cases.isPersonOrg(p.org.id)) ? 'person' : 'organisation', actor: actorOf(p) },
      payload,
      resources,
      parties: { bdbOrgId, bdbName: orgNames[bdbOrgId] ?? '宁波市大数据发展管理局' },
      orgNames,
    };
    // The agreement is drawn up inside the workflow from these facts: facts it could not render are refused now, not there.
    try {
      renderAgreement(AGREEMENT_TEMPLATE_VERSION, { caseId, applicant: { name: p.org.name, kind: input.applicant.kind }, contact: payload.contact, resources, purpose: payload.purpose, scenario: payload.scenario, securityMeasures: payload.securityMeasures, termDays: payload.useDays, bdbName: input.parties.bdbName });
    } catch (e) {
      throw new AppError('validation_failed', `申请内容无法生成数据利用协议：${(e as Error).message}`);
    }
    return { title: conditionalOpenTitle(payload, new Map(resources.map((r) => [r.code, r.name]))), payload, startInput: input };
  },
  amend: (deps, raw) => check(deps, raw, 'payload.'),
};
