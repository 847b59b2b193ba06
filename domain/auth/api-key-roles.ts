/**
 * The roles a business system's API key acts with (Art. 28 接口对接), by the kind
 * of organisation it was issued to. A key files what its organisation may file and
 * reads what its organisation may read, nothing more:
 *
 * - government agencies, district BDBs and public service units file restricted-share
 *   requests (Art. 17: 市级行政机关, 区县（市）大数据主管部门, 公共服务单位 Art. 2);
 * - companies and persons file as the public (conditional-open, Art. 25);
 * - the BDB and the leadership office file nothing: their keys may read only.
 *
 * No key decides a task: a consent, a refusal with its legal basis, a coordination
 * ruling is an accountable act of a named person, recorded under that person's name,
 * so `provider-reviewer`, `bdb-*`, `leadership-office` and `admin` are never a key's.
 */
import type { OrgKind, Role } from './roles';

/** Roles a key may ever hold; the type keeps deciding and administering roles out. */
export type ApiKeyRole = Extract<Role, 'applicant' | 'public-applicant'>;

export const API_KEY_ROLES: Readonly<Record<OrgKind, readonly ApiKeyRole[]>> = {
  agency: ['applicant'],
  'district-bdb': ['applicant'],
  'public-service-unit': ['applicant'],
  company: ['public-applicant'],
  person: ['public-applicant'],
  bdb: [],
  'leadership-office': [],
};

/** The roles of a key issued to an organisation of `kind`; none for a kind this table does not know. */
export function apiKeyRoles(kind: string): ApiKeyRole[] {
  return Object.hasOwn(API_KEY_ROLES, kind) ? [...API_KEY_ROLES[kind as OrgKind]] : [];
}
