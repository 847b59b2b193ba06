/**
 * The data-use agreement as an A4 PDF (API.md: GET /cases/{id}/agreement.pdf).
 *
 * Made offline (api/cjk-pdf.ts: pdfkit with embedded Noto Sans CJK SC); pdfkit
 * wraps the text by Unicode line breaking, so Chinese wraps between characters
 * and never starts a line with ，。、. The PDF is a rendering; what was signed
 * is the text, whose SHA-256 every page's footer and the annex carry.
 */
import crypto from 'node:crypto';
import { isClauseHeading } from '../domain/agreement/agreement-template';
import { BODY, drawPageFurniture, missingGlyphNote, renderCjkPdf, shanghaiTime } from './cjk-pdf';

export interface AgreementPdfInput {
  title: string;
  /** The agreement's exact text (domain/agreement/agreement-template.ts). */
  text: string;
  /** Hex SHA-256 of `text` as UTF-8; checked, so the PDF never shows a hash of other text. */
  sha256: string;
  signatures: { stepLabel: string; signerName: string; at: string; sha256: string }[];
}

const sha256Hex = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/** The text line by line; its own first line, when it is the title, was drawn as the heading. */
function drawText(doc: PDFKit.PDFDocument, title: string, text: string): void {
  const lines = text.split('\n');
  const body = lines[0]?.trim() === title.trim() ? lines.slice(1) : lines;
  for (const line of body) {
    if (line === '') {
      doc.moveDown(0.6);
    } else if (isClauseHeading(line)) {
      doc.moveDown(0.2).font('bold').fontSize(12).text(line, { lineGap: BODY.lineGap });
    } else {
      doc.font('regular').fontSize(BODY.size).text(line, { lineGap: BODY.lineGap });
    }
  }
}

/** The last page: the text's hash, characters the font cannot draw, and each signature with the hash it signed. */
function drawAnnex(doc: PDFKit.PDFDocument, input: AgreementPdfInput): void {
  doc.addPage();
  doc.font('bold').fontSize(14).text('附件\u3000签署记录', { align: 'center' }).moveDown(0.8);
  doc.font('regular').fontSize(BODY.size).text('本协议文本（UTF-8 编码）的 SHA-256 摘要：', { lineGap: BODY.lineGap });
  doc.font('regular').fontSize(10).text(input.sha256, { lineGap: BODY.lineGap }).moveDown(0.8);
  const note = missingGlyphNote([input.title, input.text, ...input.signatures.flatMap((s) => [s.stepLabel, s.signerName])], '协议文本');
  if (note) doc.font('regular').fontSize(BODY.size).text(note, { lineGap: BODY.lineGap }).moveDown(0.8);
  if (input.signatures.length === 0) {
    doc.font('regular').fontSize(BODY.size).text('尚无签署记录。', { lineGap: BODY.lineGap });
    return;
  }
  input.signatures.forEach((s, i) => {
    const same = s.sha256 === input.sha256;
    doc.font('bold').fontSize(BODY.size).text(`（${i + 1}）${s.stepLabel}`, { lineGap: BODY.lineGap });
    doc.font('regular').fontSize(BODY.size);
    doc.text(`签署人：${s.signerName}`, { lineGap: BODY.lineGap });
    doc.text(`签署时间：${shanghaiTime(s.at)}`, { lineGap: BODY.lineGap });
    doc.text(`所签文本的 SHA-256 摘要（${same ? '与本协议文本一致' : '与本协议文本不一致'}）：`, { lineGap: BODY.lineGap });
    doc.fontSize(10).text(s.sha256, { lineGap: BODY.lineGap }).moveDown(0.8);
  });
}

/** The agreement as an A4 PDF with embedded Chinese glyphs, its text's hash and its signature records. */
export function renderAgreementPdf(input: AgreementPdfInput): Promise<Buffer> {
  if (sha256Hex(input.text) !== input.sha256) {
    return Promise.reject(new Error('协议文本与其 SHA-256 摘要不符，拒绝生成 PDF'));
  }
  return renderCjkPdf({ Title: input.title, Subject: '数据利用协议' }, (doc) => {
    doc.font('bold').fontSize(18).text(input.title, { align: 'center' }).moveDown(1);
    drawText(doc, input.title, input.text);
    drawAnnex(doc, input);
    drawPageFurniture(doc, input.title, `文本 SHA-256：${input.sha256}`);
  });
}
