/**
 * `Idempotency-Key` on POSTs: the first request with a key claims it, and a
 * retry — sequential or concurrent — gets the first answer instead of doing
 * the work twice. The same key with another body is a conflict.
 *
 * A claim is a lease the working process renews. If that process dies, the
 * lease lapses and the next retry takes the key over and finishes the work:
 * every request carries a `requestId` derived from its key, which the use
 * cases hand to the workflow (as the Update id), so the retry finds out from
 * the workflow or its projection whether the first attempt already took effect.
 */
import crypto from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { AppError } from '../domain/errors';
import { IN_PROGRESS, type IdempotencyRepository } from '../db/repositories/idempotency.repository';

export const idempotencyScope = (principalKind: string, principalId: string) => `${principalKind}:${principalId}`;

/** The request's id: the same for every retry of one keyed request, fresh otherwise. */
export const requestIdOf = (req: Request): string => req.requestId ?? crypto.randomUUID();

const WAIT_FOR_FIRST_MS = 15_000;
const POLL_MS = 100;

export function idempotency(repo: IdempotencyRepository, leaseMs: number): RequestHandler {
  const handler: RequestHandler = async (req, res, next) => {
    const key = req.get('idempotency-key');
    if (req.method !== 'POST') return next();
    if (!key || !req.principal) {
      req.requestId = crypto.randomUUID();
      return next();
    }
    if (key.length > 200) return next(new AppError('bad_request', 'Idempotency-Key 过长（最多 200 个字符）', { 'Idempotency-Key': '过长' }));
    const scope = idempotencyScope(req.principal.kind, req.principal.id);
    req.requestId = crypto.createHash('sha256').update(`${scope}\n${key}`).digest('hex').slice(0, 32);
    const requestHash = crypto
      .createHash('sha256')
      .update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`)
      .digest('hex');

    let claim = await repo.claim(scope, key, requestHash, leaseMs);
    if (claim === 'held') {
      // Someone sent this key before: wait for its answer (or for its lease to lapse), then answer alike.
      const until = Date.now() + WAIT_FOR_FIRST_MS;
      let first = await repo.find(scope, key);
      while (first && first.requestHash === requestHash && first.status === IN_PROGRESS && Date.now() < until) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        claim = await repo.claim(scope, key, requestHash, leaseMs);
        if (claim !== 'held') break;
        first = await repo.find(scope, key);
      }
      if (claim === 'held') {
        if (!first) return handler(req, res, next); // the first attempt failed and let the key go: try for real
        if (first.requestHash !== requestHash) {
          return next(new AppError('conflict', '该 Idempotency-Key 已用于另一个不同的请求', { 'Idempotency-Key': '已被使用' }));
        }
        if (first.status === IN_PROGRESS) return next(new AppError('conflict', '使用该 Idempotency-Key 的请求仍在处理中，请稍后重试'));
        res.setHeader('Idempotent-Replayed', 'true');
        res.status(first.status).json(first.body);
        return;
      }
    }
    req.idempotentRetry = claim === 'taken-over';

    // Keep the lease while this request works; it lapses on its own if the process dies.
    const renewal = setInterval(() => void repo.renew(scope, key, leaseMs).catch(() => undefined), Math.max(leaseMs / 3, 200));
    renewal.unref();
    let settled = false;
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      settled = true;
      clearInterval(renewal);
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
      clearInterval(renewal);
      if (!settled) repo.release(scope, key).catch(() => undefined);
    });
    next();
  };
  return handler;
}
