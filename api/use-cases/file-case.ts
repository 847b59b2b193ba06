/**
 * Filing a case of any procedure: the procedure's filer checks and prepares it;
 * then the row first (pending), then the workflow. A start that fails or times
 * out keeps the row; the reconciler (case-starts.ts) asks Temporal and starts it
 * or marks it failed. A retry of the same keyed request finds the row and makes
 * sure its workflow runs.
 */
import crypto from 'node:crypto';
import type { Principal } from '../../domain/auth/principal';
import { AppError } from '../../domain/errors';
import { isUniqueViolation } from '../../db/errors';
import type { ApiDeps } from '../deps';
import { failpoint } from '../failpoints';
import { startCaseWorkflow } from './case-starts';
import { filerOf } from './filers';

/** A readable case number; derived from the Idempotency-Key when there is one, so a retry names the same case. */
function newCaseId(prefix: string, idempotencyScope?: string): string {
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  const tail = idempotencyScope
    ? crypto.createHash('sha256').update(idempotencyScope).digest('hex').slice(0, 8)
    : crypto.randomBytes(4).toString('hex');
  return `${prefix}-${day}-${tail.toUpperCase()}`;
}

export async function fileCase(deps: ApiDeps, p: Principal, type: string, rawPayload: unknown, idempotencyKey?: string): Promise<{ id: string; workflowId: string; status: string }> {
  const filer = filerOf(type);
  if (!filer) throw new AppError('rule_refused', `${type} 流程尚未开通`, { type: '可提交：restricted-share、conditional-open、problem-data、it-project' });
  const refusal = filer.refuse(p);
  if (refusal) throw refusal;
  const id = newCaseId(filer.idPrefix, idempotencyKey ? `${p.kind}:${p.id}:${idempotencyKey}` : undefined);
  const workflowId = `${type}-${id}`;
  const { title, payload, startInput } = await filer.prepare(deps, p, rawPayload, id);
  try {
    await deps.repos.caseStarts.createPending({ id, type: filer.type, title, applicantOrgId: p.org.id, applicantUserId: p.kind === 'user' ? p.id : null, payload, workflowId, startInput });
  } catch (e) {
    // A retry of the same keyed request filed it already: that case is the answer, once its workflow runs.
    const existing = isUniqueViolation(e) ? await deps.repos.cases.find(id) : null;
    if (!existing) throw e;
    if (existing.startState === 'pending') await startOrExplain(deps, { id, type, workflowId, startInput: existing.startInput });
    return { id, workflowId: existing.workflowId, status: existing.status };
  }
  failpoint('file:before-start');
  await startOrExplain(deps, { id, type, workflowId, startInput });
  // The filing's audit entry is written by the workflow with its first record ('case-file').
  return { id, workflowId, status: 'in-progress' };
}

async function startOrExplain(deps: ApiDeps, c: { id: string; type: string; workflowId: string; startInput: unknown }): Promise<void> {
  try {
    await startCaseWorkflow(deps, c, { awaitFirstRecord: true });
  } catch (e) {
    await deps.repos.caseStarts.recordStartError(c.id, (e as Error).message);
    throw new AppError('unavailable', `办件 ${c.id} 已保存，但流程引擎暂不可用；系统将自动重试启动，无需重新提交（使用同一 Idempotency-Key 重试可得到该办件）`, { caseId: c.id });
  }
}
