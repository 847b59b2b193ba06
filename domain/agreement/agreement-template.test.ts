import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { findUnstorable } from '../input/storable';
import { isAppError } from '../errors';
import { AGREEMENT_TEMPLATE_VERSION, agreementTitle, isClauseHeading, renderAgreement } from './agreement-template';
import { sampleAgreementFacts } from './sample-facts';

const facts = () => sampleAgreementFacts();

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

test('the same facts give the same text, character for character', () => {
  const a = renderAgreement(AGREEMENT_TEMPLATE_VERSION, facts());
  const b = renderAgreement(AGREEMENT_TEMPLATE_VERSION, structuredClone(facts()));
  assert.equal(a, b);
});

test('version 2026.1 is never edited: its text for fixed facts keeps its hash', () => {
  // A signature's hash must be reproducible for as long as the agreement is kept.
  // If this fails, restore the old wording and add a new version instead
  // (or, if only sample-facts.ts changed, pin the new hash).
  assert.equal(sha256(renderAgreement('2026.1', facts())), 'a4f0de8a3e73b7af8e0d9fab11f72b617415232fe30ba453c60da98c06e9a2b4');
});

test('every fact of the case appears in the text', () => {
  const f = facts();
  const text = renderAgreement(AGREEMENT_TEMPLATE_VERSION, f);
  for (const expected of [
    '协议编号：CO-20261130-ABCD1234',
    '甲方（开放主体）：宁波市大数据发展管理局',
    '乙方（数据利用主体，法人或者其他组织）：宁波某科技有限公司',
    '乙方联系方式：李四 0574-87654321',
    '（1）市场主体登记信息',
    '资源编码：NB-SCJG-0001',
    '数据提供单位：宁波市市场监督管理局',
    '（2）公交线路实时到站数据',
    '资源编码：NB-GJ-0007',
    '数据提供单位：宁波市公共交通集团有限公司',
    '共2项',
    '数据用途：开发面向中小企业的信用评估模型',
    '应用场景：企业信用服务平台的风险提示功能',
    '安全保障措施：数据仅在开放平台沙箱内处理，访问账号实名并双因素认证',
    '期限为180日，自本协议生效之日起计算',
  ]) {
    assert.ok(text.includes(expected), `missing: ${expected}`);
  }
  assert.ok(text.startsWith(`${agreementTitle(AGREEMENT_TEMPLATE_VERSION)}\n`), 'the title is the first line');
});

test('a person is named as a natural person, and a different fact gives a different text', () => {
  const org = renderAgreement(AGREEMENT_TEMPLATE_VERSION, facts());
  const person = renderAgreement(AGREEMENT_TEMPLATE_VERSION, { ...facts(), applicant: { name: '张三', kind: 'person' } });
  assert.ok(person.includes('乙方（数据利用主体，自然人）：张三'));
  assert.notEqual(sha256(person), sha256(org));
  assert.notEqual(renderAgreement(AGREEMENT_TEMPLATE_VERSION, { ...facts(), termDays: 181 }), org);
});

test('the obligations cite the Measures: audit of access (Art. 24 ¶3), no cross-border (Art. 32 ¶2), the agreement itself (Art. 25 ¶3)', () => {
  const text = renderAgreement(AGREEMENT_TEMPLATE_VERSION, facts());
  assert.ok(text.includes('甬政办发〔2019〕72号'));
  assert.ok(text.includes('《办法》第二十四条第三款规定：“开放平台服务单位应当对开放平台上的公共数据存储、访问、传输、下载等环节建立透明化、可审计、可跟踪、可追溯的日志管理机制并留存备查。”'));
  assert.ok(text.includes('《办法》第三十二条第二款规定：“公共数据不得跨境流通，因业务需要确需向境外提供的，应当按照相关法律、法规要求进行安全评估审核。”'));
  assert.ok(text.includes('签订数据利用协议，在开放平台上使用该类数据。”'));
  assert.ok(text.includes('不得以任何形式将数据或者可以还原出数据的加工结果提供、转让或者出售给第三方'));
  assert.ok(text.includes('本协议经乙方签署、甲方会签后生效'));
});

test('an unknown version is refused as not found, including names of Object.prototype', () => {
  for (const version of ['2025.9', '', '__proto__', 'toString', 'constructor']) {
    assert.throws(
      () => renderAgreement(version, facts()),
      (e: unknown) => isAppError(e) && e.code === 'not_found',
      version,
    );
    assert.throws(() => agreementTitle(version), (e: unknown) => isAppError(e) && e.code === 'not_found');
  }
});

test('facts no agreement can be made of are refused, naming the field', () => {
  assert.throws(() => renderAgreement(AGREEMENT_TEMPLATE_VERSION, { ...facts(), termDays: 0 }), /使用期限/);
  assert.throws(() => renderAgreement(AGREEMENT_TEMPLATE_VERSION, { ...facts(), termDays: 1.5 }), /使用期限/);
  assert.throws(() => renderAgreement(AGREEMENT_TEMPLATE_VERSION, { ...facts(), resources: [] }), /没有数据资源/);
  assert.throws(() => renderAgreement(AGREEMENT_TEMPLATE_VERSION, { ...facts(), purpose: ' \n ' }), /purpose/);
  const f = facts();
  f.resources[1]!.providerName = '';
  assert.throws(() => renderAgreement(AGREEMENT_TEMPLATE_VERSION, f), /resources\.1\.providerName/);
});

test('a multi-line fact stays body text: line endings normalised, lines indented, never a heading', () => {
  const text = renderAgreement(AGREEMENT_TEMPLATE_VERSION, { ...facts(), purpose: '第一项用途\r\n第二条　看似标题的一行\r\r\n  第三项  ' });
  assert.ok(!text.includes('\r'));
  assert.ok(text.includes('\u3000\u3000数据用途：第一项用途\n\u3000\u3000第二条　看似标题的一行\n\u3000\u3000第三项\n'));
  const headings = text.split('\n').filter(isClauseHeading);
  assert.deepEqual(
    headings.map((h) => h.split('\u3000')[1]),
    ['协议依据', '开放的数据', '数据用途、应用场景和安全保障措施', '使用期限', '乙方的义务', '甲方的义务', '违约处理', '协议的生效和终止', '其他'],
  );
});

test('the text is storable in both databases, also with unusual but valid characters in the facts', () => {
  assert.equal(findUnstorable(renderAgreement(AGREEMENT_TEMPLATE_VERSION, facts())), null);
  const rare = renderAgreement(AGREEMENT_TEMPLATE_VERSION, { ...facts(), applicant: { name: '𠀀喆堃燊', kind: 'person' }, scenario: '含表情😀的场景' });
  assert.equal(findUnstorable(rare), null);
});
