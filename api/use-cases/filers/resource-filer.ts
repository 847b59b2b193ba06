/**
 * A procedure filed by naming catalog resources: one role may file it, its
 * payload is checked for shape and then by the regulation's rules over the
 * catalog (on filing and on resubmit alike), and its workflow starts from the
 * filing plus the parties the procedure names.
 */
import { AppError } from '../../../domain/errors';
import type { Principal } from '../../../domain/auth/principal';
import type { Role } from '../../../domain/auth/roles';
import type { CaseType } from '../../../domain/cases/case-types';
import type { RuleRefusal } from '../../../domain/cases/payload-rules';
import type { ResourceView } from '../../../domain/views';
import type { z } from '../../../domain/zod-locale';
import type { FiledCaseInput } from '../../../workflows/kernel/types';
import type { ApiDeps } from '../../deps';
import { actorOf } from '../case-actor';
import { checkResourceFiling } from './check-payload';
import type { Filer } from './filer';

/** The part of a start input that every filing has. */
export type Filing<P> = Pick<FiledCaseInput<P, unknown>, 'caseId' | 'filedAt' | 'applicant' | 'payload' | 'resources'>;

export function resourceFiler<S extends z.ZodType<{ resources: string[] }>>(o: {
  type: CaseType;
  idPrefix: Filer['idPrefix'];
  workflowType: Filer['workflowType'];
  /** The role a caller needs to file, and the refusal (with its article) for anyone else. */
  filedBy: { role: Role; refusal: string };
  /** The payload's shape, the regulation's rules over it and the catalog, the article a field's shape error cites, and the case title it gives. */
  payload: {
    schema: S;
    rules: (payload: z.infer<S>, catalog: ResourceView[]) => RuleRefusal | null;
    articleOfField?: Record<string, string>;
    title: (payload: z.infer<S>, resourceNames: Map<string, string>) => string;
  };
  /** The workflow's start input: the filing and what this procedure adds to it. */
  startInput: (deps: ApiDeps, p: Principal, filing: Filing<z.infer<S>>) => Promise<{ caseId: string }>;
}): Filer {
  const check = (deps: ApiDeps, raw: unknown, prefix: string) => checkResourceFiling(deps, o.payload, raw, prefix);
  return {
    type: o.type,
    idPrefix: o.idPrefix,
    workflowType: o.workflowType,
    refuse: (p) => (p.roles.includes(o.filedBy.role) ? null : new AppError('forbidden', o.filedBy.refusal)),
    async prepare(deps, p, raw, caseId) {
      const { payload, resources } = await check(deps, raw, '');
      const filing = { caseId, filedAt: new Date().toISOString(), applicant: { orgId: p.org.id, orgName: p.org.name, actor: actorOf(p) }, payload, resources };
      const startInput = await o.startInput(deps, p, filing);
      return { title: o.payload.title(payload, new Map(resources.map((r) => [r.code, r.name]))), payload, startInput };
    },
    amend: (deps, raw) => check(deps, raw, 'payload.'),
  };
}
