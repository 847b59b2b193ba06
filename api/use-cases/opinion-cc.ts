/**
 * 抄送 items of IT project opinions (Art. 9): the recipient marks its own read.
 * Someone else's item does not exist for the caller (404); reading twice
 * answers the item as it is (idempotent); the first read is audited.
 */
import type { Principal } from '../../domain/auth/principal';
import { AppError } from '../../domain/errors';
import type { CcItemView } from '../../domain/cases/it-project/opinion';
import type { ApiDeps } from '../deps';

export async function readCcItem(deps: ApiDeps, p: Principal, id: string): Promise<CcItemView> {
  const item = await deps.repos.opinions.cc(p, id);
  if (!item) throw new AppError('not_found', '没有这个抄送件');
  if (item.readAt) return item;
  if (await deps.repos.opinions.markCcRead(id, { id: p.id, name: p.name })) {
    await deps.repos.audit.append({ actor: p.name, actorOrg: p.org.name, action: 'opinion-cc-read', target: `case:${item.caseId}`, detail: { cc: id, opinionNumber: item.opinionNumber } });
  }
  return (await deps.repos.opinions.cc(p, id))!;
}
