/** The failures a workflow answers an Update with; the API maps their types to HTTP (api/use-cases/workflow-errors.ts). */
import { ApplicationFailure } from '@temporalio/workflow';
import { findUnstorable } from '../../domain/input/storable';

/** 409: the case or task is not in a state to take this. */
export const conflict = (message: string) => ApplicationFailure.create({ type: 'conflict', message, nonRetryable: true });
/** 422: a rule of the regulation refuses it. */
export const refused = (message: string, article: string, fields: Record<string, string>) =>
  ApplicationFailure.create({ type: 'rule', message, details: [{ article, fields }], nonRetryable: true });
/** 400: input the databases could not store, refused before it can wedge the case. */
export const invalid = (field: string, message: string) =>
  ApplicationFailure.create({ type: 'invalid', message: `${field}：${message}`, details: [{ fields: { [field]: message } }], nonRetryable: true });
/** 503: the change took effect in the workflow but its projection is parked; the case is on the stuck-cases view. */
export const stuckFailure = () =>
  ApplicationFailure.create({ type: 'stuck', message: '决定已由流程接受，但办件数据暂时无法写入，已转系统管理员处理', nonRetryable: true });

export function refuseUnstorable(value: unknown, prefix: string): void {
  const bad = findUnstorable(value);
  if (bad) throw invalid(bad.path ? `${prefix}.${bad.path}` : prefix, bad.message);
}
