/**
 * The audit chain's cryptography and its checker, apart from any database.
 *
 * Scheme 2 (every entry written now):
 *   hash = hex HMAC-SHA-256(key, canonicalJson({seq, key, at, actor, actorOrg, action, target, detail, prevHash}))
 *   with `at` as ISO 8601 text, absent key/actorOrg as null, and prevHash the previous entry's hash
 *   (64 zeros before the first entry).
 * Scheme 1 (entries written before issue #12, accepted only before the first scheme-2 entry):
 *   hash = hex SHA-256(JSON.stringify([at, actor, actorOrg, action, target, detail, prevHash])).
 * The head (AuditHead, outside the audit table):
 *   mac = hex HMAC-SHA-256(key, `head:${seq}:${hash}`), naming the last entry.
 */
import crypto from 'node:crypto';
import { canonicalJson } from '../../domain/audit/canonical-json';

export const GENESIS = '0'.repeat(64);
export const SCHEME_LEGACY = 1;
export const SCHEME_HMAC = 2;
/** Written when the head was found missing although signed entries exist (see audit.repository.ts). */
export const HEAD_REBUILT_ACTION = 'audit-head-rebuilt';

export interface ChainFields {
  seq: number;
  key: string | null;
  at: Date;
  actor: string;
  actorOrg: string | null;
  action: string;
  target: string;
  detail: unknown;
  prevHash: string;
}

export interface StoredEntry extends ChainFields {
  scheme: number;
  hash: string;
}

export interface StoredHead {
  seq: number;
  hash: string;
  mac: string;
}

const hmac = (auditKey: Buffer, text: string) => crypto.createHmac('sha256', auditKey).update(text, 'utf8').digest('hex');

export const entryHash = (auditKey: Buffer, e: ChainFields): string =>
  hmac(
    auditKey,
    canonicalJson({ seq: e.seq, key: e.key, at: e.at.toISOString(), actor: e.actor, actorOrg: e.actorOrg, action: e.action, target: e.target, detail: e.detail, prevHash: e.prevHash }),
  );

/** The pre-#12 algorithm, kept only to verify old entries. */
export const legacyEntryHash = (e: ChainFields): string =>
  crypto
    .createHash('sha256')
    .update(JSON.stringify([e.at.toISOString(), e.actor, e.actorOrg, e.action, e.target, e.detail, e.prevHash]))
    .digest('hex');

export const headMac = (auditKey: Buffer, seq: number, hash: string): string => hmac(auditKey, `head:${seq}:${hash}`);

const sameHex = (a: string, b: string) => {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && crypto.timingSafeEqual(x, y);
};

export const AUDIT_DAMAGE_KINDS = ['entry-altered', 'chain-broken', 'entries-missing', 'tail-truncated', 'head-mismatch', 'unsigned-after-signed'] as const;
export type AuditDamageKind = (typeof AUDIT_DAMAGE_KINDS)[number];

export interface AuditDamage {
  kind: AuditDamageKind;
  /** The first bad entry: the altered or mis-linked one, or the first missing sequence number. */
  seq: number;
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  firstBadEntry?: number;
  damage?: AuditDamage;
}

/**
 * Walks the log entry by entry in sequence order (the caller streams it in
 * batches), then compares the end with the head. The first damage found is
 * returned; everything before it is intact.
 */
export class ChainChecker {
  private prevHash = GENESIS;
  private lastSeq = 0;
  private signedSeen = false;
  checked = 0;

  constructor(private readonly auditKey: Buffer) {}

  get lastEntrySeq(): number {
    return this.lastSeq;
  }

  check(e: StoredEntry): AuditDamage | null {
    this.checked++;
    const damage = this.damageOf(e);
    this.prevHash = e.hash;
    this.lastSeq = e.seq;
    if (e.scheme === SCHEME_HMAC) this.signedSeen = true;
    return damage;
  }

  private damageOf(e: StoredEntry): AuditDamage | null {
    const n = e.seq;
    if (e.scheme !== SCHEME_LEGACY && e.scheme !== SCHEME_HMAC) return { kind: 'entry-altered', seq: n, message: `第 ${n} 条记录的签名方案（${e.scheme}）无效：记录被改动` };
    if (e.scheme === SCHEME_LEGACY && this.signedSeen) {
      return { kind: 'unsigned-after-signed', seq: n, message: `第 ${n} 条记录没有密钥签名（旧算法），却出现在已签名的记录之后：记录是在本系统之外用不带密钥的哈希写入或改写的` };
    }
    if (e.scheme === SCHEME_HMAC) {
      // Signed entries are numbered by their writer without gaps: a gap is a deleted entry.
      const expected = this.lastSeq + 1;
      if (n > expected) {
        const range = n - 1 === expected ? `第 ${expected} 条` : `第 ${expected}–${n - 1} 条`;
        return { kind: 'entries-missing', seq: expected, message: `${range}记录缺失：记录被删除（第 ${n} 条之前）` };
      }
      if (n < expected) return { kind: 'entry-altered', seq: n, message: `第 ${n} 条记录的序号无效：记录被改动` };
    }
    let expectedHash: string;
    try {
      expectedHash = e.scheme === SCHEME_HMAC ? entryHash(this.auditKey, e) : legacyEntryHash(e);
    } catch {
      expectedHash = '';
    }
    if (!sameHex(e.hash, expectedHash)) {
      return {
        kind: 'entry-altered',
        seq: n,
        message: e.scheme === SCHEME_HMAC ? `第 ${n} 条记录的内容与其签名不符：记录被改动，或其签名不是用本系统的审计密钥算出的` : `第 ${n} 条记录（旧算法）的内容与其哈希不符：记录被改动`,
      };
    }
    if (e.prevHash !== this.prevHash) {
      return { kind: 'chain-broken', seq: n, message: `第 ${n} 条记录所指的前一条记录不是链上的前一条：其间的记录被删除、插入或调换` };
    }
    if (e.scheme === SCHEME_HMAC && e.action === HEAD_REBUILT_ACTION) {
      return { kind: 'head-mismatch', seq: n, message: `链头曾被删除，系统于第 ${n} 条重建了链头：在此之前末尾的记录是否被删除已无法确认` };
    }
    return null;
  }

  /** After the last entry: the head must name it, with a valid signature. */
  checkHead(head: StoredHead | null): AuditDamage | null {
    const last = this.lastSeq;
    if (!head) {
      if (this.checked === 0) return null; // nothing written yet
      return { kind: 'head-mismatch', seq: last, message: `链头缺失：日志有 ${this.checked} 条记录，却没有链头记录，末尾的记录是否被删除无法确认` };
    }
    if (!sameHex(head.mac, headMac(this.auditKey, head.seq, head.hash))) {
      return { kind: 'head-mismatch', seq: head.seq, message: `链头（第 ${head.seq} 条）的签名无效：链头被改动或伪造` };
    }
    if (head.seq > last) {
      const range = head.seq === last + 1 ? `第 ${head.seq} 条` : `第 ${last + 1}–${head.seq} 条`;
      return { kind: 'tail-truncated', seq: last + 1, message: `末尾记录被删除：链头记到第 ${head.seq} 条，日志只到第 ${last} 条（${range}缺失）` };
    }
    if (head.seq < last) {
      return { kind: 'head-mismatch', seq: head.seq + 1, message: `第 ${head.seq + 1} 条起的记录不在链头之内：这些记录不是本系统写入的` };
    }
    if (head.hash !== this.prevHash) {
      return { kind: 'head-mismatch', seq: last, message: `链头与第 ${last} 条记录的哈希不符：末尾记录被替换` };
    }
    return null;
  }
}
