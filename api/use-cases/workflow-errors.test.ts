import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ServiceError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { fromWorkflowError } from './workflow-errors';

const grpc = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });

test('an Update the server aborted (gRPC UNAVAILABLE) or timed out is 503 unavailable, never a 500', () => {
  const aborted = new ServiceError('Failed to update workflow', { cause: grpc(14, 'workflow update was aborted') });
  assert.equal(fromWorkflowError(aborted)?.code, 'unavailable');
  assert.equal(fromWorkflowError(grpc(4, 'deadline exceeded'))?.code, 'unavailable');
});

test('other gRPC failures and plain errors stay unmapped (a bug is a 500 with a log, not a retry hint)', () => {
  assert.equal(fromWorkflowError(new ServiceError('bad', { cause: grpc(3, 'invalid argument') })), null);
  assert.equal(fromWorkflowError(new Error('boom')), null);
});

test('an Update the server rejected because the worker never answered it (UnprocessedUpdate) is 503, not a 500', () => {
  const unprocessed = ApplicationFailure.create({ type: 'UnprocessedUpdate', message: "Workflow Update is rejected because it wasn't processed by worker.", nonRetryable: true });
  assert.equal(fromWorkflowError(new WorkflowUpdateFailedError('Workflow Update failed', unprocessed))?.code, 'unavailable');
  const refused = ApplicationFailure.create({ type: 'conflict', message: '该任务已处理或已关闭', nonRetryable: true });
  assert.equal(fromWorkflowError(new WorkflowUpdateFailedError('Workflow Update failed', refused))?.code, 'conflict');
});
