/**
 * Temporal's refusals in the API's words: an Update the workflow's validator
 * rejected becomes 409 (state conflict) or 422 (a rule, with article and fields);
 * an engine that cannot answer now becomes 503, never 500.
 */
import { ServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError, isGrpcServiceError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { AppError } from '../../domain/errors';

export function fromWorkflowError(e: unknown): AppError | null {
  if (e instanceof WorkflowNotFoundError) return new AppError('conflict', '该办件的流程已结束');
  const cause = e instanceof WorkflowUpdateFailedError ? e.cause : e;
  if (cause instanceof ApplicationFailure) {
    if (cause.type === 'conflict') return new AppError('conflict', cause.message);
    if (cause.type === 'rule') {
      const d = (cause.details?.[0] ?? {}) as { article?: string; fields?: Record<string, string> };
      return new AppError('rule_refused', cause.message, d.fields, d.article);
    }
    if (cause.type === 'invalid') {
      const d = (cause.details?.[0] ?? {}) as { fields?: Record<string, string> };
      return new AppError('validation_failed', cause.message, d.fields);
    }
    // The workflow took it but could not write its record: an administrator's stuck-cases view has it.
    if (cause.type === 'stuck') return new AppError('unavailable', cause.message);
    // The server rejected an Update its worker received but never answered (a worker fault, not the request's):
    // the workflow did not take it, so the same request may be sent again.
    if (cause.type === 'UnprocessedUpdate') return new AppError('unavailable', '流程引擎暂时无法应答，本次操作未生效；请稍后重试');
  }
  if (engineCannotAnswerNow(e)) {
    return new AppError('unavailable', '流程引擎暂时无法应答，本次操作未确认；请稍后用同一 Idempotency-Key 重试');
  }
  const name = (e as { name?: string })?.name;
  if (name === 'WorkflowExecutionAlreadyCompletedError' || /already completed/i.test((e as Error)?.message ?? '')) {
    return new AppError('conflict', '该办件的流程已结束');
  }
  return null;
}

// gRPC DEADLINE_EXCEEDED and UNAVAILABLE: what a busy or restarting server (or an aborted Update) answers.
const RETRY_LATER = new Set([4, 14]);

/** The server aborted or timed out the call: the workflow may or may not have taken it; a retry with the same key finds out. */
function engineCannotAnswerNow(e: unknown): boolean {
  if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const inner = e instanceof ServiceError ? e.cause : e;
  return isGrpcServiceError(inner) && RETRY_LATER.has(inner.code);
}
