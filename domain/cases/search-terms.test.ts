import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bigramsOf, caseSearchTerms, foldAscii, upperAscii } from './search-terms';

test('a Chinese title gives each pair of neighbouring characters once', () => {
  assert.deepEqual(bigramsOf('不动产登记'), ['不动', '动产', '产登', '登记']);
  assert.deepEqual(bigramsOf('数据数据'), ['数据', '据数']);
});

test('a case id gives its bigrams folded to lower case, so RS-… and rs-… find it', () => {
  assert.deepEqual(bigramsOf('RS-20A'), ['rs', 's-', '-2', '20', '0a']);
});

test('one character has no bigram; characters beyond the BMP count as one', () => {
  assert.deepEqual(bigramsOf('水'), []);
  assert.deepEqual(bigramsOf(''), []);
  assert.deepEqual(bigramsOf('𠀀水'), ['𠀀水']);
});

test('only ASCII letters are folded (as SQLite folds them): Ä and ß stay, and upper case never makes SS of ß', () => {
  assert.equal(foldAscii('ÄbC'), 'Äbc');
  assert.equal(upperAscii('rs-ß'), 'RS-ß');
});

test("a case's terms: its id, title and applicant organisation's name, never a pair across two of them", () => {
  const terms = caseSearchTerms({ id: 'PD-1', title: '水质', applicantOrgName: '宁波市公安局' });
  for (const t of ['pd', 'd-', '-1', '水质', '公安', '安局']) assert.ok(terms.includes(t), t);
  assert.ok(!terms.includes('1水'));
  assert.ok(!terms.includes('质宁'));
  assert.equal(new Set(terms).size, terms.length);
  assert.deepEqual(caseSearchTerms({ id: 'PD-1', title: '水质', applicantOrgName: null }).sort(), ['pd', 'd-', '-1', '水质'].sort());
});
