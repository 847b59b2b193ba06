/**
 * The problem list 问题清单 (Art. 18 ¶2): restricted-share cases the BDB could
 * not settle and escalated to the leadership office. A provider is *disputed*
 * on such a case when it refused consent, or let its deadline pass without an
 * answer (the task was marked overdue; it is cancelled once the dispute goes
 * on). A provider that agreed, or whose time to answer has not run out, is not.
 */
export const CONSENT_STEP = 'provider-consent';
export const CONSENT_REFUSAL = 'disagree';
/** The history entry of putting a case on the list (workflows/restricted-share.workflow.ts). */
export const ESCALATED_ACTION = 'escalated';

/** The same rule as a database filter on Task (plain data: domain/ knows no Prisma). */
export const disputedConsentTask = { step: CONSENT_STEP, OR: [{ decision: CONSENT_REFUSAL }, { decision: null, overdueSince: { not: null } }] };
