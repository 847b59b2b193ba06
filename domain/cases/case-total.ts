/**
 * How many cases a list reports (`total`, `totalCapped` of GET /cases). A
 * count over a city's cases grows with the city; past this many matches it
 * stops counting and says "more than" — a clerk reads "1 000 条以上" the same.
 */
export const CASE_TOTAL_CAP = 1000;

/**
 * A search (`q`) counts up to this many: each match is confirmed by its case
 * row (the LIKE, a provider's visibility), about 2 µs of SQLite and 7 µs of
 * PostgreSQL a match, so counting to 1 000 was the one cost of a search that
 * grew with the city. Ten pages of 20; past them a clerk narrows the search.
 */
export const SEARCH_TOTAL_CAP = 200;

export interface CaseTotal {
  /** The number of matches, or the list's cap (CASE_TOTAL_CAP, a search's SEARCH_TOTAL_CAP) when there are more (then `totalCapped`). */
  total: number;
  totalCapped: boolean;
}

/** The total to report for `n` matches counted (at most cap + 1 of them need be counted). */
export const cappedTotal = (n: number, cap = CASE_TOTAL_CAP): CaseTotal => (n > cap ? { total: cap, totalCapped: true } : { total: n, totalCapped: false });
