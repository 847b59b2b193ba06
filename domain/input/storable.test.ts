import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findUnstorable, textProblem } from './storable';

test('well-formed text, emoji and CJK are storable', () => {
  assert.equal(findUnstorable({ a: '宁波市公安局 😀', b: ['x', { c: 1 }] }), null);
  assert.equal(textProblem('𠀀 surrogate pair'), null);
});

test('lone surrogates, NUL and prototype keys are refused, naming the path', () => {
  assert.deepEqual(findUnstorable({ comment: 'a\uD800b' })?.path, 'comment');
  assert.equal(findUnstorable({ comment: 'a\uD800b' })?.problem, 'lone-surrogate');
  assert.equal(findUnstorable({ x: ['ok', '\uDC00'] })?.path, 'x.1');
  assert.equal(findUnstorable({ reason: 'a\u0000' })?.problem, 'nul-character');
  assert.equal(findUnstorable(JSON.parse('{"payload":{"__proto__":{"admin":true}}}'))?.path, 'payload.__proto__');
  assert.equal(findUnstorable(JSON.parse('{"a\\ud800":1}'))?.problem, 'lone-surrogate');
});

test('10 000-deep nesting is refused without recursion', () => {
  const deep = JSON.parse('['.repeat(10_000) + ']'.repeat(10_000));
  assert.equal(findUnstorable(deep)?.problem, 'too-deep');
});

test('oversized strings and too many items are refused', () => {
  assert.equal(findUnstorable({ s: 'x'.repeat(5_000_000) })?.problem, 'string-too-long');
  assert.equal(findUnstorable(Array.from({ length: 20_000 }, () => 1))?.problem, 'too-many-items');
});

test('toStorable cleans what findUnstorable refuses', async () => {
  const { toStorable } = await import('./storable');
  const dirty = JSON.parse('{"comment":"a\\ud800b\\u0000c","__proto__":{"x":1},"list":["\\udc00"]}');
  const clean = toStorable(dirty);
  assert.deepEqual(clean, { comment: 'a\uFFFDbc', list: ['\uFFFD'] });
  assert.equal(findUnstorable(clean), null);
});
