import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, supervisionCsv, supervisionCsvFilename } from './csv';
import { NO_FIGURES, type SupervisionFigures } from './figures';

const none: SupervisionFigures = NO_FIGURES;

test('cells are quoted when they hold a comma, quote or line break, and never read as formulas', () => {
  assert.equal(csvCell('宁波市公安局'), '宁波市公安局');
  assert.equal(csvCell('甲,乙'), '"甲,乙"');
  assert.equal(csvCell('他说"好"'), '"他说""好"""');
  assert.equal(csvCell('第一行\n第二行'), '"第一行\n第二行"');
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvCell(-1), '-1');
  assert.equal(csvCell(null), '');
});

test('the CSV starts with a BOM and Chinese headers, one row per organisation and the total, CRLF', () => {
  const csv = supervisionCsv({
    from: '2026-10-01',
    to: '2026-10-31',
    items: [{ org: { id: 'a', name: '甲单位' }, ...none, tasksHandled: 3, tasksOnTime: 2, onTimeRate: 0.6667, avgWorkingDaysToAnswer: 3 }],
    total: { ...none, tasksHandled: 3, tasksOnTime: 2, onTimeRate: 0.6667, avgWorkingDaysToAnswer: 3 },
  });
  assert.ok(csv.startsWith('\uFEFF单位,办结任务数,按时办结数,按时办结率,'));
  const lines = csv.slice(1).split('\r\n');
  assert.deepEqual(lines.slice(1), ['甲单位,3,2,66.67%,3,0,0,0,,0', '全市合计,3,2,66.67%,3,0,0,0,,0', '']);
  assert.equal(supervisionCsvFilename({ from: '2026-10-01', to: '2026-10-31' }), 'supervision-2026-10-01-2026-10-31.csv');
});
