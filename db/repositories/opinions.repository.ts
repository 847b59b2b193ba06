/**
 * IT project opinions 审核意见 (Art. 9) and their 抄送 items.
 *
 * Numbers: one per deciding task, allocated in ONE transaction that bumps the
 * year's counter (an atomic upsert: `INSERT … ON CONFLICT DO UPDATE SET last =
 * last + 1 RETURNING last`, which row-locks on PostgreSQL and takes the write
 * lock first on SQLite) and writes the opinion row keyed by the task. A retried
 * activity finds its task's row and rolls its bump back, so a number is never
 * reused and never skipped; a race the database refuses (first row of a year,
 * serialization) is retried whole.
 */
import type { Db } from '../client';
import { isUniqueViolation } from '../errors';
import type { Principal } from '../../domain/auth/principal';
import { formatShanghai } from '../../domain/calendar';
import type { CcCursor } from '../../domain/paging';
import { OPINION_RECIPIENT_ROLE, opinionNumber, shanghaiYear, type CcItemView, type OpinionDecision } from '../../domain/cases/it-project/opinion';
import { keysetAfter } from './cases.repository';
import type { Prisma } from '../../generated/prisma';

export interface OpinionRequest {
  taskId: string;
  caseId: string;
  decision: OpinionDecision;
  conditions?: string;
  comment?: string;
  /** The decision's instant: its year (Asia/Shanghai) is the number's. */
  decidedAt: Date;
}

export interface IssuedOpinion {
  number: string;
  year: number;
  seq: number;
  decision: OpinionDecision;
  conditions?: string;
  comment?: string;
  issuedAt: string; // ISO instant
}

type OpinionRow = Awaited<ReturnType<Db['opinion']['findFirstOrThrow']>>;

const issued = (r: OpinionRow): IssuedOpinion => ({
  number: r.number,
  year: r.year,
  seq: r.seq,
  decision: r.decision as OpinionDecision,
  ...(r.conditions ? { conditions: r.conditions } : {}),
  ...(r.comment ? { comment: r.comment } : {}),
  issuedAt: r.issuedAt.toISOString(),
});

/** Thrown inside the transaction when the task already has its number: rolls the counter's bump back. */
class AlreadyIssued extends Error {
  constructor(readonly row: OpinionRow) {
    super('opinion already issued for this task');
  }
}

/** A concurrent transaction got in the way (PostgreSQL serialization/deadlock, SQLite busy): run it again. */
const isRetryable = (e: unknown): boolean => {
  const err = e as { code?: string; message?: string } | null;
  return isUniqueViolation(e) || err?.code === 'P2034' || /deadlock|could not serialize|database is locked|SQLITE_BUSY/i.test(err?.message ?? '');
};

export function createOpinionsRepository(db: Db) {
  async function allocateOnce(o: OpinionRequest): Promise<IssuedOpinion> {
    const year = shanghaiYear(o.decidedAt);
    try {
      return await db.$transaction(async (tx) => {
        const [{ last }] = await tx.$queryRaw<{ last: number | bigint }[]>`
          INSERT INTO "OpinionCounter" ("year", "last") VALUES (${year}, 1)
          ON CONFLICT ("year") DO UPDATE SET "last" = "OpinionCounter"."last" + 1
          RETURNING "last"` as [{ last: number | bigint }];
        const existing = await tx.opinion.findUnique({ where: { taskId: o.taskId } });
        if (existing) throw new AlreadyIssued(existing);
        const seq = Number(last);
        const row = await tx.opinion.create({
          data: { taskId: o.taskId, caseId: o.caseId, year, seq, number: opinionNumber(year, seq), decision: o.decision, conditions: o.conditions ?? null, comment: o.comment ?? null, issuedAt: o.decidedAt },
        });
        return issued(row);
      });
    } catch (e) {
      if (e instanceof AlreadyIssued) return issued(e.row);
      throw e;
    }
  }

  return {
    /** The opinion of the deciding task: its number allocated once, whatever the retries and races. */
    async allocate(o: OpinionRequest): Promise<IssuedOpinion> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await allocateOnce(o);
        } catch (e) {
          if (attempt >= 20 || !isRetryable(e)) throw e;
          await new Promise((r) => setTimeout(r, Math.min(200, 5 * attempt) + Math.random() * 20));
        }
      }
    },

    async ofCase(caseId: string): Promise<IssuedOpinion | null> {
      const r = await db.opinion.findFirst({ where: { caseId }, orderBy: { issuedAt: 'desc' } });
      return r ? issued(r) : null;
    },

    /** Every organisation where an active user holds `opinion-recipient`: who gets each opinion (Art. 9). */
    async recipients(): Promise<{ orgId: string; orgName: string }[]> {
      const orgs = await db.organisation.findMany({
        where: { users: { some: { active: true, roles: { some: { role: OPINION_RECIPIENT_ROLE } } } } },
        orderBy: { id: 'asc' },
      });
      return orgs.map((o) => ({ orgId: o.id, orgName: o.name }));
    },

    /** One page of the caller's organisation's 抄送 items (open = unread), newest first; none for a caller without the role. */
    async ccFor(p: Principal, f: { status: 'open' | 'done'; caseId?: string }, page: { limit: number; after: CcCursor | null }): Promise<{ items: CcItemView[]; total: number; next: CcCursor | null }> {
      if (!p.roles.includes(OPINION_RECIPIENT_ROLE)) return { items: [], total: 0, next: null };
      const where: Prisma.OpinionCcWhereInput = { orgId: p.org.id, readAt: f.status === 'open' ? null : { not: null }, ...(f.caseId ? { caseId: f.caseId } : {}) };
      const from = page.after ? keysetAfter<Prisma.OpinionCcWhereInput, 'createdAt' | 'id'>(['createdAt', 'id'], [new Date(page.after.t), page.after.i], 'desc') : {};
      const [rows, total] = await Promise.all([
        db.opinionCc.findMany({ where: { AND: [where, from] }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: page.limit + 1 }),
        db.opinionCc.count({ where }),
      ]);
      const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
      return { items: rows.slice(0, page.limit).map(ccView), total, next: last ? { k: 'cc', t: last.createdAt.getTime(), i: last.id } : null };
    },

    /** The caller's organisation's item, or null (someone else's is not there for it). */
    async cc(p: Principal, id: string): Promise<CcItemView | null> {
      if (!p.roles.includes(OPINION_RECIPIENT_ROLE)) return null;
      const r = await db.opinionCc.findFirst({ where: { id, orgId: p.org.id } });
      return r ? ccView(r) : null;
    },

    /** Marks it read once (compare-and-set on readAt) and says whether this call did; the audit entry is the caller's. */
    async markCcRead(id: string, by: { id: string; name: string }): Promise<boolean> {
      const r = await db.opinionCc.updateMany({ where: { id, readAt: null }, data: { readAt: new Date(), readById: by.id, readByName: by.name } });
      return r.count === 1;
    },

    /** Organisations that received a copy of the case's opinion: they may read the case (domain/cases/case-visibility.ts). */
    async ccOrgIds(caseId: string): Promise<string[]> {
      return (await db.opinionCc.findMany({ where: { caseId }, select: { orgId: true } })).map((r) => r.orgId);
    },
  };
}
export type OpinionsRepository = ReturnType<typeof createOpinionsRepository>;

type CcRow = Awaited<ReturnType<Db['opinionCc']['findFirstOrThrow']>>;
const ccView = (r: CcRow): CcItemView => ({
  id: r.id,
  kind: 'cc',
  caseId: r.caseId,
  caseType: 'it-project',
  step: 'opinion-cc',
  title: r.title,
  opinionNumber: r.opinionNumber,
  createdAt: formatShanghai(r.createdAt),
  readAt: r.readAt ? formatShanghai(r.readAt) : null,
  readBy: r.readById ? { id: r.readById, name: r.readByName ?? r.readById } : null,
});
