import { Router } from 'express';
import { z } from '../../domain/zod-locale';
import { AppError } from '../../domain/errors';
import type { OpinionFacts } from '../../domain/opinion/opinion-document';
import { defineRoute } from '../define-route';
import { sendInlinePdf } from '../send-pdf';
import { renderOpinionPdf } from '../opinion-pdf';
import type { ApiDeps } from '../deps';

export function opinionRoutes(deps: ApiDeps): Router {
  const { registry, repos } = deps;
  const router = Router();

  // the review opinion 审核意见 as a PDF: whoever may see the case (its owner, the BDB, the cc recipients)
  defineRoute(router, registry, 'GET /cases/:id/opinion.pdf', {
    summary: '信息化项目审核意见 PDF（文号、审核结论、条件或理由、依据第9条）', tags: ['办件'], access: 'signed-in',
    params: z.object({ id: z.string().max(80) }),
    responses: { 200: { description: 'application/pdf' }, 404: { description: '尚未出具审核意见，或无权查看该办件' } },
    handler: async ({ params, principal, res }) => {
      // The case as the caller may see it: visibility is the case's own (domain/cases/case-visibility).
      const c = await repos.cases.detail(params.id, principal);
      const opinion = c?.type === 'it-project' ? c.outcome?.opinion : null;
      if (!c || !opinion) throw new AppError('not_found', '没有这份审核意见（大数据局审核后出具）');
      // Every download is logged (Art. 24).
      await repos.audit.appendView({ actor: principal.name, actorOrg: principal.org.name, action: 'opinion-download', target: `case:${c.id}` });
      const p = c.payload;
      const facts: OpinionFacts = {
        ...opinion,
        projectName: typeof p.projectName === 'string' ? p.projectName : c.title,
        ownerName: c.applicant.org.name,
        investmentWan: typeof p.investmentWan === 'number' || typeof p.investmentWan === 'string' ? p.investmentWan : '—',
        plannedCompletion: typeof p.plannedCompletion === 'string' ? p.plannedCompletion : null,
      };
      const pdf = await renderOpinionPdf(facts);
      return sendInlinePdf(res, `opinion-${params.id}.pdf`, pdf);
    },
  });

  return router;
}
