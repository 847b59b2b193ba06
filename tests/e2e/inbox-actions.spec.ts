/**
 * Inbox actions in the browser (issue #10 item 2):
 *   1. bdb.reviewer claims (签收) a review in the inbox and decides it; bdb.reviewer2,
 *      of the same organisation and role, sees it claimed and gets no decision form.
 *   2. bdb.reviewer hands a review over (转办) to 刘审核 from the case page; the
 *      coordinator urges (催办) it; 刘审核 decides it; the history shows both.
 */
import { expect, test, type Page } from '@playwright/test';
import { decide, fileByApi, openFromInbox, signedIn } from './helpers';

const inboxRow = async (page: Page, caseId: string) => {
  await page.goto(`/inbox?caseId=${encodeURIComponent(caseId)}`);
  const row = page.getByRole('row').filter({ has: page.locator(`a[href="/cases/${caseId}"]`) }).filter({ hasText: '大数据局审核' });
  await expect(async () => {
    await page.reload();
    await expect(row).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  return row;
};

test.describe('签收、转办、催办', () => {
  // Three or four people sign in and wait for the workflow in one journey: more than the default minute on a busy machine.
  test.describe.configure({ timeout: 120_000 });

  test('a reviewer claims and decides; the other reviewer sees it claimed', async ({ browser }) => {
    const applicant = await signedIn(browser, 'amr.applicant');
    const caseId = await fileByApi(applicant, 'NB-PSB-0001');

    const wang = await signedIn(browser, 'bdb.reviewer');
    const row = await inboxRow(wang, caseId);
    await expect(row).toContainText('未签收');
    await row.getByRole('button', { name: /^签收：/ }).click();
    await expect(row).toContainText('已签收：王审核（本人）');
    await expect(row.getByRole('button', { name: /^退回签收：/ })).toBeVisible();

    const liu = await signedIn(browser, 'bdb.reviewer2');
    const liuRow = await inboxRow(liu, caseId);
    await expect(liuRow).toContainText('已签收：王审核');
    await expect(liuRow.getByRole('button', { name: /^签收：/ })).toHaveCount(0);
    await liuRow.getByRole('link', { name: /^办理/ }).click();
    await expect(liu.getByText('该任务已由 王审核 签收，由其办理。')).toBeVisible();
    await expect(liu.getByRole('form', { name: /^办理：/ })).toHaveCount(0);

    await openFromInbox(wang, caseId, '大数据局审核');
    await decide(wang, '通过');
    await expect(wang.getByRole('list', { name: '办理历史' })).toContainText('签收');

    // Decided: gone from the other reviewer's inbox.
    await liu.goto(`/inbox?caseId=${encodeURIComponent(caseId)}`);
    // The inbox filtered to this case has loaded and holds nothing of it.
    await expect(liu.getByText('没有符合筛选条件的待办。')).toBeVisible();
    await expect(liu.locator(`a[href="/cases/${caseId}"]`)).toHaveCount(0);
  });

  test('transferred to a colleague with a reason, urged by the coordinator, decided by the colleague', async ({ browser }) => {
    const applicant = await signedIn(browser, 'amr.applicant');
    const caseId = await fileByApi(applicant, 'NB-PSB-0001');

    const wang = await signedIn(browser, 'bdb.reviewer');
    await openFromInbox(wang, caseId, '大数据局审核');
    const claimBar = wang.getByRole('group', { name: '签收', exact: true });
    await claimBar.getByRole('button', { name: /^签收：/ }).click();
    await expect(claimBar).toContainText('已签收：王审核（本人）');
    await claimBar.getByRole('button', { name: '转办' }).click();
    const dialog = wang.getByRole('dialog', { name: '转办' });
    await dialog.getByLabel(/转办给/).selectOption({ label: '刘审核' });
    await dialog.getByLabel('转办理由（必填）').fill('本人出差，请刘审核办理');
    await dialog.getByRole('button', { name: '确认转办' }).click();
    await expect(claimBar).toContainText('已签收：刘审核');
    await expect(wang.getByRole('form', { name: /^办理：/ })).toHaveCount(0);

    const coordinator = await signedIn(browser, 'bdb.coordinator');
    await coordinator.goto(`/cases/${caseId}`);
    const open = coordinator.getByRole('list', { name: '在办任务' });
    await expect(open).toContainText('已签收：刘审核');
    await open.getByRole('button', { name: /^催办：/ }).click();
    await coordinator.getByRole('dialog', { name: '催办' }).getByRole('textbox').fill('申请单位急需，请今日办结');
    await coordinator.getByRole('button', { name: '发送催办' }).click();
    await expect(open.getByRole('status')).toHaveText('已催办');

    const liu = await signedIn(browser, 'bdb.reviewer2');
    await openFromInbox(liu, caseId, '大数据局审核');
    const history = liu.getByRole('list', { name: '办理历史' });
    await expect(history).toContainText('转办给 刘审核（理由：本人出差，请刘审核办理）');
    await expect(history).toContainText('申请单位急需，请今日办结');
    await decide(liu, '通过');
  });
});
