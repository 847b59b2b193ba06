/** Reading a PDF the API made back as text, for the PDF tests (api/agreement-pdf.test.ts, api/opinion-pdf.test.ts). */

export interface ReadPage { body: string; furniture: string; fonts: { name: string; embedded: boolean }[] }

/** Reads a PDF back with pdf.js: per page the body text (between the margins), the header and footer text, and the fonts used. */
export async function readPdf(pdf: Buffer): Promise<ReadPage[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: ReadPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const height = page.view[3]!;
    const ops = await page.getOperatorList();
    const fontIds = new Set<string>(ops.fnArray.flatMap((fn, i) => (fn === pdfjs.OPS.setFont ? [String(ops.argsArray[i][0])] : [])));
    const fonts = [...fontIds].map((id) => {
      const font = page.commonObjs.get(id) as { name: string; missingFile: boolean };
      return { name: font.name, embedded: font.missingFile === false };
    });
    let body = '';
    let furniture = '';
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item)) continue;
      const y = item.transform[5] as number;
      if (y < 60 || y > height - 60) furniture += `${item.str}\n`;
      else body += item.str;
    }
    pages.push({ body, furniture, fonts });
  }
  await doc.destroy();
  return pages;
}

export const compact = (s: string) => s.replace(/[\s\u3000]/g, '');
