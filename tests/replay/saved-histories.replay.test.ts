/**
 * Replays saved histories of finished cases of every procedure against the
 * current workflow code. A change that would break cases already running in
 * production (a reordered activity, a new timer, a renamed Update…) fails here
 * with a DeterminismViolationError. Regenerate the histories with
 * tests/replay/record-histories.ts only together with a versioning plan.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from './history-json';
import { Worker } from '@temporalio/worker';
import { installTestRuntime } from '../workflows/harness';

const dir = path.join(__dirname, 'histories');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];

installTestRuntime();

describe('saved histories replay', () => {
  test('the granted-then-expired history is saved', () => {
    assert.ok(files.includes('restricted-share-granted.json'), `histories: ${files.join(', ') || 'none'} — run tests/replay/record-histories.ts`);
  });

  test('every end of the IT project review is saved', () => {
    for (const end of ['accepted', 'rejected', 'withdrawn']) assert.ok(files.includes(`it-project-${end}.json`), `it-project-${end}.json: run tests/replay/record-histories.ts it-project-${end}`);
  });

  for (const file of files) {
    test(`replays ${file} without nondeterminism`, async () => {
      const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
      const events = history.events ?? [];
      assert.ok(events.length > 0, 'history has events');
      const type = events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;
      assert.ok(['restrictedShareWorkflow', 'conditionalOpenWorkflow', 'problemDataWorkflow', 'itProjectWorkflow'].includes(type ?? ''), `workflow type ${type}`);
      assert.ok(
        events.some((e) => e.workflowExecutionCompletedEventAttributes),
        'the saved case ran to completion, so every code path it took is replayed',
      );
      await Worker.runReplayHistory({ workflowsPath: require.resolve('../../workflows') }, history);
    });
  }
});
