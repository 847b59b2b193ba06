/** The public data resource catalog (API.md "Catalog", PROCEDURES §3). */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { anonymous, as, assertError, type Client, type Json } from './client';

// The five resources API.md names. The catalog may hold more (the demo data has a sixth), so tests check
// these five and that every listed item matches the filter.
const DEMO = {
  'NB-PSB-0001': { name: '人口基础信息', provider: 'psb', shareClass: 'restricted', openClass: 'none' },
  'NB-AMR-0001': { name: '企业登记信息', provider: 'amr', shareClass: 'unconditional', openClass: 'unconditional' },
  'NB-WATER-0001': { name: '用水户信息', provider: 'water', shareClass: 'restricted', openClass: 'conditional' },
  'NB-PSB-0002': { name: '户籍变动明细', provider: 'psb', shareClass: 'none', openClass: 'none' },
  'NB-AMR-0002': { name: '行政处罚信息', provider: 'amr', shareClass: 'restricted', openClass: 'conditional' },
} as const;
type Code = keyof typeof DEMO;
const codesWhere = (pred: (d: (typeof DEMO)[Code]) => boolean) => (Object.keys(DEMO) as Code[]).filter((c) => pred(DEMO[c])).sort();
const demoCodesIn = (items: Json[]) => items.map((r) => r.code as string).filter((c) => c in DEMO).sort();

describe('catalog', () => {
  let c: Client;
  before(async () => {
    c = await as('amr.applicant');
  });

  test('GET /catalog/resources lists the five demo resources with their classes and provider', async () => {
    const r = await c.get('/catalog/resources');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(Object.keys(r.body), ['items']);
    const byCode = new Map<string, Json>(r.body.items.map((x: Json) => [x.code, x]));
    for (const [code, want] of Object.entries(DEMO)) {
      const got = byCode.get(code);
      assert.ok(got, `${code} missing from the catalog`);
      assert.equal(got.name, want.name, code);
      assert.equal(got.shareClass, want.shareClass, code);
      assert.equal(got.openClass, want.openClass, code);
      assert.equal(got.provider.id, want.provider, code);
      assert.equal(typeof got.provider.name, 'string');
    }
    assert.equal(byCode.get('NB-PSB-0001').provider.name, '宁波市公安局');
    assert.equal(byCode.get('NB-WATER-0001').provider.name, '宁波市水务环境集团');
    assert.equal(byCode.get('NB-AMR-0001').provider.name, '宁波市市场监督管理局');
  });

  test('filter shareClass=restricted', async () => {
    const r = await c.get('/catalog/resources?shareClass=restricted');
    assert.equal(r.status, 200, r.text);
    assert.ok(r.body.items.length > 0);
    for (const x of r.body.items) assert.equal(x.shareClass, 'restricted', x.code);
    assert.deepEqual(demoCodesIn(r.body.items), codesWhere((d) => d.shareClass === 'restricted'));
  });

  test('filter shareClass=none and shareClass=unconditional', async () => {
    const none = await c.get('/catalog/resources?shareClass=none');
    assert.equal(none.status, 200);
    for (const x of none.body.items) assert.equal(x.shareClass, 'none');
    assert.deepEqual(demoCodesIn(none.body.items), ['NB-PSB-0002']);
    const unc = await c.get('/catalog/resources?shareClass=unconditional');
    assert.equal(unc.status, 200);
    for (const x of unc.body.items) assert.equal(x.shareClass, 'unconditional');
    assert.deepEqual(demoCodesIn(unc.body.items), ['NB-AMR-0001']);
  });

  test('filter openClass=conditional', async () => {
    const r = await c.get('/catalog/resources?openClass=conditional');
    assert.equal(r.status, 200, r.text);
    for (const x of r.body.items) assert.equal(x.openClass, 'conditional', x.code);
    assert.deepEqual(demoCodesIn(r.body.items), codesWhere((d) => d.openClass === 'conditional'));
  });

  test('filter provider=psb', async () => {
    const r = await c.get('/catalog/resources?provider=psb');
    assert.equal(r.status, 200, r.text);
    for (const x of r.body.items) assert.equal(x.provider.id, 'psb', x.code);
    assert.deepEqual(demoCodesIn(r.body.items), ['NB-PSB-0001', 'NB-PSB-0002']);
  });

  test('filters combine: provider=psb&shareClass=restricted', async () => {
    const r = await c.get('/catalog/resources?provider=psb&shareClass=restricted');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(demoCodesIn(r.body.items), ['NB-PSB-0001']);
  });

  test('free-text q=人口', async () => {
    const r = await c.get(`/catalog/resources?q=${encodeURIComponent('人口')}`);
    assert.equal(r.status, 200, r.text);
    assert.ok(r.body.items.some((x: Json) => x.code === 'NB-PSB-0001'), 'q=人口 does not find 人口基础信息');
    for (const x of r.body.items) assert.ok(`${x.name} ${x.code} ${x.system}`.includes('人口'), `${x.code} does not match 人口`);
    assert.ok(!r.body.items.some((x: Json) => x.code === 'NB-AMR-0001'));
  });

  test('a q that matches nothing → empty list', async () => {
    const r = await c.get(`/catalog/resources?q=${encodeURIComponent('不存在的资源名称zzz')}`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { items: [] });
  });

  test('a bad enum → 400 naming the parameter', async () => {
    assertError(await c.get('/catalog/resources?shareClass=public'), 400, 'bad_request', { fields: ['shareClass'] });
    assertError(await c.get('/catalog/resources?openClass=maybe'), 400, 'bad_request', { fields: ['openClass'] });
  });

  test('GET /catalog/resources/NB-PSB-0001 has the fields of PROCEDURES §3', async () => {
    const r = await c.get('/catalog/resources/NB-PSB-0001');
    assert.equal(r.status, 200, r.text);
    const x = r.body;
    assert.equal(x.code, 'NB-PSB-0001');
    assert.equal(x.name, '人口基础信息');
    assert.equal(x.system, '宁波市人口信息管理系统');
    assert.deepEqual(x.dataItems, ['公民身份号码', '姓名', '性别', '民族', '出生日期', '户籍地址']);
    assert.equal(x.storageFormat, '数据库表');
    assert.equal(x.shareClass, 'restricted');
    assert.equal(x.openClass, 'none');
    // Art. 16: a restricted entry carries its reason and legal basis.
    assert.match(x.shareReason, /个人身份信息/);
    assert.match(x.shareLegalBasis, /居民身份证法/);
    assert.equal(typeof x.openReason, 'string');
    assert.equal(x.provisionMethod, '接口');
    assert.equal(x.updateCycle, 'daily');
    assert.equal(x.updateCycleLabel, '每日');
    assert.equal(x.sharePeriodDays, 365);
    assert.deepEqual(x.provider, { id: 'psb', name: '宁波市公安局' });
    // The demo seeds it as collected a few hours before the stack started (prisma/demo-data.ts), in Shanghai time.
    assert.match(x.lastUpdatedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    assert.ok(Date.parse(x.lastUpdatedAt) < Date.now());
    assert.equal(x.updateLapsed, false); // a daily cycle, updated within the day (Art. 26)
  });

  test('an unconditional entry needs no reason', async () => {
    const r = await c.get('/catalog/resources/NB-AMR-0001');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.shareReason, null);
    assert.equal(r.body.shareLegalBasis, null);
  });

  test('an unknown code → 404', async () => {
    const r = await c.get('/catalog/resources/NB-NOPE-9999');
    assertError(r, 404, 'not_found');
    assert.match(r.body.error.message, /NB-NOPE-9999/);
  });

  test('401 without sign-in', async () => {
    assertError(await anonymous().get('/catalog/resources'), 401, 'unauthenticated');
    assertError(await anonymous().get('/catalog/resources/NB-PSB-0001'), 401, 'unauthenticated');
  });

  test('every signed-in user may read the catalog, a citizen too', async () => {
    const r = await (await as('citizen.zhang')).get('/catalog/resources?openClass=conditional');
    assert.equal(r.status, 200, r.text);
  });
});
