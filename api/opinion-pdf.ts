/**
 * The IT project review opinion 审核意见 as an A4 PDF (GET /cases/{id}/opinion.pdf):
 * the words of domain/opinion/opinion-document.ts, laid out as an official
 * letter — issuer, number, title, addressee, the project's facts, conclusion,
 * conditions or reasons, basis (Art. 9), issuer and date, 抄送 — in embedded
 * Chinese glyphs (api/cjk-pdf.ts).
 */
import { opinionDocument, type OpinionFacts } from '../domain/opinion/opinion-document';
import { BODY, drawPageFurniture, GREY, MARGIN, missingGlyphNote, renderCjkPdf } from './cjk-pdf';

const RED = '#b91c1c';

export function renderOpinionPdf(facts: OpinionFacts): Promise<Buffer> {
  const d = opinionDocument(facts);
  return renderCjkPdf({ Title: `${d.number} ${d.title}`, Subject: '信息化项目审核意见' }, (doc) => {
    const width = doc.page.width - 2 * MARGIN;
    const para = { lineGap: BODY.lineGap, align: 'justify' as const };
    doc.font('bold').fontSize(22).fillColor(RED).text(d.issuer, { align: 'center', characterSpacing: 2 });
    doc.moveDown(0.3).font('regular').fontSize(11).fillColor('black').text(d.number, { align: 'center' });
    const y = doc.y + 6;
    doc.moveTo(MARGIN, y).lineTo(MARGIN + width, y).lineWidth(1.5).strokeColor(RED).stroke();
    doc.y = y + 18;
    doc.x = MARGIN;
    doc.font('bold').fontSize(16).fillColor('black').text(d.title, { align: 'center', lineGap: 4 }).moveDown(1);
    doc.font('regular').fontSize(BODY.size + 1).text(d.addressee, para).moveDown(0.3);
    // A paragraph's first line is indented two characters, as Chinese documents are.
    const indented = { ...para, indent: 2 * (BODY.size + 1) };
    doc.text(d.conclusion, indented).moveDown(0.6);
    for (const [label, value] of d.facts) doc.font('bold').text(`${label}：`, { continued: true, lineGap: BODY.lineGap }).font('regular').text(value, para);
    doc.moveDown(0.6);
    d.sections.forEach((s, i) => {
      doc.font('bold').fontSize(BODY.size + 1).text(`${['一', '二', '三', '四', '五'][i] ?? i + 1}、${s.heading}`, { lineGap: BODY.lineGap });
      for (const line of s.text.split('\n')) doc.font('regular').text(line, indented);
      doc.moveDown(0.4);
    });
    doc.moveDown(0.4).font('regular').fontSize(BODY.size).fillColor(GREY).text(d.basis, para).fillColor('black');
    doc.moveDown(2).fontSize(BODY.size + 1).text(d.issuer, { align: 'right' }).text(d.date, { align: 'right' });
    doc.moveDown(2);
    const ccY = doc.y;
    doc.moveTo(MARGIN, ccY).lineTo(MARGIN + width, ccY).lineWidth(0.5).strokeColor(GREY).stroke();
    doc.moveDown(0.3).fontSize(BODY.size).text(d.cc, MARGIN, doc.y, { lineGap: BODY.lineGap });
    const note = missingGlyphNote([d.title, d.addressee, ...d.sections.map((s) => s.text)], '系统中的审核意见');
    if (note) doc.moveDown(0.6).fontSize(9).fillColor(GREY).text(note, { lineGap: 3 }).fillColor('black');
    drawPageFurniture(doc, `${d.number} ${d.title}`, `${d.issuer} ${d.number}`);
  });
}
