/**
 * The append-only, tamper-evident audit log (Art. 24; 等保2.0 安全审计).
 *
 * Each entry is signed with the audit key (HMAC, see audit-chain.ts) over its
 * own fields and the previous entry's hash, and numbered by its writer without
 * gaps. The head row (AuditHead: last sequence number and hash, itself signed)
 * moves in the same transaction as every insert, so a deleted tail no longer
 * matches it. The database refuses UPDATE and DELETE on the log (triggers of
 * the hardening migration); the signatures find whatever gets past them.
 */
import type { AuditEntry, Prisma } from '../../generated/prisma';
import { isPostgres, type Db } from '../client';
import { isUniqueViolation } from '../errors';
import {
  ChainChecker,
  entryHash,
  GENESIS,
  HEAD_REBUILT_ACTION,
  headMac,
  SCHEME_HMAC,
  SCHEME_LEGACY,
  type AuditDamage,
  type AuditVerification,
  type StoredHead,
} from './audit-chain';

export { AUDIT_DAMAGE_KINDS, type AuditDamageKind } from './audit-chain';
export type { AuditDamage, AuditVerification };

export interface AuditInput {
  actor: string;
  actorOrg?: string | null;
  action: string;
  target: string;
  detail?: Record<string, unknown>;
}

export interface AuditAppendInput extends AuditInput {
  /** Set when the entry records a fact written in the same transaction: with a key already logged, nothing is appended. */
  key?: string | null;
}

/** A Prisma interactive-transaction client (the `tx` of `db.$transaction(async (tx) => …)`). */
export type AuditTx = Prisma.TransactionClient;

export interface AuditRepositoryOptions {
  /** The HMAC key (config/audit-key.ts): the same in the API and every worker. */
  auditKey: Buffer;
  /** Entries read per query while verifying. */
  verifyBatch?: number;
}

const HEAD_ID = 'head';


/**
 * Takes the append lock before anything is read, then returns the head.
 * The first statement is a write: on SQLite it takes the write lock up front
 * (a deferred transaction that reads first and writes later can fail to
 * upgrade with SQLITE_BUSY), on PostgreSQL the row lock serialises writers.
 * A missing head row is inserted as a placeholder (seq -1) in the same statement.
 * Exported for writers that must read state under the same lock before they
 * know which entry to append (db/repositories/grant-access.repository.ts).
 */
export async function lockHead(tx: AuditTx): Promise<StoredHead> {
  await tx.$executeRawUnsafe(`INSERT INTO "AuditHead" ("id", "seq", "hash", "mac", "updatedAt") VALUES ('${HEAD_ID}', -1, '', '', CURRENT_TIMESTAMP) ON CONFLICT ("id") DO NOTHING`);
  if (isPostgres(tx)) await tx.$queryRawUnsafe(`SELECT "seq" FROM "AuditHead" WHERE "id" = '${HEAD_ID}' FOR UPDATE`);
  return tx.auditHead.findUniqueOrThrow({ where: { id: HEAD_ID }, select: { seq: true, hash: true, mac: true } });
}

async function moveHead(tx: AuditTx, auditKey: Buffer, seq: number, hash: string, at: Date): Promise<StoredHead> {
  const mac = headMac(auditKey, seq, hash);
  await tx.auditHead.update({ where: { id: HEAD_ID }, data: { seq, hash, mac, updatedAt: at } });
  return { seq, hash, mac };
}

/** What Prisma stores for a Json column and reads back: the hash is taken over exactly that. */
const asStoredJson = (detail: Record<string, unknown> | undefined): Prisma.InputJsonValue => JSON.parse(JSON.stringify(detail ?? {})) as Prisma.InputJsonValue;

async function insertAfter(tx: AuditTx, auditKey: Buffer, head: StoredHead, input: AuditAppendInput): Promise<StoredHead> {
  const at = new Date();
  const detail = asStoredJson(input.detail);
  const fields = { seq: head.seq + 1, key: input.key ?? null, at, actor: input.actor, actorOrg: input.actorOrg ?? null, action: input.action, target: input.target, detail, prevHash: head.hash };
  const hash = entryHash(auditKey, fields);
  await tx.auditEntry.create({ data: { ...fields, scheme: SCHEME_HMAC, hash } });
  return moveHead(tx, auditKey, fields.seq, hash, at);
}

/**
 * No head yet. A log written before the head existed (scheme-1 entries only)
 * is adopted as it is. If signed entries exist, someone deleted the head —
 * whose purpose is to reveal a deleted tail — so the head is rebuilt from the
 * last entry and the chain itself says so, for good: verification reports it.
 * Refusing every append instead would stop the whole system.
 */
async function rebuildHead(tx: AuditTx, auditKey: Buffer): Promise<StoredHead> {
  const last = await tx.auditEntry.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
  const head = await moveHead(tx, auditKey, last?.seq ?? 0, last?.hash ?? GENESIS, new Date());
  const signed = last ? await tx.auditEntry.findFirst({ where: { scheme: { not: SCHEME_LEGACY } }, select: { seq: true } }) : null;
  if (!signed) return head;
  return insertAfter(tx, auditKey, head, { actor: '系统', action: HEAD_REBUILT_ACTION, target: 'audit:head', detail: { lastSeq: head.seq, lastHash: head.hash } });
}

/**
 * Appends one entry inside the caller's transaction, so the entry exists if
 * and only if what it records was written. With `key` set and already logged
 * (a retried activity whose transaction committed), nothing is appended.
 * `locked`: the head `lockHead` returned earlier in this transaction, with no
 * entry appended since (it saves taking the lock twice).
 */
export async function appendAuditEntryWithin(tx: AuditTx, auditKey: Buffer, input: AuditAppendInput, locked?: StoredHead): Promise<void> {
  let head = locked ?? (await lockHead(tx));
  if (head.seq < 0) head = await rebuildHead(tx, auditKey);
  if (input.key != null && (await tx.auditEntry.findUnique({ where: { key: input.key }, select: { seq: true } }))) return;
  await insertAfter(tx, auditKey, head, input);
}

/** A concurrent writer got there first (unique seq/prevHash/key), or SQLite stayed busy past its timeout. */
const isRetryable = (e: unknown): boolean => {
  if (isUniqueViolation(e)) return true;
  const code = (e as { code?: string })?.code;
  if (code === 'P2034' || code === 'P1008') return true;
  return /database is locked|SQLITE_BUSY|deadlock detected|could not serialize/i.test(String((e as Error)?.message ?? ''));
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createAuditRepository(db: Db, opts: AuditRepositoryOptions) {
  const { auditKey } = opts;
  const batch = opts.verifyBatch ?? 500;
  // Appends of this process run one after another: they would only queue on the lock anyway.
  let tail: Promise<unknown> = Promise.resolve();

  const appendNow = async (input: AuditAppendInput): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      try {
        await db.$transaction((tx) => appendAuditEntryWithin(tx, auditKey, input), { maxWait: 15_000, timeout: 30_000 });
        return;
      } catch (e) {
        if (!isRetryable(e) || attempt >= 8) throw e;
        await pause(attempt * 20 + Math.random() * 50);
      }
    }
  };

  const repo = {
    /** Appends one entry in its own transaction. */
    append(input: AuditAppendInput): Promise<void> {
      const p = tail.then(
        () => appendNow(input),
        () => appendNow(input),
      );
      tail = p.catch(() => undefined);
      return p;
    },

    /** Appends inside the caller's interactive transaction (see appendAuditEntryWithin). */
    appendWithin(tx: AuditTx, input: AuditAppendInput): Promise<void> {
      return appendAuditEntryWithin(tx, auditKey, input);
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
      if (!recent) await repo.append(input);
    },

    /** One page of entries, newest first by seq; `afterSeq` is the last seq of the previous page. */
    async list(filter: { actor?: string; target?: string; from?: Date; to?: Date }, page: { limit: number; afterSeq: number | null } = { limit: 500, afterSeq: null }) {
      const where: Prisma.AuditEntryWhereInput = {
        ...(filter.actor ? { actor: { contains: filter.actor } } : {}),
        ...(filter.target ? { target: { contains: filter.target } } : {}),
        ...(filter.from || filter.to ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
      };
      const [rows, total] = await Promise.all([
        db.auditEntry.findMany({ where: page.afterSeq === null ? where : { AND: [where, { seq: { lt: page.afterSeq } }] }, orderBy: { seq: 'desc' }, take: page.limit + 1 }),
        db.auditEntry.count({ where }),
      ]);
      return { rows: rows.slice(0, page.limit), more: rows.length > page.limit, total };
    },

    /**
     * Checks every entry and the head, reading `verifyBatch` entries at a time.
     * Appends may continue meanwhile: an entry is visible only together with
     * the head that names it, so after reading the head, any entry not yet
     * seen is read too before the two are compared.
     */
    async verify(): Promise<AuditVerification> {
      const checker = new ChainChecker(auditKey);
      let after: number | null = null;
      const fail = async (damage: AuditDamage): Promise<AuditVerification> => ({ ok: false, entries: await db.auditEntry.count(), firstBadEntry: damage.seq, damage });
      for (let round = 0; ; round++) {
        for (;;) {
          const rows: AuditEntry[] = await db.auditEntry.findMany({ where: after === null ? {} : { seq: { gt: after } }, orderBy: { seq: 'asc' }, take: batch });
          for (const row of rows) {
            const damage = checker.check(row);
            if (damage) return fail(damage);
            after = row.seq;
          }
          if (rows.length < batch) break;
        }
        const head = await db.auditHead.findUnique({ where: { id: HEAD_ID }, select: { seq: true, hash: true, mac: true } });
        const newer = await db.auditEntry.findFirst({ where: after === null ? {} : { seq: { gt: after } }, select: { seq: true } });
        if (newer && round < 50) continue;
        const damage = checker.checkHead(head);
        return damage ? fail(damage) : { ok: true, entries: checker.checked };
      }
    },
  };
  return repo;
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
