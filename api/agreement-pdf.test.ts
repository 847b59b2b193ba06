import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { AGREEMENT_TEMPLATE_VERSION, agreementTitle, renderAgreement, type AgreementFacts } from '../domain/agreement/agreement-template';
import { sampleAgreementFacts } from '../domain/agreement/sample-facts';
import { renderAgreementPdf, type AgreementPdfInput } from './agreement-pdf';
import { compact, readPdf } from './pdf-text.fixture';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const title = agreementTitle(AGREEMENT_TEMPLATE_VERSION);

// A name with rare characters (喆 堃 燊): they must print, not fall back to boxes.
const facts = (over: Partial<AgreementFacts> = {}) => sampleAgreementFacts({ applicant: { name: '宁波喆堃燊科技有限公司', kind: 'organisation' }, ...over });

function input(text: string, signatures: AgreementPdfInput['signatures'] = []): AgreementPdfInput {
  return { title, text, sha256: sha256(text), signatures };
}

test('the agreement PDF holds the whole text in embedded Chinese glyphs, its hash on every page and the signature records', async (t) => {
  const text = renderAgreement(AGREEMENT_TEMPLATE_VERSION, facts());
  const hash = sha256(text);
  const started = performance.now();
  const pdf = await renderAgreementPdf(
    input(text, [
      { stepLabel: '申请人签署', signerName: '王五', at: '2026-11-30T06:05:09.000Z', sha256: hash },
      { stepLabel: '大数据局会签', signerName: '赵六', at: '2026-12-01T01:00:00Z', sha256: 'f'.repeat(64) },
    ]),
  );
  t.diagnostic(`rendered ${pdf.length} bytes in ${Math.round(performance.now() - started)} ms`);
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');

  const pages = await readPdf(pdf);
  assert.ok(pages.length >= 2, 'the text and the signature annex');
  const fonts = pages.flatMap((p) => p.fonts);
  assert.ok(fonts.length > 0);
  for (const f of fonts) {
    assert.ok(f.embedded, `${f.name} is embedded`);
    assert.match(f.name, /^[A-Z]{6}\+NotoSansHans-/, 'a subset of Noto Sans CJK SC');
  }

  const body = compact(pages.map((p) => p.body).join(''));
  assert.ok(body.startsWith(compact(title)), 'the title heads the first page');
  // Every character of the agreement, in order, across wrapped lines and page breaks.
  assert.ok(body.includes(compact(text.split('\n').slice(1).join(''))), 'the whole agreement text is in the PDF');
  for (const phrase of ['宁波喆堃燊科技有限公司', '甬政办发〔2019〕72号', '公共数据不得跨境流通', '市场主体登记信息', '宁波市公共交通集团有限公司']) {
    assert.ok(body.includes(phrase), phrase);
  }

  pages.forEach((p, i) => {
    assert.ok(p.furniture.includes(hash), `page ${i + 1} footer carries the text's SHA-256`);
    assert.ok(compact(p.furniture).includes(`第${i + 1}页/共${pages.length}页`), `page ${i + 1} is numbered`);
  });

  const annex = compact(pages.at(-1)!.body);
  assert.ok(annex.includes('附件签署记录'));
  assert.ok(annex.includes('（1）申请人签署签署人：王五签署时间：2026年11月30日14:05:09（北京时间）所签文本的SHA-256摘要（与本协议文本一致）'));
  assert.ok(annex.includes('（2）大数据局会签签署人：赵六签署时间：2026年12月1日09:00:00（北京时间）所签文本的SHA-256摘要（与本协议文本不一致）'));
});

test('characters the font cannot draw still give a PDF, and the annex names them', async () => {
  const text = renderAgreement(AGREEMENT_TEMPLATE_VERSION, facts({ applicant: { name: '张𠀀三', kind: 'person' }, scenario: '含表情😀的场景' }));
  const pages = await readPdf(await renderAgreementPdf(input(text)));
  const annex = compact(pages.at(-1)!.body);
  assert.ok(annex.includes('没有字形，显示为方框，以协议文本为准：U+20000、U+1F600。'), annex);
  // The common text around them is intact.
  assert.ok(compact(pages.map((p) => p.body).join('')).includes('乙方（数据利用主体，自然人）：张'));
});

test('an unsigned agreement says it has no signature yet, and with every character drawable carries no glyph note', async () => {
  const text = renderAgreement(AGREEMENT_TEMPLATE_VERSION, facts());
  const annex = compact((await readPdf(await renderAgreementPdf(input(text)))).at(-1)!.body);
  assert.ok(annex.includes('尚无签署记录'));
  assert.ok(!annex.includes('没有字形'));
});

test('a hash that is not the text\'s is refused rather than printed', async () => {
  const text = renderAgreement(AGREEMENT_TEMPLATE_VERSION, facts());
  await assert.rejects(renderAgreementPdf({ ...input(text), sha256: sha256(`${text} `) }), /SHA-256/);
});

test('a long agreement flows over many numbered pages and loses nothing', async (t) => {
  const resources = Array.from({ length: 120 }, (_, i) => ({
    code: `NB-TEST-${String(i + 1).padStart(4, '0')}`,
    name: `第${i + 1}号测试数据资源（含较长的名称以便折行：宁波市各区县（市）公共数据归集与开放情况统计）`,
    providerName: '宁波市大数据发展管理局',
  }));
  const purpose = Array.from({ length: 40 }, (_, i) => `第${i + 1}段用途说明：用于研究城市交通出行规律，为公众提供出行建议，不涉及个人身份识别。`).join('\n');
  const text = renderAgreement(AGREEMENT_TEMPLATE_VERSION, facts({ resources, purpose }));
  const started = performance.now();
  const pdf = await renderAgreementPdf(input(text));
  t.diagnostic(`${text.length} characters → ${pdf.length} bytes in ${Math.round(performance.now() - started)} ms`);
  const pages = await readPdf(pdf);
  assert.ok(pages.length >= 10, `${pages.length} pages`);
  assert.ok(compact(pages.map((p) => p.body).join('')).includes(compact(text.split('\n').slice(1).join(''))));
  assert.ok(compact(pages.at(-1)!.furniture).includes(`第${pages.length}页/共${pages.length}页`));
});
