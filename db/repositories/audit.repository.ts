/**
 * The append-only audit log (Art. 24): each entry carries the hash of the one
 * before it, so any edit or deletion breaks the chain and `verify` finds it.
 */
import crypto from 'node:crypto';
import type { Db } from '../client';
import { isUniqueViolation } from '../errors';

export interface AuditInput {
  actor: string;
  actorOrg?: string | null;
  action: string;
  target: string;
  detail?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

const hashOf = (e: { at: Date; actor: string; actorOrg: string | null; action: string; target: string; detail: unknown; prevHash: string }) =>
  crypto
    .createHash('sha256')
    .update(JSON.stringify([e.at.toISOString(), e.actor, e.actorOrg, e.action, e.target, e.detail, e.prevHash]))
    .digest('hex');

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** Interim (replaced by the keyed chain): appends inside the caller's transaction; a key appends once. */
export async function appendWithin(tx: Tx, input: AuditInput & { key?: string }): Promise<void> {
  if (input.key && (await tx.auditEntry.findUnique({ where: { key: input.key } }))) return;
  const last = await tx.auditEntry.findFirst({ orderBy: { seq: 'desc' } });
  const entry = { at: new Date(), actor: input.actor, actorOrg: input.actorOrg ?? null, action: input.action, target: input.target, detail: input.detail ?? {}, prevHash: last?.hash ?? GENESIS };
  await tx.auditEntry.create({ data: { ...entry, key: input.key ?? null, detail: entry.detail as object, hash: hashOf(entry) } });
}

export function createAuditRepository(db: Db) {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    /**
     * Appends one entry after the current last one. Appends are serialised in
     * this process; across processes (several API instances) the unique
     * prevHash makes a second writer of the same link fail, and it retries.
     */
    append(input: AuditInput): Promise<void> {
      const run = async () => {
        for (let attempt = 1; ; attempt++) {
          const last = await db.auditEntry.findFirst({ orderBy: { seq: 'desc' } });
          const entry = {
            at: new Date(),
            actor: input.actor,
            actorOrg: input.actorOrg ?? null,
            action: input.action,
            target: input.target,
            detail: input.detail ?? {},
            prevHash: last?.hash ?? GENESIS,
          };
          try {
            await db.auditEntry.create({ data: { ...entry, detail: entry.detail as object, hash: hashOf(entry) } });
            return;
          } catch (e) {
            if (!isUniqueViolation(e) || attempt >= 20) throw e;
          }
        }
      };
      const p = tail.then(run, run);
      tail = p.catch(() => undefined);
      return p;
    },

    /**
     * For views: a page that refreshes itself while a case runs would log a
     * view every half minute; one entry per viewer and target per window says
     * the same (Art. 24) without drowning the log.
     */
    async appendView(input: AuditInput, windowMs = 10 * 60_000): Promise<void> {
      const recent = await db.auditEntry.findFirst({
        where: { actor: input.actor, actorOrg: input.actorOrg ?? null, action: input.action, target: input.target, at: { gte: new Date(Date.now() - windowMs) } },
      });
      if (!recent) await this.append(input);
    },

    async list(filter: { actor?: string; target?: string; from?: Date; to?: Date }, limit = 500) {
      return db.auditEntry.findMany({
        where: {
          ...(filter.actor ? { actor: { contains: filter.actor } } : {}),
          ...(filter.target ? { target: { contains: filter.target } } : {}),
          ...(filter.from || filter.to ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
        },
        orderBy: { seq: 'desc' },
        take: limit,
      });
    },

    async verify(): Promise<{ ok: boolean; entries: number; firstBadEntry?: number }> {
      const all = await db.auditEntry.findMany({ orderBy: { seq: 'asc' } });
      let prev = GENESIS;
      for (const e of all) {
        const expected = hashOf({ ...e, detail: e.detail });
        if (e.prevHash !== prev || e.hash !== expected) return { ok: false, entries: all.length, firstBadEntry: e.seq };
        prev = e.hash;
      }
      return { ok: true, entries: all.length };
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
