/**
 * What the worker loads for every workflow run it starts or brings back into
 * its cache: the SDK's reusable V8 context gives each run its own module cache,
 * so every module the workflows import is initialised again per run. zod alone
 * cost ~12 ms of worker CPU per run (README, Performance); the workflows check
 * payloads with the zod-free shapes of domain/input/shape.ts instead.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bundleWorkflowCode } from '@temporalio/worker';

const quiet = { info() {}, warn() {}, error() {}, debug() {}, trace() {}, log() {} };

test('the workflow bundle holds no zod (each run would initialise it again)', async () => {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quiet as never });
  const modules = [...code.matchAll(/\n\/\*\*\*\/ "([^"]+)"/g)].map((m) => m[1]!);
  assert.ok(modules.some((m) => m.includes('restricted-share.workflow')), 'the bundle lists its modules');
  assert.deepEqual(modules.filter((m) => /node_modules\/zod\/|zod-locale/.test(m)), []);
});
