/**
 * The data-use agreement as an A4 PDF (API.md: GET /cases/{id}/agreement.pdf).
 *
 * Made offline: pdfkit lays out and wraps the text (Unicode line breaking, so
 * Chinese wraps between characters and never starts a line with ，。、) and
 * embeds a subset of Noto Sans CJK SC from the npm package @embedpdf/fonts-sc
 * (OFL-1.1): a full OpenType font, resolved from node_modules, so nothing is
 * downloaded at install or run time and rare name characters (喆, 堃, 燊, the
 * CJK Extension A block) still have glyphs. The PDF is a rendering; what was
 * signed is the text, whose SHA-256 every page's footer and the annex carry.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import * as fontkit from 'fontkit';
import { format } from 'date-fns';
import { tz } from '@date-fns/tz';
import { isClauseHeading } from '../domain/agreement/agreement-template';
import { SHANGHAI } from '../domain/calendar/shanghai-time';

export interface AgreementPdfInput {
  title: string;
  /** The agreement's exact text (domain/agreement/agreement-template.ts). */
  text: string;
  /** Hex SHA-256 of `text` as UTF-8; checked, so the PDF never shows a hash of other text. */
  sha256: string;
  signatures: { stepLabel: string; signerName: string; at: string; sha256: string }[];
}

// The package exports only its index; the fonts sit in fonts/ beside dist/.
const FONT_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
const FONT_FILES = { regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' } as const;

let fontData: { regular: Buffer; bold: Buffer } | undefined;
/** Read once per process (8 MB each); pdfkit embeds only the glyphs a document uses. */
function fonts(): { regular: Buffer; bold: Buffer } {
  fontData ??= {
    regular: fs.readFileSync(path.join(FONT_DIR, FONT_FILES.regular)),
    bold: fs.readFileSync(path.join(FONT_DIR, FONT_FILES.bold)),
  };
  return fontData;
}

let regularFace: fontkit.Font | undefined;
/**
 * Code points the font has no glyph for (an Extension B name character, an
 * emoji, a bidi control): they print as empty boxes, so the annex names them
 * rather than let a reader take the box for the text.
 */
function missingGlyphs(texts: string[]): string[] {
  if (!regularFace) {
    const face = fontkit.create(fonts().regular);
    if (!('hasGlyphForCodePoint' in face)) throw new Error(`${FONT_FILES.regular} is a font collection, not a font`);
    regularFace = face;
  }
  const face = regularFace;
  const missing = new Set<number>();
  for (const text of texts) {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp >= 0x20 && !face.hasGlyphForCodePoint(cp)) missing.add(cp);
    }
  }
  return [...missing].map((cp) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
}

const MARGIN = 72; // 2.54 cm
const BODY = { size: 11, lineGap: 5 };
const GREY = '#555555';
const inShanghai = tz(SHANGHAI);

const sha256Hex = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/** A signature instant as a reader in Ningbo reads it; anything unparsable is shown as stored. */
function shanghaiTime(at: string): string {
  const instant = new Date(at);
  return Number.isNaN(instant.getTime()) ? at : `${format(instant, 'yyyy年M月d日 HH:mm:ss', { in: inShanghai })}（北京时间）`;
}

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
  const missing = missingGlyphs([input.title, input.text, ...input.signatures.flatMap((s) => [s.stepLabel, s.signerName])]);
  if (missing.length > 0) {
    const shown = missing.length > 40 ? `${missing.slice(0, 40).join('、')} 等${missing.length}个` : missing.join('、');
    doc.font('regular').fontSize(BODY.size).text(`注：下列字符在本 PDF 所用字体中没有字形，显示为方框，以协议文本为准：${shown}。`, { lineGap: BODY.lineGap }).moveDown(0.8);
  }
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

/** Page numbers, the text's hash, and from page 2 on the title: drawn once every page is laid out. */
function drawPageFurniture(doc: PDFKit.PDFDocument, title: string, sha256: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Drawing inside the margins must not make pdfkit start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const width = doc.page.width - 2 * MARGIN;
    const footerY = doc.page.height - MARGIN / 2 - 8;
    doc.font('regular').fontSize(8).fillColor(GREY);
    doc.text(`文本 SHA-256：${sha256}`, MARGIN, footerY, { width, lineBreak: false });
    doc.text(`第 ${i - start + 1} 页 / 共 ${count} 页`, MARGIN, footerY, { width, align: 'right', lineBreak: false });
    if (i > start) doc.text(title, MARGIN, MARGIN / 2, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
    doc.fillColor('black');
  }
}

/** The agreement as an A4 PDF with embedded Chinese glyphs, its text's hash and its signature records. */
export function renderAgreementPdf(input: AgreementPdfInput): Promise<Buffer> {
  if (sha256Hex(input.text) !== input.sha256) {
    return Promise.reject(new Error('协议文本与其 SHA-256 摘要不符，拒绝生成 PDF'));
  }
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: input.title, Subject: '数据利用协议', Creator: '甬数流程' },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    const { regular, bold } = fonts();
    doc.registerFont('regular', regular);
    doc.registerFont('bold', bold);
    doc.font('bold').fontSize(18).text(input.title, { align: 'center' }).moveDown(1);
    drawText(doc, input.title, input.text);
    drawAnnex(doc, input);
    drawPageFurniture(doc, input.title, input.sha256);
    doc.end();
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
  return done;
}
