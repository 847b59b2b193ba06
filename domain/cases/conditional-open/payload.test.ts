import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkConditionalOpenRules, conditionalOpenPayloadSchema, DEFAULT_USE_DAYS } from './payload';

const catalog = [
  { code: 'C', openClass: 'conditional' as const },
  { code: 'U', openClass: 'unconditional' as const },
  { code: 'N', openClass: 'none' as const },
];
const payload = (over: Record<string, unknown> = {}) =>
  conditionalOpenPayloadSchema.parse({ resources: ['C'], purpose: '研究', scenario: '模型', securityMeasures: '等保三级', contact: '0574-1', ...over });

test('defaults: one year of use, no cross-border', () => {
  const p = payload();
  assert.equal(p.useDays, DEFAULT_USE_DAYS);
  assert.equal(p.crossBorder, false);
  assert.equal(checkConditionalOpenRules(p, catalog), null);
});

test('not-open → Art. 21; unconditional → Art. 25 ¶2 with where to get it; unknown → Art. 22; each at its field', () => {
  assert.deepEqual(checkConditionalOpenRules(payload({ resources: ['C', 'N'] }), catalog)?.fields, { 'resources.1': 'N 属不开放类，不予开放' });
  assert.equal(checkConditionalOpenRules(payload({ resources: ['N'] }), catalog)?.article, '第21条');
  const u = checkConditionalOpenRules(payload({ resources: ['U'] }), catalog);
  assert.equal(u?.article, '第25条第2款');
  assert.match(u?.fields['resources.0'] ?? '', /开放平台/);
  assert.equal(checkConditionalOpenRules(payload({ resources: ['X'] }), catalog)?.article, '第22条');
});

test('cross-border without a security assessment → Art. 32; with one it passes', () => {
  assert.equal(checkConditionalOpenRules(payload({ crossBorder: true }), catalog)?.article, '第32条');
  assert.equal(checkConditionalOpenRules(payload({ crossBorder: true, securityAssessment: '已评估' }), catalog), null);
});

test('shape errors name the field', () => {
  const r = conditionalOpenPayloadSchema.safeParse({ resources: [], purpose: '', scenario: 'x', securityMeasures: 'x', contact: 'x', useDays: 5000 });
  assert.ok(!r.success);
  const paths = r.error.issues.map((i) => i.path.join('.'));
  for (const f of ['resources', 'purpose', 'useDays']) assert.ok(paths.includes(f), f);
});
