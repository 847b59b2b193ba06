/** The steps of the restricted-share procedure (PROCEDURES §4, Art. 16–20). */
import type { Role } from '../../auth/roles';

export const RS_STEPS = ['bdb-review', 'applicant-amend', 'provider-consent', 'bdb-coordination', 'leadership-decision'] as const;
export type RsStep = (typeof RS_STEPS)[number];

export const RS_DECISIONS = {
  'bdb-review': ['approve', 'return', 'reject'],
  'applicant-amend': ['resubmit', 'withdraw'],
  'provider-consent': ['agree', 'agree-desensitized', 'disagree'],
  'bdb-coordination': ['uphold-refusal', 'require-sharing', 'escalate'],
  'leadership-decision': ['require-sharing', 'uphold-refusal'],
} as const satisfies Record<RsStep, readonly string[]>;
export type RsDecision = (typeof RS_DECISIONS)[RsStep][number];

export const RS_STEP_ROLES: Record<RsStep, Role> = {
  'bdb-review': 'bdb-reviewer',
  'applicant-amend': 'applicant',
  'provider-consent': 'provider-reviewer',
  'bdb-coordination': 'bdb-coordinator',
  'leadership-decision': 'leadership-office',
};

export const RS_STEP_ARTICLES: Record<RsStep, string> = {
  'bdb-review': '第17条',
  'applicant-amend': '第17条',
  'provider-consent': '第17条',
  'bdb-coordination': '第17条、第18条',
  'leadership-decision': '第18条第2款',
};

/** Working days a provider has to answer (Art. 17 ¶2). */
export const PROVIDER_CONSENT_WORKING_DAYS = 5;
