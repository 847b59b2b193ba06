import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResourceView } from '../../domain/views';
import { checkConditionalOpenDraft, conditionalOpenDraftFromPayload, conditionalOpenDraftToPayload, conditionalOpenErrorsAfterEdit, emptyConditionalOpenDraft } from './conditional-open-draft';

const entry = (code: string, openClass: ResourceView['openClass']) => ({ code, openClass }) as ResourceView;
const catalog = [entry('NB-WATER-0001', 'conditional'), entry('NB-AMR-0001', 'unconditional'), entry('NB-PSB-0001', 'none')];
const filled = (resources: string[]) => ({
  ...emptyConditionalOpenDraft(resources),
  purpose: '分析用水规律',
  scenario: '节水小程序',
  securityMeasures: '沙箱内处理',
  contact: '钱经理 0574-88880000',
});

test('a complete application for conditional-open data passes', () => {
  assert.equal(checkConditionalOpenDraft(filled(['NB-WATER-0001']), catalog), null);
});

test('missing fields are named at the field', () => {
  const r = checkConditionalOpenDraft(emptyConditionalOpenDraft(), catalog);
  assert.ok(r);
  assert.deepEqual(Object.keys(r.fields).sort(), ['contact', 'purpose', 'resources', 'scenario', 'securityMeasures']);
});

test('not-open data is refused under Art. 21, unconditional-open points to the open platform (Art. 25 ¶2)', () => {
  assert.equal(checkConditionalOpenDraft(filled(['NB-PSB-0001']), catalog)?.article, '第21条');
  const open = checkConditionalOpenDraft(filled(['NB-WATER-0001', 'NB-AMR-0001']), catalog);
  assert.equal(open?.article, '第25条第2款');
  assert.match(open?.fields['resources.1'] ?? '', /开放平台/);
});

test('cross-border use needs a recorded security assessment (Art. 32)', () => {
  const r = checkConditionalOpenDraft({ ...filled(['NB-WATER-0001']), crossBorder: true }, catalog);
  assert.equal(r?.article, '第32条');
  assert.ok(r?.fields.crossBorder);
  assert.equal(checkConditionalOpenDraft({ ...filled(['NB-WATER-0001']), crossBorder: true, securityAssessment: '国家网信办评估通过' }, catalog), null);
});

test('a typed term that is not a number goes as typed, so the refusal names 使用期限', () => {
  assert.equal(conditionalOpenDraftToPayload({ ...filled(['NB-WATER-0001']), useDays: '30' }).useDays, 30);
  const r = checkConditionalOpenDraft({ ...filled(['NB-WATER-0001']), useDays: '三十' }, catalog);
  assert.ok(r?.fields.useDays);
});

test('a filed payload comes back as the same draft (resubmit prefill)', () => {
  const d = { ...filled(['NB-WATER-0001']), useDays: '200' };
  assert.deepEqual(conditionalOpenDraftFromPayload(conditionalOpenDraftToPayload(d)), d);
});

test('recording an assessment clears the cross-border error; untouched errors stay', () => {
  const errors = { crossBorder: '数据出境须先完成安全评估（第32条）', contact: '请填写联系方式' };
  const prev = { ...filled(['NB-WATER-0001']), crossBorder: true };
  const next = conditionalOpenErrorsAfterEdit(errors, prev, { ...prev, securityAssessment: '评估通过' });
  assert.deepEqual(next, { contact: '请填写联系方式' });
  assert.equal(conditionalOpenErrorsAfterEdit(errors, prev, { ...prev }), errors);
});
