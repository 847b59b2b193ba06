import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OpinionFacts } from '../domain/opinion/opinion-document';
import { renderOpinionPdf } from './opinion-pdf';
import { compact, readPdf } from './pdf-text.fixture';

const facts = (over: Partial<OpinionFacts> = {}): OpinionFacts => ({
  number: '甬数审〔2026〕3号',
  decision: 'approve-with-conditions',
  conditions: '项目数据须在上线前完成编目；\n企业登记信息按日归集至市大数据中心平台。',
  comment: null,
  issuedAt: '2026-12-31T17:30:00Z', // 2027-01-01 01:30 in Ningbo
  projectName: '宁波喆堃燊企业开办平台（二期）',
  ownerName: '宁波市市场监督管理局',
  investmentWan: 1280.5,
  plannedCompletion: '2027-06-30',
  copiedTo: [{ name: '宁波市发展和改革委员会' }, { name: '宁波市财政局' }],
  ...over,
});

test('the opinion PDF is an official letter in embedded Chinese glyphs: issuer, number, project, owner, investment, conclusion, conditions, basis, date', async () => {
  const pdf = await renderOpinionPdf(facts());
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const pages = await readPdf(pdf);
  for (const f of pages.flatMap((p) => p.fonts)) {
    assert.ok(f.embedded, `${f.name} is embedded`);
    assert.match(f.name, /^[A-Z]{6}\+NotoSansHans-/);
  }
  const body = compact(pages.map((p) => p.body).join(''));
  for (const phrase of [
    '宁波市大数据发展管理局',
    '甬数审〔2026〕3号',
    '关于“宁波喆堃燊企业开办平台（二期）”的审核意见',
    '宁波市市场监督管理局：',
    '审核结论为：有条件通过',
    '总投资：1,280.5万元',
    '一、通过条件',
    '项目数据须在上线前完成编目；企业登记信息按日归集至市大数据中心平台。',
    '第9条',
    // The date is Ningbo's, not UTC's.
    '2027年1月1日',
    '抄送：宁波市发展和改革委员会、宁波市财政局。',
  ]) {
    assert.ok(body.includes(compact(phrase)), phrase);
  }
  assert.ok(!body.includes('没有字形'));
  assert.ok(compact(pages[0]!.furniture).includes('甬数审〔2026〕3号'), 'the footer carries the number');
});

test('不予通过 carries its reasons and no building requirements; characters without a glyph are named', async () => {
  const pages = await readPdf(await renderOpinionPdf(facts({ decision: 'reject', conditions: null, comment: '与一体化平台功能重复😀', projectName: '重复建设项目', copiedTo: null })));
  const body = compact(pages.map((p) => p.body).join(''));
  // Recipients not known: the authorities by their role.
  assert.ok(body.includes(compact('抄送：市投资主管部门、市财政主管部门。')));
  assert.ok(body.includes('审核结论为：不予通过'));
  assert.ok(body.includes('一、不予通过的理由与一体化平台功能重复'));
  assert.ok(!body.includes('项目建设要求'));
  assert.ok(!body.includes('通过条件'));
  assert.ok(body.includes(compact('以系统中的审核意见为准：U+1F600。')), body);
});
