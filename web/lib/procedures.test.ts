import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decisionMetaFor, fileableBy, signingSteps, stepArticleFor, stepLabelFor, stepOptions } from './procedures';

test('a decision reads in its own procedure and step: approve is 通过 in review, 评估通过 in assessment', () => {
  assert.equal(decisionMetaFor('restricted-share', 'bdb-review', 'approve').label, '通过');
  assert.equal(decisionMetaFor('conditional-open', 'bdb-assessment', 'approve').label, '评估通过');
  assert.deepEqual(decisionMetaFor('conditional-open', 'bdb-assessment', 'request-info').requires, ['comment']);
  assert.deepEqual(decisionMetaFor('conditional-open', 'applicant-sign', 'sign').requires, ['signerName']);
  assert.deepEqual(decisionMetaFor('restricted-share', 'provider-consent', 'disagree').requires, ['legalBasis']);
});

test('the same step name keeps each procedure’s article', () => {
  assert.equal(stepLabelFor('it-project', 'bdb-review'), stepLabelFor('it-project', 'bdb-review'));
  assert.equal(stepArticleFor('restricted-share', 'bdb-review'), '第17条');
  assert.notEqual(stepArticleFor('it-project', 'bdb-review'), stepArticleFor('restricted-share', 'bdb-review'));
});

test('an unknown step or decision shows its raw name, none shows a dash', () => {
  assert.equal(stepLabelFor('conditional-open', 'future-step'), 'future-step');
  assert.equal(stepLabelFor('conditional-open', null), '—');
  assert.equal(decisionMetaFor('conditional-open', 'bdb-assessment', 'future-decision').label, 'future-decision');
  assert.equal(decisionMetaFor('conditional-open', 'bdb-assessment', null).label, '—');
});

test('the inbox step filter offers the chosen procedure’s steps the user’s roles hold', () => {
  const reviewerCo = stepOptions('conditional-open', ['bdb-reviewer']).map(([s]) => s);
  assert.deepEqual(reviewerCo, ['bdb-assessment', 'bdb-countersign']);
  const publicAll = stepOptions('', ['public-applicant']).map(([s]) => s);
  assert.deepEqual(publicAll, ['applicant-supplement', 'applicant-sign']);
  // Every procedure's steps when none (or an unknown one) is chosen.
  assert.ok(stepOptions('', ['bdb-reviewer']).some(([s]) => s === 'bdb-review'));
  assert.deepEqual(stepOptions('nonsense', ['bdb-reviewer']), stepOptions('', ['bdb-reviewer']));
});

test('the conditional-open agreement is signed by the applicant, then countersigned by the BDB', () => {
  assert.deepEqual(signingSteps('conditional-open'), ['applicant-sign', 'bdb-countersign']);
  assert.deepEqual(signingSteps('restricted-share'), []);
});

test('public applicants may file conditional-open only; agencies restricted-share among others', () => {
  assert.deepEqual(
    fileableBy(['public-applicant']).map((p) => p.type),
    ['conditional-open'],
  );
  assert.ok(fileableBy(['applicant']).some((p) => p.type === 'restricted-share'));
  assert.ok(!fileableBy(['applicant']).some((p) => p.type === 'conditional-open'));
  assert.deepEqual(fileableBy(['admin']), []);
});
