/**
 * Regenerates the saved workflow histories that restricted-share.replay.test.ts
 * replays. Run it only when a *deliberate* change to the workflow is released
 * together with a versioning plan (patched() / a new workflow type); otherwise
 * a failing replay means the change breaks running cases.
 *
 *   cd /work/main && node --import tsx tests/replay/record-histories.ts
 *
 * Each scenario runs on the time-skipping test server with the same mocked
 * activities as the workflow tests, and is written as proto JSON (the format
 * `temporal workflow show --output json` produces) to tests/replay/histories/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyToJSON } from './history-json';
import { calendarPublishedSignal } from '../../workflows/restricted-share.messages';
import {
  ACTORS,
  RESOURCES,
  calendar,
  cleanupCases,
  correctedYear,
  decide,
  fileCase,
  openTask,
  opsOfKind,
  payloadFor,
  sleepPast,
  startHarness,
  stopHarness,
  waitFor,
  withdraw,
  type Harness,
  type RsHandle,
} from '../workflows/harness';

export const HISTORIES_DIR = path.join(__dirname, 'histories');

type Scenario = (h: Harness) => Promise<RsHandle>;

/** file → approve → agree → granted → the grant expires → workflow completes. */
const granted: Scenario = async (h) => {
  const handle = await fileCase(h, 'replay-granted', ['NB-PSB-0001']);
  await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' });
  await decide(handle, (await openTask(handle, 'provider-consent', 'psb')).id, ACTORS.psb, { decision: 'agree' });
  const final = await handle.result();
  if (final.status !== 'expired') throw new Error(`granted scenario ended ${final.status}`);
  return handle;
};

/**
 * Two providers and a mixed unconditional resource; a calendar publish re-plans
 * the deadlines; water misses its deadline (reminder, overdue, coordination),
 * the coordinator escalates, leadership requires sharing; grants expire.
 */
const overdueEscalated: Scenario = async (h) => {
  const handle = await fileCase(h, 'replay-escalated', ['NB-AMR-0001', 'NB-PSB-0001', 'NB-WATER-0001']);
  const id = handle.workflowId;
  await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' });
  const psb = await openTask(handle, 'provider-consent', 'psb');
  const year = psb.yearsConsulted[psb.yearsConsulted.length - 1]!;
  const day = calendar(h).addWorkingDays(new Date(psb.createdAt), 5).counted.find((d) => d.startsWith(`${year}-`))!;
  h.published.push(correctedYear(calendar(h), year, day));
  await handle.signal(calendarPublishedSignal, { year });
  await waitFor(() => opsOfKind(h, id, 'task-deadline').length === 2, 're-planned deadlines');
  await decide(handle, psb.id, ACTORS.psb, { decision: 'agree' });
  const water = await openTask(handle, 'provider-consent', 'water');
  await sleepPast(h, water.dueAt!);
  await waitFor(() => opsOfKind(h, id, 'task-overdue').length === 1, 'overdue');
  const coordination = await openTask(handle, 'bdb-coordination', 'water');
  await decide(handle, coordination.id, ACTORS.coordinator, { decision: 'escalate' });
  await decide(handle, (await openTask(handle, 'leadership-decision', 'water')).id, ACTORS.leadership, { decision: 'require-sharing' });
  const final = await handle.result();
  if (final.status !== 'expired') throw new Error(`escalated scenario ended ${final.status}`);
  return handle;
};

/** return → resubmit (amended) → approve → the applicant withdraws during provider consent. */
const returnedWithdrawn: Scenario = async (h) => {
  const handle = await fileCase(h, 'replay-withdrawn', ['NB-PSB-0001']);
  await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'return', comment: '请补充应用场景' });
  const amended = payloadFor(['NB-PSB-0001', 'NB-WATER-0001'], { scenario: '企业开办一件事联办：身份与用水核验' });
  await decide(handle, (await openTask(handle, 'applicant-amend')).id, ACTORS.applicant, { decision: 'resubmit', payload: amended }, {
    amended: { payload: amended, resources: [RESOURCES['NB-PSB-0001']!, RESOURCES['NB-WATER-0001']!] },
  });
  await decide(handle, (await openTask(handle, 'bdb-review')).id, ACTORS.reviewer, { decision: 'approve' });
  await decide(handle, (await openTask(handle, 'provider-consent', 'psb')).id, ACTORS.psb, { decision: 'disagree', legalBasis: '《居民身份证法》第十九条' });
  await withdraw(handle, ACTORS.applicant, '业务调整');
  const final = await handle.result();
  if (final.status !== 'withdrawn') throw new Error(`withdrawn scenario ended ${final.status}`);
  return handle;
};

export const SCENARIOS: Record<string, Scenario> = {
  'restricted-share-granted': granted,
  'restricted-share-overdue-escalated': overdueEscalated,
  'restricted-share-returned-withdrawn': returnedWithdrawn,
};

async function main() {
  const only = process.argv.slice(2);
  const h = await startHarness('record');
  try {
    fs.mkdirSync(HISTORIES_DIR, { recursive: true });
    for (const [name, run] of Object.entries(SCENARIOS)) {
      if (only.length && !only.includes(name)) continue;
      const handle = await run(h);
      const history = await handle.fetchHistory();
      const file = path.join(HISTORIES_DIR, `${name}.json`);
      fs.writeFileSync(file, `${historyToJSON(history)}\n`);
      console.log(`wrote ${path.relative(process.cwd(), file)} (${history.events?.length ?? 0} events)`);
      await cleanupCases(h);
    }
  } finally {
    await stopHarness(h);
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
