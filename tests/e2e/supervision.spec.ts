/**
 * 监督考核 in the browser (Art. 34–35; issue #10 item 4): the BDB's coordinator
 * opens it from the navigation, sees the charts (ECharts canvases) and the
 * table of figures per organisation, moves the period (kept in the URL), and
 * follows a figure to the tasks behind it and on to a case.
 */
import { expect, test, type Page } from '@playwright/test';
import { fileByApi, signedIn } from './helpers';

/** Decides the case's open task at `step` through the API with `page`'s session, as its inbox would. */
async function decideByApi(page: Page, caseId: string, step: string, body: Record<string, string>): Promise<void> {
  let taskId = '';
  await expect
    .poll(async () => {
      const res = await page.request.get(`/api/v1/tasks?caseId=${encodeURIComponent(caseId)}`);
      const items = ((await res.json()) as { items: { id: string; step: string }[] }).items;
      taskId = items.find((t) => t.step === step)?.id ?? '';
      return taskId;
    })
    .not.toBe('');
  const res = await page.request.post(`/api/v1/tasks/${encodeURIComponent(taskId)}/decision`, { data: body });
  expect(res.status(), await res.text()).toBe(200);
}

test('the coordinator opens 监督考核, sees charts and figures, and follows a figure to its case', async ({ browser }) => {
  const applicant = await signedIn(browser, 'amr.applicant');
  const caseId = await fileByApi(applicant, 'NB-PSB-0001');
  await decideByApi(await signedIn(browser, 'bdb.reviewer'), caseId, 'bdb-review', { decision: 'approve', comment: '材料齐全' });

  const page = await signedIn(browser, 'bdb.coordinator');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '监督考核' }).click();
  await expect(page.getByRole('heading', { name: '监督考核' })).toBeVisible();

  // Three charts drawn on canvases, and the same figures in the table.
  for (const chart of ['按时办结率', '平均办理用时（工作日）', '逾期未办任务']) await expect(page.locator(`[data-chart="${chart}"] canvas`)).toBeVisible();
  const figures = page.getByRole('table', { name: '各单位统计' });
  const bdb = figures.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '宁波市大数据发展管理局' }) });
  await expect(bdb).toBeVisible();
  await expect(figures.getByRole('rowheader', { name: '全市合计' })).toBeVisible();
  await expect(page.getByRole('link', { name: '导出 CSV' })).toHaveAttribute('href', /\/api\/v1\/stats\/supervision\.csv\?from=\d{4}-\d{2}-01&to=/);

  // The period lives in the URL: last month, then this month again.
  const month = page.getByLabel('月份');
  const [thisMonth, lastMonth] = await month.locator('option[value]:not([value=""])').evaluateAll((os) => os.slice(0, 2).map((o) => (o as HTMLOptionElement).value));
  await month.selectOption(lastMonth ?? '');
  await expect(page).toHaveURL(new RegExp(`[?&]from=${lastMonth}`));
  await expect(page.getByLabel('起始日期')).toHaveValue(lastMonth ?? '');
  await month.selectOption(thisMonth ?? '');
  await expect(page).toHaveURL(new RegExp(`[?&]from=${thisMonth}`));

  // 办结任务 of the BDB leads to the tasks it counts, latest first: the review just approved, answered in 0 working days.
  await bdb.getByRole('link', { name: /^宁波市大数据发展管理局 办结任务 \d+$/ }).click();
  await expect(page).toHaveURL(/\/supervision\/details\?.*figure=handled/);
  await expect(page.getByRole('heading', { name: '宁波市大数据发展管理局 · 办结任务' })).toBeVisible();
  const tasks = page.getByRole('table', { name: '办结任务' });
  const row = tasks.getByRole('row').filter({ hasText: caseId });
  await expect(row).toContainText('按时');
  await row.getByRole('link').first().click();
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}$`));
});

test('a case escalated to the leadership office is on the problem list, with its disputed provider, and counts for it', async ({ browser }) => {
  const applicant = await signedIn(browser, 'amr.applicant');
  const caseId = await fileByApi(applicant, 'NB-PSB-0001');
  await decideByApi(await signedIn(browser, 'bdb.reviewer'), caseId, 'bdb-review', { decision: 'approve', comment: '材料齐全' });
  await decideByApi(await signedIn(browser, 'psb.provider'), caseId, 'provider-consent', { decision: 'disagree', legalBasis: '《中华人民共和国居民身份证法》第十九条' });
  const page = await signedIn(browser, 'bdb.coordinator');
  await decideByApi(page, caseId, 'bdb-coordination', { decision: 'escalate', comment: '协调未果' });

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '问题清单' }).click();
  await expect(page.getByRole('heading', { name: '问题清单' })).toBeVisible();
  const row = page.getByRole('table', { name: '问题清单' }).getByRole('row').filter({ hasText: caseId });
  await expect(row).toContainText('宁波市公安局');
  await expect(row).toContainText('领导小组协调');

  // On 监督考核 the provider's 列入问题清单 leads to the same case.
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '监督考核' }).click();
  await page.getByRole('link', { name: /^宁波市公安局 列入问题清单 [1-9]\d*$/ }).click();
  await expect(page.getByRole('heading', { name: '宁波市公安局 · 列入问题清单的办件' })).toBeVisible();
  await page.getByRole('table', { name: '列入问题清单的办件' }).getByRole('link', { name: new RegExp(caseId) }).or(page.locator(`a[href="/cases/${caseId}"]`)).first().click();
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}$`));
});
