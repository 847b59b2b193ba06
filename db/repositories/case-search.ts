/**
 * The case search's index (CaseSearchTerm, domain/cases/search-terms.ts):
 * written with the case row, in the same transaction, and read by the case
 * list for `q` (cases.repository.ts). A search walks the rarest of its
 * bigrams' index range newest first — the list's own order — confirming each
 * case by the list's conditions (LIKE on the case row), so a page reads about
 * a page of rows and the count stops at its cap.
 */
import type { Prisma } from '../../generated/prisma';
import { bigramsOf, caseSearchTerms } from '../../domain/cases/search-terms';
import { SqlParams } from '../sql-params';

type Tx = Prisma.TransactionClient;

/** At most this many bigrams of a query are weighed for the walk (the LIKE checks every word anyway). */
const MAX_PROBED_TERMS = 8;

async function applicantOrgName(tx: Tx, orgId: string): Promise<string | null> {
  return (await tx.organisation.findUnique({ where: { id: orgId }, select: { name: true } }))?.name ?? null;
}

/** The terms of a new case; call in the transaction that creates the case row. */
export async function writeCaseSearchTerms(tx: Tx, c: { id: string; title: string; applicantOrgId: string; createdAt: Date }): Promise<void> {
  const terms = caseSearchTerms({ id: c.id, title: c.title, applicantOrgName: await applicantOrgName(tx, c.applicantOrgId) });
  if (terms.length) await tx.caseSearchTerm.createMany({ data: terms.map((term) => ({ term, createdAt: c.createdAt, caseId: c.id })) });
}

/**
 * A case's terms after its title changes (an IT project resubmitted, Art. 9);
 * call in the transaction that writes the title, before writing it. Deletes
 * the old and new terms by their key (no index on caseId is needed) and writes
 * the new ones, so a retried or repeated retitle leaves the same rows.
 */
export async function retitleCaseSearchTerms(tx: Tx, caseId: string, newTitle: string): Promise<void> {
  const c = await tx.case.findUnique({ where: { id: caseId }, select: { title: true, applicantOrgId: true, createdAt: true } });
  if (!c || c.title === newTitle) return;
  const orgName = await applicantOrgName(tx, c.applicantOrgId);
  const before = caseSearchTerms({ id: caseId, title: c.title, applicantOrgName: orgName });
  const after = caseSearchTerms({ id: caseId, title: newTitle, applicantOrgName: orgName });
  await tx.caseSearchTerm.deleteMany({ where: { caseId, createdAt: c.createdAt, term: { in: [...new Set([...before, ...after])] } } });
  if (after.length) await tx.caseSearchTerm.createMany({ data: after.map((term) => ({ term, createdAt: c.createdAt, caseId })) });
}

/** The distinct bigrams of a query's words: what the index can look up (none when every word is one character). */
export const queryBigrams = (words: readonly string[]): string[] => [...new Set(words.flatMap((w) => bigramsOf(w)))];

/**
 * Of a query's bigrams, the one with the fewest cases (each counted up to
 * `cap` from the index alone, one statement): the walk reads the fewest rows.
 */
export async function rarestBigram(db: { $queryRawUnsafe: Tx['$queryRawUnsafe'] }, pg: boolean, bigrams: readonly string[], cap: number): Promise<string> {
  const probed = bigrams.slice(0, MAX_PROBED_TERMS);
  if (probed.length === 1) return probed[0] as string;
  const sql = new SqlParams(pg);
  const counts = probed.map((t, i) => `(SELECT COUNT(*) FROM (SELECT 1 FROM "CaseSearchTerm" WHERE "term" = ${sql.p(t)} LIMIT ${sql.p(cap)}) x${i}) AS "n${i}"`);
  const [row] = await db.$queryRawUnsafe<Record<string, number | bigint>[]>(`SELECT ${counts.join(', ')}`, ...sql.values);
  let best = 0;
  probed.forEach((_, i) => {
    if (Number(row?.[`n${i}`] ?? 0) < Number(row?.[`n${best}`] ?? 0)) best = i;
  });
  return probed[best] as string;
}
