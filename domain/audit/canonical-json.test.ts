import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson, NotCanonicalisable } from './canonical-json';

test('keys are sorted at every level and there is no whitespace', () => {
  const a = { z: 1, a: { y: [3, { d: 1, c: 2 }], b: null }, m: 'x' };
  const b = { m: 'x', a: { b: null, y: [3, { c: 2, d: 1 }] }, z: 1 };
  assert.equal(canonicalJson(a), '{"a":{"b":null,"y":[3,{"c":2,"d":1}]},"m":"x","z":1}');
  assert.equal(canonicalJson(b), canonicalJson(a));
});

test('the order PostgreSQL JSONB reads back (shorter keys first) gives the same text as the order written', () => {
  const written = { decision: 'refuse', reason: '不符合', at: '2026-11-30' };
  const fromJsonb = { at: '2026-11-30', reason: '不符合', decision: 'refuse' };
  assert.equal(canonicalJson(fromJsonb), canonicalJson(written));
});

test('array order is kept: it means something', () => {
  assert.notEqual(canonicalJson([1, 2]), canonicalJson([2, 1]));
});

test('dates become ISO 8601 text, numbers and strings are written as JSON.stringify writes them', () => {
  assert.equal(canonicalJson({ at: new Date('2026-11-30T04:00:00.123Z') }), '{"at":"2026-11-30T04:00:00.123Z"}');
  assert.equal(canonicalJson([-0, 1e21, 0.1, 1.5e-7]), '[0,1e+21,0.1,1.5e-7]');
  assert.equal(canonicalJson('引号"与\\反斜杠\n'), JSON.stringify('引号"与\\反斜杠\n'));
  assert.equal(canonicalJson('\ud800'), '"\\ud800"'); // a lone surrogate is escaped, never written raw
});

test('keys are sorted by UTF-16 code units, the same in every runtime locale', () => {
  assert.equal(canonicalJson({ b: 1, B: 2, 审: 3, a: 4 }), '{"B":2,"a":4,"b":1,"审":3}');
});

test('an own "__proto__" key (as JSON.parse makes it) is written like any other key', () => {
  const v = JSON.parse('{"__proto__":{"x":1},"a":2}') as unknown;
  assert.equal(canonicalJson(v), '{"__proto__":{"x":1},"a":2}');
});

test('undefined object members are left out, as JSON.stringify does', () => {
  assert.equal(canonicalJson({ a: undefined, b: 1 }), '{"b":1}');
});

test('values JSON cannot round-trip are refused, naming where', () => {
  assert.throws(() => canonicalJson({ a: [1, undefined] }), (e: unknown) => e instanceof NotCanonicalisable && e.path === 'a[1]');
  assert.throws(() => canonicalJson({ n: Number.NaN }), NotCanonicalisable);
  assert.throws(() => canonicalJson({ n: 1n }), NotCanonicalisable);
  assert.throws(() => canonicalJson(new Map()), NotCanonicalisable);
  assert.throws(() => canonicalJson(undefined), NotCanonicalisable);
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.throws(() => canonicalJson(cyclic), (e: unknown) => e instanceof NotCanonicalisable && /cycle/.test(e.message));
});

test('the same object twice (not a cycle) is fine', () => {
  const shared = { k: 1 };
  assert.equal(canonicalJson({ a: shared, b: [shared] }), '{"a":{"k":1},"b":[{"k":1}]}');
});
