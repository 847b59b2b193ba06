/**
 * The problem-data closed loop (PROCEDURES §6, Art. 27–29) through the web:
 *   1. amr.applicant reports from the resource page's form; psb.provider answers 完成整改
 *      with the new data version; the reporter confirms → 已办结, and the resource lists it.
 *   2. A report the reporter disputes; the BDB coordinator sends it back (重新处理): the
 *      provider has the task again, with a new deadline.
 */
import { expect, test, type Page } from '@playwright/test';
import { decide, openFromInbox, signedIn } from './helpers';

async function fileReportByApi(page: Page, recordRef: string): Promise<string> {
  const res = await page.request.post('/api/v1/cases', {
    data: { type: 'problem-data', payload: { resource: 'NB-PSB-0001', recordRef, field: '住址', problemType: 'error', description: '住址与不动产登记不一致', urgent: false } },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const reloadUntil = async (page: Page, check: () => Promise<void>) =>
  expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: 30_000 });

test.describe('问题数据反馈', () => {
  test('reported from the form, corrected by the provider, confirmed by the reporter: 已办结', async ({ browser }) => {
    const reporter = await signedIn(browser, 'amr.applicant');
    await reporter.goto('/catalog/NB-PSB-0001');
    await reporter.getByRole('link', { name: '反馈问题数据' }).click();
    await expect(reporter).toHaveURL(/\/cases\/new\?type=problem-data&resource=NB-PSB-0001/);
    const form = reporter.getByRole('form', { name: '问题数据反馈' });
    await expect(form.getByLabel('数据资源')).toHaveValue('NB-PSB-0001');

    // Nothing but the resource: refused, each field named, nothing lost.
    const recordRef = `330203199001011234-${Date.now().toString(36)}`;
    await form.getByLabel('问题记录标识').fill(recordRef);
    await form.getByRole('button', { name: '提交反馈' }).click();
    await expect(reporter.getByRole('alert').filter({ hasText: '提交未被受理' })).toBeVisible();
    await expect(form.getByLabel('问题记录标识')).toHaveValue(recordRef);
    await expect(form.getByText('请填写问题字段')).toBeVisible();

    await form.getByLabel('问题字段').fill('住址');
    await form.getByRole('radio', { name: /数据错误/ }).check();
    await form.getByLabel('问题描述').fill('住址与不动产登记不一致');
    await form.getByRole('button', { name: '提交反馈' }).click();
    await expect(reporter).toHaveURL(/\/cases\/PD-[^/?]+$/, { timeout: 30_000 });
    const caseId = decodeURIComponent(new URL(reporter.url()).pathname.split('/').pop()!);
    await expect(reporter.getByRole('heading', { name: /问题数据反馈/ })).toContainText('办理中');

    // The provider answers: 完成整改 needs what changed and the new data version.
    const provider = await signedIn(browser, 'psb.provider');
    await openFromInbox(provider, caseId, '数据提供单位处理');
    await decide(provider, '完成整改', async (p) => {
      await p.getByLabel('整改后的数据版本或重新归集时间').fill('v2026.12.01');
      await p.getByLabel('办理意见说明').fill('已按不动产登记更正住址并重新归集');
    });

    // The reporter confirms; the case closes with the resolution mode.
    await openFromInbox(reporter, caseId, '反馈方确认');
    await expect(reporter.getByRole('list', { name: '处理轮次' })).toContainText('完成整改');
    await decide(reporter, '认可处理结果');
    await reloadUntil(reporter, () => expect(reporter.getByRole('heading', { name: /问题数据反馈/ })).toContainText('已办结', { timeout: 2_000 }));
    await expect(reporter.getByText('反馈方确认认可', { exact: true })).toBeVisible();
    await expect(reporter.getByRole('list', { name: '处理轮次' })).toContainText('数据版本/归集时间：v2026.12.01');

    // The resource page lists the report and its state.
    await reporter.goto('/catalog/NB-PSB-0001');
    const list = reporter.getByRole('table', { name: '问题数据反馈' });
    await expect(list.getByRole('row').filter({ has: reporter.locator(`a[href="/cases/${caseId}"]`) })).toContainText('已办结');
  });

  test('a dispute the BDB sends back: the provider handles it again with a new deadline', async ({ browser }) => {
    const reporter = await signedIn(browser, 'amr.applicant');
    const caseId = await fileReportByApi(reporter, `330203-${Date.now().toString(36)}`);

    const provider = await signedIn(browser, 'psb.provider');
    await openFromInbox(provider, caseId, '数据提供单位处理');
    await decide(provider, '确认无误', async (p) => {
      await p.getByLabel('办理意见说明').fill('经核对户籍档案，住址无误');
    });

    await openFromInbox(reporter, caseId, '反馈方确认');
    await decide(reporter, '有异议', async (p) => {
      await p.getByLabel('办理意见说明').fill('不动产登记显示住址已变更');
    });

    const coordinator = await signedIn(browser, 'bdb.coordinator');
    await openFromInbox(coordinator, caseId, '大数据局裁定');
    await decide(coordinator, '重新处理', async (p) => {
      await p.getByLabel('办理意见说明').fill('请与不动产登记中心核对后重新处理');
    });
    await expect(coordinator.getByRole('list', { name: '办理历史' })).toContainText('退回重新处理');

    await openFromInbox(provider, caseId, '数据提供单位处理');
    await expect(provider.getByText('第 2 轮', { exact: true })).toBeVisible();
    await expect(provider.getByRole('list', { name: '办理期限' })).toContainText('数据提供单位处理');
  });
});
