/**
 * Filing an IT project for review (Art. 8, 9, 11): by the owning government
 * agency, district BDB or public service unit (`applicant` of such an
 * organisation; not citizens or companies). Shape, then Art. 8 (no own cloud
 * or data centre), Art. 11 (a project data catalog), then the planned
 * completion date (not in the past, Asia/Shanghai) — on filing and on resubmit alike.
 */
import { AppError } from '../../../domain/errors';
import type { Principal } from '../../../domain/auth/principal';
import { toShanghaiDate } from '../../../domain/calendar';
import { checkItProjectRules, itProjectPayloadSchema, itProjectTitle, plannedCompletionProblem, type ItProjectPayload } from '../../../domain/cases/it-project/payload';
import type { ItCaseInput } from '../../../workflows/it-project.types';
import { actorOf } from '../case-actor';
import { parsePayload, refuseByRule } from './check-payload';
import type { Filer } from './filer';

/** Organisation kinds that own government IT projects (PROCEDURES §1). */
const OWNER_KINDS: readonly string[] = ['agency', 'district-bdb', 'public-service-unit'];
const REFUSAL = '信息化项目由建设单位（行政机关、区县（市）大数据主管部门或公共服务单位）申报（第9条）';

function check(raw: unknown, prefix: string): ItProjectPayload {
  const payload = parsePayload(itProjectPayloadSchema, raw, prefix);
  refuseByRule(checkItProjectRules(payload), prefix);
  const late = plannedCompletionProblem(payload, toShanghaiDate(new Date()));
  if (late) throw new AppError('validation_failed', late.message, Object.fromEntries(Object.entries(late.fields).map(([f, m]) => [`${prefix}${f}`, m])));
  return payload;
}

export const itProjectFiler: Filer = {
  type: 'it-project',
  idPrefix: 'IT',
  workflowType: 'itProjectWorkflow',
  refuse: (p) => (p.roles.includes('applicant') ? null : new AppError('forbidden', REFUSAL)),
  async prepare(deps, p: Principal, raw, caseId) {
    // The role alone is not enough: the organisation must be one that owns government IT projects.
    const kind = await deps.repos.cases.orgKindOf(p.org.id);
    if (!kind || !OWNER_KINDS.includes(kind)) throw new AppError('forbidden', REFUSAL);
    const payload = check(raw, '');
    const bdbOrgId = await deps.repos.cases.bdbOrgId();
    const recipients = await deps.repos.opinions.recipients();
    const orgNames = await deps.repos.cases.orgNamesOf([bdbOrgId, p.org.id, ...recipients.map((r) => r.orgId)]);
    const startInput: ItCaseInput = {
      caseId,
      filedAt: new Date().toISOString(),
      applicant: { orgId: p.org.id, orgName: p.org.name, actor: actorOf(p) },
      payload,
      resources: [],
      parties: { bdbOrgId, bdbName: orgNames[bdbOrgId] ?? '宁波市大数据发展管理局' },
      recipients,
      orgNames,
    };
    return { title: itProjectTitle(payload), payload, startInput };
  },
  amend: async (_deps, raw) => ({ payload: check(raw, 'payload.'), resources: [] }),
};
