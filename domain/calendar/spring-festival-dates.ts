/**
 * 正月初一 (Spring Festival, day 1) for the years after the bundled data.
 * Checked three ways, all in agreement: the classic 1900–2049 lunarInfo
 * table, published Chinese New Year lists, and the Beijing-time new moon
 * (Meeus ch. 49). Do not regenerate this with Intl's `ca-chinese`: ICU puts
 * 2027 on 02-07 and 2030 on 02-02, because those new moons fall within
 * minutes of Beijing midnight (2027-02-06 23:56, 2030-02-03 00:07).
 */
export const SPRING_FESTIVAL_DAY_ONE: Readonly<Record<number, string>> = {
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
  2031: '2031-01-23',
  2032: '2032-02-11',
  2033: '2033-01-31',
  2034: '2034-02-19',
  2035: '2035-02-08',
  2036: '2036-01-28',
  2037: '2037-02-15',
  2038: '2038-02-04',
  2039: '2039-01-24',
  2040: '2040-02-12',
};
