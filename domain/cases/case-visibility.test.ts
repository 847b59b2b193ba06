import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { caseAudience, historyEntryVisibleTo, type HistoryFacts, visibleCaseParts } from './case-visibility';

// A restricted-share case filed by amr for a psb resource and a water resource.
const CASE = { applicantOrgId: 'amr', taskOrgIds: ['bdb', 'psb', 'water', 'leadership-office'] };
const viewer = (orgId: string, orgKind: string | null, admin = false) => ({ orgId, orgKind, admin });

describe('caseAudience', () => {
  test('the BDB (any role), an administrator and the applicant see the whole case', () => {
    assert.equal(caseAudience(viewer('bdb', 'bdb'), CASE), 'whole');
    assert.equal(caseAudience(viewer('bdb', 'bdb'), { applicantOrgId: 'amr', taskOrgIds: [] }), 'whole');
    assert.equal(caseAudience(viewer('finance', 'agency', true), { applicantOrgId: 'amr', taskOrgIds: [] }), 'whole');
    assert.equal(caseAudience(viewer('amr', 'agency'), CASE), 'whole');
  });

  test('the leadership office sees the whole case once it holds a task on it, nothing before', () => {
    assert.equal(caseAudience(viewer('leadership-office', 'leadership-office'), CASE), 'whole');
    assert.equal(caseAudience(viewer('leadership-office', 'leadership-office'), { applicantOrgId: 'amr', taskOrgIds: ['bdb', 'psb'] }), null);
  });

  test('a provider with a task sees its own part; an organisation with none sees nothing', () => {
    assert.equal(caseAudience(viewer('psb', 'agency'), CASE), 'own-part');
    assert.equal(caseAudience(viewer('water', 'public-service-unit'), CASE), 'own-part');
    assert.equal(caseAudience(viewer('ndrc', 'agency'), CASE), null);
    assert.equal(caseAudience(viewer('haishu-bdb', 'district-bdb'), CASE), null, 'a district BDB is not the BDB');
    assert.equal(caseAudience(viewer('psb', null), CASE), 'own-part', 'an unknown kind is treated as a provider');
  });

  test('in a problem-data case the reporter, the provider and the BDB see it whole; nobody else sees it', () => {
    const report = { applicantOrgId: 'amr', taskOrgIds: ['psb', 'bdb', 'amr'], type: 'problem-data' };
    assert.equal(caseAudience(viewer('amr', 'agency'), report), 'whole');
    assert.equal(caseAudience(viewer('psb', 'agency'), report), 'whole', 'the provider needs the dispute and the reasons to reopen');
    assert.equal(caseAudience(viewer('bdb', 'bdb'), report), 'whole');
    assert.equal(caseAudience(viewer('water', 'public-service-unit'), report), null);
    assert.equal(caseAudience(viewer('leadership-office', 'leadership-office'), report), null);
  });
});

describe('a copy of an IT project opinion (抄送, Art. 9)', () => {
  const project = { applicantOrgId: 'amr', taskOrgIds: ['bdb', 'amr'], type: 'it-project', ccOrgIds: ['ndrc', 'finance'] };
  const recipient = (orgId: string) => ({ ...viewer(orgId, 'agency'), opinionRecipient: true });
  test('a recipient reads the case, holding no task; others — and its colleagues without the role — see nothing', () => {
    assert.equal(caseAudience(recipient('ndrc'), project), 'copied');
    assert.equal(caseAudience(recipient('finance'), project), 'copied');
    assert.equal(caseAudience(viewer('ndrc', 'agency'), project), null, 'the copy is for the role, not everyone of the organisation');
    assert.equal(caseAudience(recipient('psb'), project), null);
    assert.equal(caseAudience(recipient('ndrc'), { ...project, ccOrgIds: [] }), null, 'before the opinion is issued it has no copy');
  });

  test('it sees the outcome and the history, but no task (nothing to act on) and no grant', () => {
    const seen = visibleCaseParts('copied', 'ndrc', new Map(), {
      tasks: [{ id: 't1', assigneeOrgId: 'bdb' }, { id: 't2', assigneeOrgId: 'amr' }],
      outcomes: [{ code: 'X' }],
      grants: [{ resourceCode: 'X' }],
      history: [{ action: 'decided', actorOrgId: 'bdb', taskId: 't1', data: null }, { action: 'opinion-issued', actorOrgId: null, taskId: 't1', data: null }],
    });
    assert.deepEqual(seen.tasks, []);
    assert.deepEqual(seen.grants, []);
    assert.equal(seen.outcomes.length, 1);
    assert.deepEqual(seen.history.map((h) => h.action), ['decided', 'opinion-issued']);
  });
});

const TASKS = [
  { id: 't1', assigneeOrgId: 'bdb' },
  { id: 't2', assigneeOrgId: 'psb' },
  { id: 't3', assigneeOrgId: 'water' },
  { id: 't4', assigneeOrgId: 'bdb' },
];
const OUTCOMES = [
  { code: 'NB-PSB-0001', note: '《居民身份证法》第十九条' },
  { code: 'NB-WATER-0001', note: null },
];
const GRANTS = [{ id: 'g1', resourceCode: 'NB-WATER-0001' }];
const PROVIDERS = new Map([
  ['NB-PSB-0001', 'psb'],
  ['NB-WATER-0001', 'water'],
]);
const h = (name: string, f: Partial<HistoryFacts>): HistoryFacts & { name: string } => ({ name, action: 'task-opened', actorOrgId: null, taskId: null, data: null, ...f });
const HISTORY = [
  h('filed', { action: 'filed', actorOrgId: 'amr' }),
  h('bdb task opened', { data: { taskId: 't1', orgId: 'bdb' } }),
  h('bdb approved', { action: 'decided', actorOrgId: 'bdb', taskId: 't1' }),
  h('psb task opened', { data: { taskId: 't2', orgId: 'psb' } }),
  h('psb deadline', { action: 'deadline-set', data: { taskId: 't2' } }),
  h('water task opened', { data: { taskId: 't3', orgId: 'water' } }),
  h('psb disagreed', { action: 'decided', actorOrgId: 'psb', taskId: 't2' }),
  h('water agreed (old row)', { action: 'decided', actorOrgId: 'water' }),
  h('water granted', { action: 'granted', data: { resource: 'NB-WATER-0001' } }),
  h('coordination escalated', { action: 'escalated', actorOrgId: 'bdb' }),
  h('psb refused', { action: 'resource-refused', data: { resource: 'NB-PSB-0001' } }),
  h('psb re-planned', { action: 're-planned', data: { taskId: 't2' } }),
  h('psb reminder (column)', { action: 'reminder', taskId: 't2' }),
  h('decided by nobody known', { action: 'decided' }),
  h('system grant revoked', { action: 'grant-revoked' }),
  h('granted', { action: 'case-granted' }),
  h('withdrawn', { action: 'withdrawn', actorOrgId: 'amr', taskId: 't9' }),
];
const PARTS = { tasks: TASKS, outcomes: OUTCOMES, grants: GRANTS, history: HISTORY };

describe('visibleCaseParts', () => {
  test('the whole case is everything, unchanged', () => {
    const seen = visibleCaseParts('whole', 'amr', PROVIDERS, PARTS);
    assert.deepEqual(seen, { tasks: TASKS, outcomes: OUTCOMES, grants: GRANTS, history: HISTORY });
  });

  test('water sees its own task, outcome, grant and history — not psb’s decision, legal basis or task', () => {
    const seen = visibleCaseParts('own-part', 'water', PROVIDERS, PARTS);
    assert.deepEqual(seen.tasks.map((t) => t.id), ['t3']);
    assert.deepEqual(seen.outcomes.map((o) => o.code), ['NB-WATER-0001']);
    assert.deepEqual(seen.grants.map((g) => g.id), ['g1']);
    assert.deepEqual(seen.history.map((x) => x.name), ['filed', 'water task opened', 'water agreed (old row)', 'water granted', 'granted', 'withdrawn']);
  });

  test('psb sees its own task, outcome note and history — not water’s', () => {
    const seen = visibleCaseParts('own-part', 'psb', PROVIDERS, PARTS);
    assert.deepEqual(seen.tasks.map((t) => t.id), ['t2']);
    assert.deepEqual(seen.outcomes, [OUTCOMES[0]]);
    assert.deepEqual(seen.grants, []);
    assert.deepEqual(seen.history.map((x) => x.name), [
      'filed',
      'psb task opened',
      'psb deadline',
      'psb disagreed',
      'psb refused',
      'psb re-planned',
      'psb reminder (column)',
      'granted',
      'withdrawn',
    ]);
  });
});

describe('historyEntryVisibleTo a provider', () => {
  const own = { orgId: 'water', ownTaskIds: new Set(['t3']), resourceProvider: PROVIDERS };

  test('another organisation’s decision is hidden, whether it names its task or not', () => {
    assert.equal(historyEntryVisibleTo(own, h('x', { action: 'decided', actorOrgId: 'psb', taskId: 't2' })), false);
    assert.equal(historyEntryVisibleTo(own, h('x', { action: 'decided', actorOrgId: 'psb' })), false);
    assert.equal(historyEntryVisibleTo(own, h('x', { action: 'decided' })), false, 'no actor, no task: hidden');
  });

  test('the task column wins over data.taskId', () => {
    assert.equal(historyEntryVisibleTo(own, h('x', { action: 'reminder', taskId: 't2', data: { taskId: 't3' } })), false);
    assert.equal(historyEntryVisibleTo(own, h('x', { action: 'reminder', taskId: 't3', data: { taskId: 't2' } })), true);
  });

  test('unknown actions without a task or resource of its own are hidden (default deny)', () => {
    assert.equal(historyEntryVisibleTo(own, h('x', { action: 'something-new' })), false);
    assert.equal(historyEntryVisibleTo(own, h('x', { action: 'granted' })), false, 'a grant entry naming no resource');
    assert.equal(historyEntryVisibleTo(own, h('x', { action: 'granted', data: { resource: 'NB-UNKNOWN' } })), false);
    assert.equal(historyEntryVisibleTo(own, h('x', { action: 'granted', data: ['NB-WATER-0001'] })), false);
  });
});
