import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkItProjectDraft, emptyCatalogEntry, emptyItProjectDraft, itProjectDraftFromPayload, itProjectDraftToPayload, itProjectErrorsAfterEdit, type ItProjectDraft } from './it-project';

const filled = (): ItProjectDraft => ({
  ...emptyItProjectDraft(),
  projectName: ' 企业开办平台 ',
  investmentWan: '1,280.50',
  content: '建设内容',
  buildsOwnCloudOrDataCenter: false,
  dataCatalog: [{ ...emptyCatalogEntry(), name: '企业登记信息', dataItems: ['统一社会信用代码'], shareClass: 'unconditional', openClass: 'none' }],
  sharingPlan: '按日归集',
  plannedCompletion: '2027-06-30',
});

test('the payload is API.md’s: investment as a number, entries without their form keys, text trimmed', () => {
  assert.deepEqual(itProjectDraftToPayload(filled()), {
    projectName: '企业开办平台',
    investmentWan: 1280.5,
    content: '建设内容',
    buildsOwnCloudOrDataCenter: false,
    dataCatalog: [{ name: '企业登记信息', dataItems: ['统一社会信用代码'], shareClass: 'unconditional', openClass: 'none' }],
    sharingPlan: '按日归集',
    plannedCompletion: '2027-06-30',
  });
});

test('what the user left out or mistyped goes as it is, so the API names the field', () => {
  const p = itProjectDraftToPayload({ ...filled(), investmentWan: '一千万', buildsOwnCloudOrDataCenter: null, dataCatalog: [emptyCatalogEntry()] });
  assert.equal(p.investmentWan, '一千万');
  assert.ok(!('buildsOwnCloudOrDataCenter' in p));
  assert.deepEqual(p.dataCatalog, [{ name: '', dataItems: [] }]);
});

test('a filed payload comes back as the same draft (重新提交 starts from what was filed)', () => {
  const payload = itProjectDraftToPayload(filled());
  assert.deepEqual(itProjectDraftToPayload(itProjectDraftFromPayload(payload)), payload);
});

test('editing a field clears its error; adding or removing an entry clears every entry error, which are keyed by position', () => {
  const before = filled();
  const errors = { projectName: 'x', 'dataCatalog.0.name': 'y', buildsOwnCloudOrDataCenter: '第8条' };
  assert.deepEqual(itProjectErrorsAfterEdit(errors, before, { ...before, buildsOwnCloudOrDataCenter: false }), errors, 'no change, no clearing');
  assert.deepEqual(itProjectErrorsAfterEdit(errors, before, { ...before, buildsOwnCloudOrDataCenter: true }), { projectName: 'x', 'dataCatalog.0.name': 'y' });
  const renamed = { ...before, dataCatalog: [{ ...before.dataCatalog[0]!, name: '新名称' }] };
  assert.deepEqual(itProjectErrorsAfterEdit(errors, before, renamed), { projectName: 'x', buildsOwnCloudOrDataCenter: '第8条' });
  const added = { ...before, dataCatalog: [...before.dataCatalog, emptyCatalogEntry()] };
  assert.deepEqual(itProjectErrorsAfterEdit({ ...errors, dataCatalog: '第11条' }, before, added), { projectName: 'x', buildsOwnCloudOrDataCenter: '第8条' });
});

test('the form’s own check names unchosen selects and shape errors, and leaves the regulation’s refusals to the API', () => {
  assert.equal(checkItProjectDraft(filled()), null);
  // Own cloud (Art. 8) and an empty catalog (Art. 11) are the API's to refuse, with their articles.
  assert.equal(checkItProjectDraft({ ...filled(), buildsOwnCloudOrDataCenter: true, dataCatalog: [] }), null);
  const fields = checkItProjectDraft({ ...filled(), investmentWan: 'abc', buildsOwnCloudOrDataCenter: null, dataCatalog: [emptyCatalogEntry()] })!;
  assert.equal(fields.buildsOwnCloudOrDataCenter, '请选择是否自建政务云或数据中心');
  assert.equal(fields['dataCatalog.0.shareClass'], '请选择共享属性');
  assert.equal(fields['dataCatalog.0.openClass'], '请选择开放属性');
  assert.ok(fields['dataCatalog.0.name']);
  assert.ok(fields['dataCatalog.0.dataItems']);
  assert.ok(fields.investmentWan);
});
