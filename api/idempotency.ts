/**
 * `Idempotency-Key` on POSTs: the first answer is stored, and a retry with the
 * same key (and the same body) gets it back instead of doing the work twice.
 */
import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '../domain/errors';
import type { IdempotencyRepository } from '../db/repositories/idempotency.repository';

export const idempotencyScope = (principalKind: string, principalId: string) => `${principalKind}:${principalId}`;

export function idempotency(repo: IdempotencyRepository): RequestHandler {
  return async (req, res, next) => {
    const key = req.get('idempotency-key');
    if (req.method !== 'POST' || !key || !req.principal) return next();
    if (key.length > 200) return next(new AppError('bad_request', 'Idempotency-Key 过长（最多 200 个字符）', { 'Idempotency-Key': '过长' }));
    const scope = idempotencyScope(req.principal.kind, req.principal.id);
    const requestHash = crypto
      .createHash('sha256')
      .update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`)
      .digest('hex');
    const previous = await repo.find(scope, key);
    if (previous) {
      if (previous.requestHash !== requestHash) {
        return next(new AppError('conflict', '该 Idempotency-Key 已用于另一个不同的请求', { 'Idempotency-Key': '已被使用' }));
      }
      res.setHeader('Idempotent-Replayed', 'true');
      res.status(previous.status).json(previous.body);
      return;
    }
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      // Only settled answers are replayed; a failure may be retried for real.
      if (res.statusCode < 500) {
        repo.save(scope, key, requestHash, res.statusCode, body).catch((e: unknown) => console.error('[idempotency] save failed', e));
      }
      return json(body);
    };
    next();
  };
}
