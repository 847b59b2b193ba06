/**
 * The messages of the restricted-share workflow: what the API may send it and
 * ask of it. Kept apart from the workflow so clients import no workflow code.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DecideInput, DecideResult, RevokeGrantInput, RsState, RsStatus, WithdrawInput } from './restricted-share.types';

export const decideUpdate = defineUpdate<DecideResult, [DecideInput]>('decide');
export const withdrawUpdate = defineUpdate<{ status: RsStatus }, [WithdrawInput]>('withdraw');
export const revokeGrantUpdate = defineUpdate<{ status: RsStatus }, [RevokeGrantInput]>('revokeGrant');
export const calendarPublishedSignal = defineSignal<[{ year: number }]>('calendarPublished');
export const stateQuery = defineQuery<RsState>('state');
/** An administrator retries a case's parked projection batches (optionally cleaned): the stuck-cases view. */
export const retryProjectionSignal = defineSignal<[{ by: string; sanitize: boolean }]>('retryProjection');
