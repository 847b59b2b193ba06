/**
 * The problem list 问题清单 (Art. 18 ¶2): restricted-share cases the BDB could
 * not settle and escalated to the leadership office. A provider is *disputed*
 * on such a case when its consent task was refused or never answered (the
 * task was cancelled when the dispute went on); a provider that agreed is not.
 */
export const CONSENT_STEP = 'provider-consent';
export const CONSENT_REFUSAL = 'disagree';
/** The history entry of putting a case on the list (workflows/restricted-share.workflow.ts). */
export const ESCALATED_ACTION = 'escalated';

/** The same rule as a database filter on Task (plain data: domain/ knows no Prisma). */
export const disputedConsentTask = { step: CONSENT_STEP, OR: [{ decision: null }, { decision: CONSENT_REFUSAL }] };
