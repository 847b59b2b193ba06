import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shapeIssues, type Shape } from './shape';
import { shapeToZod } from './shape-zod';
import { payloadRefusal } from '../procedures/decision-check';
import { RESTRICTED_SHARE_SHAPE } from '../cases/restricted-share/shape';
import { CONDITIONAL_OPEN_SHAPE } from '../cases/conditional-open/shape';
import { PROBLEM_DATA_SHAPE } from '../cases/problem-data/shape';
import { IT_PROJECT_SHAPE } from '../cases/it-project/shape';

// The workflows re-check a resubmit with `shapeIssues`, the API checks the filing with the zod schema built from the
// same shape: a payload one refuses the other refuses, with the same message for each field.

const VALID: [string, Shape, Record<string, unknown>][] = [
  ['restricted-share', RESTRICTED_SHARE_SHAPE, { resources: ['R-1'], dataItems: ['姓名'], businessProcess: '审批', scenario: '核验', dutyBasis: '条例', method: 'interface', accessDays: 30, undertaking: true }],
  ['conditional-open', CONDITIONAL_OPEN_SHAPE, { resources: ['R-1'], purpose: '研究', scenario: '分析', securityMeasures: '加密', contact: '0574-1' }],
  ['problem-data', PROBLEM_DATA_SHAPE, { resource: 'R-1', recordRef: 'id-1', field: '姓名', problemType: 'error', description: '错字' }],
  [
    'it-project',
    IT_PROJECT_SHAPE,
    {
      projectName: '一网通办',
      investmentWan: 120.5,
      content: '建设',
      buildsOwnCloudOrDataCenter: false,
      dataCatalog: [{ name: '办件', dataItems: ['编号'], shareClass: 'restricted', openClass: 'none' }],
      sharingPlan: '接口',
      plannedCompletion: '2027-06-30',
    },
  ],
];

const long = (n: number) => 'a'.repeat(n);
/** Values that break one rule or another of most fields. */
const ODD: unknown[] = [
  undefined, null, true, false, 0, -1, 0.5, 0.001, 1.234, 3651, 1096, 1e20, 10_000_001, Number.NaN,
  '', '   ', ' x ', 'interface', 'exchange', 'privacy', 'none', '2026-02-30', '2026-13-01', '20260101', '2027-01-01',
  long(61), long(101), long(201), long(2001), long(5001),
  [], [''], ['  '], [1], [null], ['R-1', 'R-1'], [long(61)], [long(101)], Array.from({ length: 21 }, (_, i) => `R-${i}`), Array.from({ length: 201 }, () => 'a'),
  {}, { x: 1 }, [{}], [{ name: '', dataItems: [], shareClass: 'x', openClass: 'y', extra: 1 }],
];

const zodFields = (shape: Shape, raw: unknown) => {
  const r = shapeToZod(shape).safeParse(raw);
  if (r.success) return null;
  const fields: Record<string, string> = {};
  for (const i of r.error.issues) fields[['payload', ...i.path].join('.')] ??= i.message;
  return fields;
};

function* variants(base: Record<string, unknown>): Generator<unknown> {
  yield base;
  yield null;
  yield [];
  yield 'x';
  yield { ...base, unknownKey: 1, other: 2 };
  const keys = Object.keys(base).concat(['desensitized', 'crossBorder', 'exchangeJustification', 'securityAssessment', 'useDays', 'urgent']);
  for (const k of keys) {
    for (const v of ODD) {
      yield { ...base, [k]: v };
      if (Array.isArray(base.dataCatalog)) yield { ...base, dataCatalog: [{ ...(base.dataCatalog[0] as object), [k === 'dataItems' ? 'dataItems' : 'name']: v }] };
    }
  }
  for (const entryKey of ['name', 'dataItems', 'shareClass', 'openClass', 'extra']) {
    for (const v of ODD) if (Array.isArray(base.dataCatalog)) yield { ...base, dataCatalog: [base.dataCatalog[0], { ...(base.dataCatalog[0] as object), [entryKey]: v }] };
  }
  // several fields wrong at once
  for (let i = 0; i < ODD.length; i++) yield Object.fromEntries(Object.keys(base).map((k, j) => [k, ODD[(i + j * 7) % ODD.length]]));
}

test('a payload the workflow re-check refuses is one the API schema refuses, with the same message per field', () => {
  for (const [name, shape, base] of VALID) {
    let refused = 0;
    for (const raw of variants(base)) {
      const plain = payloadRefusal(shape, raw, '第1条')?.fields ?? null;
      assert.deepEqual(plain, zodFields(shape, raw), `${name}: ${JSON.stringify(raw)?.slice(0, 300)}`);
      if (plain) refused++;
    }
    assert.ok(refused > 100, `${name}: the corpus refuses (${refused})`);
  }
});

test('a valid payload passes both; the schema trims and fills defaults, the re-check only judges', () => {
  for (const [, shape, base] of VALID) {
    assert.deepEqual(shapeIssues(shape, base), []);
    assert.ok(shapeToZod(shape).safeParse(base).success);
  }
  const parsed = shapeToZod(RESTRICTED_SHARE_SHAPE).parse({ ...VALID[0]![2], scenario: '  核验  ' }) as { scenario: string; desensitized: boolean };
  assert.equal(parsed.scenario, '核验');
  assert.equal(parsed.desensitized, false);
});

test('a resubmit names each wrong field once, under payload., with the Chinese message users see', () => {
  const r = payloadRefusal(RESTRICTED_SHARE_SHAPE, { ...VALID[0]![2], scenario: '  ', accessDays: 1.5, resources: [], extra: 1 }, '第17条');
  assert.deepEqual(r, {
    message: '修改后的申请内容有误',
    article: '第17条',
    fields: {
      'payload.scenario': '请填写应用场景',
      'payload.accessDays': '使用期限须为整数天',
      'payload.resources': '至少选择一项数据资源',
      payload: '出现未知的键(key): "extra"',
    },
  });
});
