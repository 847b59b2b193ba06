import type { Response } from 'express';

/** Answers a PDF the browser shows inline (and saves under `filename`). */
export function sendInlinePdf(res: Response, filename: string, pdf: Buffer): { body: undefined } {
  res.status(200).type('application/pdf').set('Content-Disposition', `inline; filename="${encodeURIComponent(filename)}"`).send(pdf);
  return { body: undefined };
}
