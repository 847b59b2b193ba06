import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkItProjectRules, itProjectPayloadSchema, plannedCompletionProblem, registeredResourcesRefusal } from './payload';
import { checkAcceptance, completionReminderAt, nextCompletionReminder } from './completion';
import { opinionNumber, shanghaiYear } from './opinion';

const valid = {
  projectName: '智慧监管平台',
  investmentWan: 1280.5,
  content: '建设内容',
  buildsOwnCloudOrDataCenter: false,
  dataCatalog: [{ name: '企业信用', dataItems: ['代码'], shareClass: 'restricted', openClass: 'none' }],
  sharingPlan: '按目录共享',
  plannedCompletion: '2027-02-28',
};
const issues = (p: unknown) => {
  const r = itProjectPayloadSchema.safeParse(p);
  return r.success ? [] : [...new Set(r.error.issues.map((i) => i.path.join('.')))];
};

describe('IT project filing rules', () => {
  test('investment: above 0, at most 10 000 000 万元, at most two decimals', () => {
    assert.deepEqual(issues(valid), []);
    for (const bad of [0, -1, 10_000_000.01, 1.234, '100']) assert.deepEqual(issues({ ...valid, investmentWan: bad }), ['investmentWan'], String(bad));
    for (const ok of [0.01, 10_000_000, 19.99, 1.1]) assert.deepEqual(issues({ ...valid, investmentWan: ok }), [], String(ok));
  });

  test('planned completion is a real YYYY-MM-DD date, not before today', () => {
    for (const bad of ['2027-02-29', '2027-2-1', '2027/02/01', '']) assert.deepEqual(issues({ ...valid, plannedCompletion: bad }), ['plannedCompletion'], bad);
    assert.equal(plannedCompletionProblem({ plannedCompletion: '2026-11-30' }, '2026-11-30'), null, 'today is fine');
    assert.deepEqual(Object.keys(plannedCompletionProblem({ plannedCompletion: '2026-11-29' }, '2026-11-30')!.fields), ['plannedCompletion']);
  });

  test('Art. 8 refuses an own cloud or data centre, Art. 11 an empty catalog; a restricted entry is fine', () => {
    const p = itProjectPayloadSchema.parse(valid);
    assert.equal(checkItProjectRules(p), null);
    assert.equal(checkItProjectRules({ ...p, buildsOwnCloudOrDataCenter: true })?.article, '第8条');
    assert.deepEqual(Object.keys(checkItProjectRules({ ...p, dataCatalog: [] })!.fields), ['dataCatalog']);
    assert.equal(checkItProjectRules({ ...p, dataCatalog: [] })?.article, '第11条');
  });

  test('completion names exactly one resource per catalog entry', () => {
    const p = itProjectPayloadSchema.parse(valid);
    assert.equal(registeredResourcesRefusal(p, ['NB-1']), null);
    for (const bad of [undefined, [], ['NB-1', 'NB-2']]) assert.deepEqual(Object.keys(registeredResourcesRefusal(p, bad)!.fields), ['registeredResources']);
  });
});

describe('the opinion number', () => {
  test('甬数审〔YYYY〕N号, the year in Asia/Shanghai', () => {
    assert.equal(opinionNumber(2026, 12), '甬数审〔2026〕12号');
    assert.equal(shanghaiYear(new Date('2026-12-31T16:00:00Z')), 2027, 'already 1 January in Ningbo');
    assert.equal(shanghaiYear(new Date('2026-12-31T15:59:59Z')), 2026);
  });
});

describe('completion reminders and the acceptance check', () => {
  test('at 09:00 Shanghai on the planned date, then monthly, the day clamped to the month', () => {
    assert.equal(completionReminderAt('2027-01-31', 0).toISOString(), '2027-01-31T01:00:00.000Z');
    assert.equal(completionReminderAt('2027-01-31', 1).toISOString(), '2027-02-28T01:00:00.000Z');
    assert.equal(completionReminderAt('2027-01-31', 3).toISOString(), '2027-04-30T01:00:00.000Z');
    assert.equal(completionReminderAt('2027-11-15', 2).toISOString(), '2028-01-15T01:00:00.000Z');
    assert.deepEqual(nextCompletionReminder('2027-01-31', new Date('2027-01-31T01:00:00Z')), { n: 1, at: '2027-02-28T01:00:00.000Z' }, 'strictly after');
    assert.deepEqual(nextCompletionReminder('2027-01-31', new Date('2026-06-01T00:00:00Z')), { n: 0, at: '2027-01-31T01:00:00.000Z' });
  });

  test('each entry: in the catalog, provided by the owner, collected within its update cycle (Art. 26)', () => {
    const now = new Date('2026-11-30T00:00:00Z');
    const catalog = [
      { code: 'A', providerId: 'amr', updateCycle: 'daily', lastUpdatedAt: new Date('2026-11-29T12:00:00Z') },
      { code: 'B', providerId: 'psb', updateCycle: 'daily', lastUpdatedAt: new Date('2026-11-29T12:00:00Z') },
      { code: 'C', providerId: 'amr', updateCycle: 'weekly', lastUpdatedAt: new Date('2026-11-01T00:00:00Z') },
    ];
    const entries = ['A', 'B', 'C', 'Z'].map((c) => ({ name: c, resourceCode: c }));
    const check = checkAcceptance({ ownerOrgId: 'amr', entries, catalog, now });
    assert.equal(check.passed, false);
    assert.deepEqual(check.entries.map((e) => [e.inCatalog, e.ownedByOwner, e.collected]), [[true, true, true], [true, false, true], [true, true, false], [false, false, false]]);
    assert.equal(checkAcceptance({ ownerOrgId: 'amr', entries: entries.slice(0, 1), catalog, now }).passed, true);
  });
});
