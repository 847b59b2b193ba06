/**
 * `Idempotency-Key` on POSTs: the first request with a key claims it, and a
 * retry — sequential or concurrent — gets the first answer instead of doing
 * the work twice. The same key with another body is a conflict.
 */
import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '../domain/errors';
import { IN_PROGRESS, type IdempotencyRepository } from '../db/repositories/idempotency.repository';

export const idempotencyScope = (principalKind: string, principalId: string) => `${principalKind}:${principalId}`;

const WAIT_FOR_FIRST_MS = 15_000;

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

    if (!(await repo.claim(scope, key, requestHash))) {
      // Someone sent this key before: wait for its answer, then give the same one.
      const until = Date.now() + WAIT_FOR_FIRST_MS;
      let first = await repo.find(scope, key);
      while (first && first.requestHash === requestHash && first.status === IN_PROGRESS && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 100));
        first = await repo.find(scope, key);
      }
      if (!first) return idempotency(repo)(req, res, next); // the first attempt failed and let the key go: try for real
      if (first.requestHash !== requestHash) {
        return next(new AppError('conflict', '该 Idempotency-Key 已用于另一个不同的请求', { 'Idempotency-Key': '已被使用' }));
      }
      if (first.status === IN_PROGRESS) return next(new AppError('conflict', '使用该 Idempotency-Key 的请求仍在处理中，请稍后重试'));
      res.setHeader('Idempotent-Replayed', 'true');
      res.status(first.status).json(first.body);
      return;
    }

    let settled = false;
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      settled = true;
      // Only settled answers are kept; after a server failure the key is let go and a retry does the work.
      const keep = res.statusCode < 500 ? repo.complete(scope, key, res.statusCode, body) : repo.release(scope, key);
      keep.then(
        () => json(body),
        (e: unknown) => {
          console.error('[idempotency] could not record the answer', e);
          json(body);
        },
      );
      return res;
    };
    res.on('close', () => {
      if (!settled) repo.release(scope, key).catch(() => undefined);
    });
    next();
  };
}
