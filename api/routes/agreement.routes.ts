import { Router } from 'express';
import { z } from '../../domain/zod-locale';
import { AppError } from '../../domain/errors';
import type { Principal } from '../../domain/auth/principal';
import { agreementTitle } from '../../domain/agreement/agreement-template';
import { stepLabelOf } from '../../domain/procedures';
import { defineRoute } from '../define-route';
import { sendInlinePdf } from '../send-pdf';
import { renderAgreementPdf } from '../agreement-pdf';
import type { ApiDeps } from '../deps';

const agreementSchema = z
  .object({
    templateVersion: z.string(),
    text: z.string(),
    sha256: z.string().describe('text 按 UTF-8 编码的 SHA-256（十六进制）'),
    createdAt: z.string(),
    signatures: z.array(z.object({ step: z.string(), signerName: z.string(), userId: z.string().nullable(), at: z.string(), sha256: z.string().describe('签署时所签文本的 SHA-256') })),
  })
  .openapi('Agreement');

export function agreementRoutes(deps: ApiDeps): Router {
  const { registry, repos } = deps;
  const router = Router();

  /** The agreement of a case the caller may see; 404 otherwise or before it is drawn up. Every read is audited (Art. 24). */
  async function agreementOf(id: string, p: Principal, action: string) {
    const c = await repos.cases.findVisible(id, p);
    const a = c ? await repos.agreements.forCase(c.id) : null;
    if (!c || !a) throw new AppError('not_found', '没有这份数据利用协议（综合评估通过后生成）');
    await repos.audit.appendView({ actor: p.name, actorOrg: p.org.name, action, target: `case:${c.id}` });
    return a;
  }

  // the data-use agreement's exact text, its hash and its signatures
  defineRoute(router, registry, 'GET /cases/:id/agreement', {
    summary: '数据利用协议（全文、SHA-256 与签署记录）', tags: ['办件'], access: 'signed-in',
    params: z.object({ id: z.string().max(80) }),
    responses: { 200: { description: '协议', schema: agreementSchema }, 404: { description: '没有这份协议，或无权查看' } },
    handler: async ({ params, principal }) => ({ body: await agreementOf(params.id, principal, 'agreement-view') }),
  });

  // the same text as a PDF with its signatures
  defineRoute(router, registry, 'GET /cases/:id/agreement.pdf', {
    summary: '数据利用协议 PDF（与全文相同，附签署记录）', tags: ['办件'], access: 'signed-in',
    params: z.object({ id: z.string().max(80) }),
    responses: { 200: { description: 'application/pdf' }, 404: { description: '没有这份协议，或无权查看' } },
    handler: async ({ params, principal, res }) => {
      const a = await agreementOf(params.id, principal, 'agreement-download');
      const pdf = await renderAgreementPdf({
        title: agreementTitle(a.templateVersion),
        text: a.text,
        sha256: a.sha256,
        signatures: a.signatures.map((s) => ({ stepLabel: stepLabelOf('conditional-open', s.step), signerName: s.signerName, at: s.at, sha256: s.sha256 })),
      });
      return sendInlinePdf(res, `agreement-${params.id}.pdf`, pdf);
    },
  });

  return router;
}
