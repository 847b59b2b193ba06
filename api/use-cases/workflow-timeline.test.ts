import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { temporal } from '@temporalio/proto';
import { historiesOfAllRuns } from './workflow-timeline';

type History = temporal.api.history.v1.IHistory;
const run = (previous?: string): History => ({ events: [{ eventId: 1 as never, workflowExecutionStartedEventAttributes: { continuedExecutionRunId: previous ?? '' } }] });

test('the timeline follows a case back through every run it continued as new, oldest first', async () => {
  const runs: Record<string, History> = { r1: run(), r2: run('r1'), r3: run('r2') };
  const asked: (string | undefined)[] = [];
  const all = await historiesOfAllRuns(async (id) => {
    asked.push(id);
    return runs[id!]!;
  }, 'r3');
  assert.deepEqual(all.map((r) => r.runId), ['r1', 'r2', 'r3']);
  assert.deepEqual(asked, ['r3', 'r2', 'r1']);
});

test('a case that never continued has one run', async () => {
  const all = await historiesOfAllRuns(async () => run(), 'only');
  assert.deepEqual(all.map((r) => r.runId), ['only']);
});
