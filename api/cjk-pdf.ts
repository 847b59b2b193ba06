/**
 * What every Chinese PDF the API makes shares (the data-use agreement, the IT
 * project review opinion): an A4 pdfkit document with Noto Sans CJK SC from the
 * npm package @embedpdf/fonts-sc (OFL-1.1) registered as `regular` and `bold` —
 * a full OpenType font resolved from node_modules, so nothing is downloaded at
 * install or run time, rare name characters (喆, 堃, 燊, CJK Extension A) have
 * glyphs, and pdfkit embeds only the glyphs a document uses; the code points the
 * font cannot draw; instants as a reader in Ningbo reads them.
 */
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import * as fontkit from 'fontkit';
import { format } from 'date-fns';
import { tz } from '@date-fns/tz';
import { SHANGHAI } from '../domain/calendar/shanghai-time';

// The package exports only its index; the fonts sit in fonts/ beside dist/.
const FONT_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
const FONT_FILES = { regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' } as const;

let fontData: { regular: Buffer; bold: Buffer } | undefined;
/** Read once per process (8 MB each). */
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
 * emoji, a bidi control), as `U+XXXX`: they print as empty boxes, so a document
 * names them rather than let a reader take the box for the text.
 */
export function missingGlyphs(texts: string[]): string[] {
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

/** The sentence a document prints when some of its characters have no glyph; null when every one has. */
export function missingGlyphNote(texts: string[], authority: string): string | null {
  const missing = missingGlyphs(texts);
  if (missing.length === 0) return null;
  const shown = missing.length > 40 ? `${missing.slice(0, 40).join('、')} 等${missing.length}个` : missing.join('、');
  return `注：下列字符在本 PDF 所用字体中没有字形，显示为方框，以${authority}为准：${shown}。`;
}

export const MARGIN = 72; // 2.54 cm
export const BODY = { size: 11, lineGap: 5 };
export const GREY = '#555555';
const inShanghai = tz(SHANGHAI);

/** An instant as a reader in Ningbo reads it; anything unparsable is shown as stored. */
export function shanghaiTime(at: string): string {
  const instant = new Date(at);
  return Number.isNaN(instant.getTime()) ? at : `${format(instant, 'yyyy年M月d日 HH:mm:ss', { in: inShanghai })}（北京时间）`;
}

/** The date of an instant in Asia/Shanghai, as a Chinese document writes it (2026年11月30日). */
export function shanghaiDate(at: string): string {
  const instant = new Date(at);
  return Number.isNaN(instant.getTime()) ? at : format(instant, 'yyyy年M月d日', { in: inShanghai });
}

/**
 * Lays out one document: `draw` gets an A4 document with the CJK fonts
 * registered (pages buffered, so page furniture can be drawn last); the PDF's
 * bytes come back once `draw` returns and the document ends.
 */
export function renderCjkPdf(info: { Title: string; Subject: string }, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, lang: 'zh-CN', displayTitle: true, info: { ...info, Creator: '甬数流程' } });
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
    draw(doc);
    doc.end();
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
  return done;
}

/** Page numbers on every page, a left footer text, and from page 2 on a header: drawn once every page is laid out. */
export function drawPageFurniture(doc: PDFKit.PDFDocument, header: string, footer: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Drawing inside the margins must not make pdfkit start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const width = doc.page.width - 2 * MARGIN;
    const footerY = doc.page.height - MARGIN / 2 - 8;
    doc.font('regular').fontSize(8).fillColor(GREY);
    if (footer) doc.text(footer, MARGIN, footerY, { width, lineBreak: false });
    doc.text(`第 ${i - start + 1} 页 / 共 ${count} 页`, MARGIN, footerY, { width, align: 'right', lineBreak: false });
    if (i > start) doc.text(header, MARGIN, MARGIN / 2, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
    doc.fillColor('black');
  }
}
