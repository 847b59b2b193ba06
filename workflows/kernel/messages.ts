/**
 * The messages every procedure's workflow answers: what the API may send it
 * and ask of it. Kept apart from workflow code so clients import no workflow.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CaseState, DecideInput, DecideResult, RevokeGrantInput, WithdrawInput } from './types';

export const decideUpdate = defineUpdate<DecideResult, [DecideInput]>('decide');
export const withdrawUpdate = defineUpdate<{ status: string }, [WithdrawInput]>('withdraw');
/**
 * Sent with the workflow's start (Update-with-Start): answers once the filing's
 * first record (case row, first tasks, history) is written, so the API's 201
 * means the case is in its first assignee's inbox. `written` is false when that
 * batch was parked (the stuck-cases view has it).
 */
export const filedUpdate = defineUpdate<{ status: string; written: boolean }>('filed');
export const revokeGrantUpdate = defineUpdate<{ status: string }, [RevokeGrantInput]>('revokeGrant');
export const calendarPublishedSignal = defineSignal<[{ year: number }]>('calendarPublished');
/** The kernel's state plus the procedure's own (`CaseState<D>`); a caller that knows the procedure narrows it. */
export const stateQuery = defineQuery<CaseState<object>>('state');
/** An administrator retries a case's parked projection batches (optionally cleaned): the stuck-cases view. */
export const retryProjectionSignal = defineSignal<[{ by: string; sanitize: boolean }]>('retryProjection');
