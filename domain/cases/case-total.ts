/**
 * How many cases a list reports (`total`, `totalCapped` of GET /cases). A
 * count over a city's cases grows with the city; past this many matches it
 * stops counting and says "more than" — a clerk reads "1 000 条以上" the same.
 */
export const CASE_TOTAL_CAP = 1000;

export interface CaseTotal {
  /** The number of matches, or CASE_TOTAL_CAP when there are more (then `totalCapped`). */
  total: number;
  totalCapped: boolean;
}

/** The total to report for `n` matches counted (at most CASE_TOTAL_CAP + 1 of them need be counted). */
export const cappedTotal = (n: number): CaseTotal => (n > CASE_TOTAL_CAP ? { total: CASE_TOTAL_CAP, totalCapped: true } : { total: n, totalCapped: false });
