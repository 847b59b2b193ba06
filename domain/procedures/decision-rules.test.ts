import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_STEPS, PROCEDURE_SPECS, decisionBodySchema, missingDecisionFields, stepLabelOf } from './index';
import { RESTRICTED_SHARE_SPEC } from './restricted-share.spec';
import { CONDITIONAL_OPEN_SPEC } from './conditional-open.spec';
import { ROLES } from '../auth/roles';

const body = (b: Record<string, unknown>) => decisionBodySchema.parse(b);

test('every step of every procedure names a known role, an article and at least one decision with a label', () => {
  for (const spec of Object.values(PROCEDURE_SPECS)) {
    for (const [name, step] of Object.entries(spec.steps)) {
      assert.ok((ROLES as readonly string[]).includes(step.role), `${spec.type}/${name} role`);
      assert.match(step.article, /^第\d+条/, `${spec.type}/${name} article`);
      assert.ok(Object.keys(step.decisions).length > 0);
      for (const d of Object.values(step.decisions)) assert.ok(d.label.length > 0);
    }
    for (const stage of spec.flow) for (const s of [...stage.main, ...(stage.branch ?? [])]) assert.ok(s.startsWith('__') || spec.steps[s], `${spec.type} flow names ${s}`);
  }
});

test('the same step name means different things in different procedures', () => {
  assert.equal(stepLabelOf('restricted-share', 'bdb-review'), '大数据局审核');
  assert.equal(PROCEDURE_SPECS['it-project'].steps['bdb-review']?.article, '第9条');
  assert.equal(RESTRICTED_SHARE_SPEC.steps['bdb-review'].article, '第17条');
  assert.ok(ALL_STEPS.includes('bdb-assessment') && ALL_STEPS.includes('provider-handle'));
});

test('a decision the step does not offer is refused, naming the choices', () => {
  const r = missingDecisionFields(RESTRICTED_SHARE_SPEC, 'bdb-review', body({ decision: 'agree' }));
  assert.equal(r?.article, '第17条');
  assert.match(r?.fields.decision ?? '', /approve/);
});

test('required fields are named, with the spec message and article', () => {
  const r = missingDecisionFields(RESTRICTED_SHARE_SPEC, 'provider-consent', body({ decision: 'disagree' }));
  assert.deepEqual(Object.keys(r?.fields ?? {}), ['legalBasis']);
  assert.equal(r?.article, '第17条');
  assert.equal(missingDecisionFields(RESTRICTED_SHARE_SPEC, 'provider-consent', body({ decision: 'disagree', legalBasis: '《居民身份证法》第十九条' })), null);
  const sign = missingDecisionFields(CONDITIONAL_OPEN_SPEC, 'applicant-sign', body({ decision: 'sign' }));
  assert.deepEqual(Object.keys(sign?.fields ?? {}), ['signerName']);
  assert.equal(sign?.article, '第25条第3款');
  assert.ok(missingDecisionFields(CONDITIONAL_OPEN_SPEC, 'bdb-assessment', body({ decision: 'request-info', comment: '  ' })), 'a blank comment is no comment');
});

test('a decision withheld from one task is refused with its own reason and article', () => {
  const r = missingDecisionFields(RESTRICTED_SHARE_SPEC, 'provider-consent', body({ decision: 'agree' }), ['agree-desensitized', 'disagree']);
  assert.equal(r?.article, '第16条第2款、第17条第3款');
  assert.match(r?.message ?? '', /脱敏/);
});
