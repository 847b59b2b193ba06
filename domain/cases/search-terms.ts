/**
 * The case search's terms (GET /cases?q=): every two-character piece
 * (bigram) of a case's id, title and applicant organisation's name. A word of
 * two or more characters can only be inside a text whose bigrams include all
 * of the word's, so the cases holding one of its bigrams are a superset of the
 * matches, read from an index in list order; the LIKE conditions of the list
 * then keep the real matches (two bigrams far apart are not the word).
 *
 * Characters are code points (as SQLite's and PostgreSQL's substr count them);
 * only ASCII letters are folded to lower case, because that is all SQLite's
 * LIKE and lower() fold — the migration's SQL backfill computes the same terms.
 */

/** ASCII A–Z to a–z, nothing else: a per-character map, so a substring stays a substring. */
export const foldAscii = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** ASCII a–z to A–Z only (case ids are upper-case ASCII; `toUpperCase` would turn ß into SS). */
export const upperAscii = (s: string): string => s.replace(/[a-z]/g, (c) => c.toUpperCase());

/** The distinct bigrams of one text, folded; none for a text shorter than two characters. */
export function bigramsOf(text: string): string[] {
  const chars = Array.from(foldAscii(text));
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
  return [...out];
}

/** A case's search terms: the bigrams of its id, title and applicant organisation's name (each on its own, none across them). */
export function caseSearchTerms(c: { id: string; title: string; applicantOrgName: string | null }): string[] {
  return [...new Set([...bigramsOf(c.id), ...bigramsOf(c.title), ...bigramsOf(c.applicantOrgName ?? '')])];
}
