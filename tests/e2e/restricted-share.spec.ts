/**
 * Phase 2: the restricted-share procedure (PROCEDURES.md §4, Art. 16–20) through the web.
 *   1. amr.applicant files a request for NB-PSB-0001 from the form; bdb.reviewer approves
 *      from the inbox; psb.provider agrees; the applicant sees 已授权, the diagram and the history.
 *   2. psb.provider disagrees with a legal basis → bdb.coordinator has a 协调 task.
 * Each user works in a browser context of their own. Workflows answer asynchronously,
 * so waits for new tasks reload the page until the task is there.
 */
import { expect, test } from '@playwright/test';
import { decide, fileByApi, openFromInbox, signedIn } from './helpers';

test.describe('受限共享申请', () => {
  test('filed from the form, approved from the inbox, agreed by the provider: 已授权', async ({ browser }) => {
    // The applicant files from the catalog entry.
    const applicant = await signedIn(browser, 'amr.applicant');
    await applicant.goto('/catalog/NB-PSB-0001');
    await applicant.getByRole('link', { name: '申请共享' }).click();
    await expect(applicant).toHaveURL(/\/cases\/new\?resources=NB-PSB-0001/);
    const chosen = applicant.getByRole('list', { name: '已选资源' });
    await expect(chosen).toContainText('人口基础信息');

    // The undertaking unticked: refused, with Art. 20, and nothing typed is lost.
    await applicant.getByRole('button', { name: '姓名', exact: true }).click();
    await applicant.getByRole('button', { name: '公民身份号码', exact: true }).click();
    await applicant.getByLabel('业务流程').fill('企业设立登记时，核验法定代表人身份信息');
    await applicant.getByLabel('应用场景').fill('企业开办“一件事”联办系统');
    await applicant.getByLabel('履职依据').fill('《市场主体登记管理条例》第十二条');
    await applicant.getByRole('radio', { name: /接口共享/ }).check();
    await applicant.getByLabel('使用期限（天）').fill('365');
    await applicant.getByRole('button', { name: '提交申请' }).click();
    await expect(applicant.getByRole('alert').filter({ hasText: '提交未被受理' })).toContainText('第20条');
    await expect(applicant.getByLabel('业务流程')).toHaveValue('企业设立登记时，核验法定代表人身份信息');
    await expect(applicant.getByLabel('使用期限（天）')).toHaveValue('365');

    await applicant.getByRole('checkbox', { name: /承诺仅用于本单位履职需要/ }).check();
    await applicant.getByRole('button', { name: '提交申请' }).click();
    await expect(applicant).toHaveURL(/\/cases\/(?!new)[^/?]+$/, { timeout: 30_000 });
    const caseId = decodeURIComponent(new URL(applicant.url()).pathname.split('/').pop()!);
    await expect(applicant.getByRole('heading', { name: /人口基础信息/ })).toContainText('办理中');

    // The BDB reviewer approves from the inbox.
    const reviewer = await signedIn(browser, 'bdb.reviewer');
    await openFromInbox(reviewer, caseId, '大数据局审核');
    await decide(reviewer, '通过');

    // The provider (市公安局) agrees. Its inbox row carries the working-day traffic light (5 working days, Art. 17).
    const provider = await signedIn(browser, 'psb.provider');
    await provider.goto(`/inbox?caseId=${encodeURIComponent(caseId)}`);
    const consentRow = provider.getByRole('row').filter({ has: provider.locator(`a[href="/cases/${caseId}"]`) }).filter({ hasText: '数据提供单位意见' });
    await expect(async () => {
      await provider.reload();
      await expect(consentRow).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(consentRow.locator('[data-light]')).toHaveText(/^(剩余 \d+ 个工作日|今日到期)$/);
    await openFromInbox(provider, caseId, '数据提供单位意见');
    await expect(provider.getByText('期限：')).toBeVisible();
    await decide(provider, '同意共享');
    // The provider reads its own part: the review shows as passed, but not the reviewer's decision.
    const providerDiagram = provider.getByRole('list', { name: '办理流程' });
    await expect(providerDiagram.locator('[data-step="bdb-review"]')).toHaveAttribute('data-state', 'done');
    await expect(providerDiagram.locator('[data-step="provider-consent"]')).toHaveAttribute('data-state', 'done');
    await expect(provider.getByRole('list', { name: '办理历史' })).toContainText('同意共享');
    await expect(provider.getByRole('list', { name: '办理历史' })).not.toContainText('王审核');

    // The applicant sees the grant, the diagram and the history.
    await expect(async () => {
      await applicant.reload();
      await expect(applicant.getByRole('heading', { name: /人口基础信息/ })).toContainText('已授权', { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    const diagram = applicant.getByRole('list', { name: '办理流程' });
    await expect(diagram).toBeVisible();
    await expect(diagram.locator('[data-step="bdb-review"]')).toHaveAttribute('data-state', 'done');
    await expect(diagram.locator('[data-step="provider-consent"]')).toHaveAttribute('data-state', 'done');
    await expect(diagram.locator('[data-step="provider-consent"]')).toContainText('宁波市公安局');
    await expect(applicant.getByRole('table', { name: '访问授权' })).toContainText('NB-PSB-0001');
    const history = applicant.getByRole('list', { name: '办理历史' });
    await expect(history).toContainText('通过');
    await expect(history).toContainText('同意共享');
    await expect(history).toContainText('第17条');
    await expect(applicant.getByRole('button', { name: '撤回申请' })).toHaveCount(0);
  });

  test('the provider disagrees with a legal basis: bdb.coordinator gets a 协调 task', async ({ browser }) => {
    const applicant = await signedIn(browser, 'amr.applicant');
    const caseId = await fileByApi(applicant, 'NB-PSB-0001');

    const reviewer = await signedIn(browser, 'bdb.reviewer');
    await openFromInbox(reviewer, caseId, '大数据局审核');
    await decide(reviewer, '通过');

    const provider = await signedIn(browser, 'psb.provider');
    await openFromInbox(provider, caseId, '数据提供单位意见');
    const form = provider.getByRole('form', { name: /^办理：/ });
    // 不同意 without a legal basis is refused (Art. 17), and the choice stays.
    await form.getByRole('radio', { name: '不同意共享', exact: true }).check();
    await form.getByRole('button', { name: '提交：不同意共享' }).click();
    await expect(form.getByRole('alert')).toContainText('第17条');
    await expect(form.getByRole('radio', { name: '不同意共享', exact: true })).toBeChecked();
    await decide(provider, '不同意共享', async (p) => {
      await p.getByLabel('法律法规依据').fill('《中华人民共和国居民身份证法》第十三条、第十九条');
    });

    const coordinator = await signedIn(browser, 'bdb.coordinator');
    await openFromInbox(coordinator, caseId, '大数据局协调');
    const coordination = coordinator.getByRole('form', { name: /^办理：/ });
    await expect(coordination.getByRole('radio', { name: '维持不共享' })).toBeVisible();
    await expect(coordination.getByRole('radio', { name: '责令共享' })).toBeVisible();
    await expect(coordination.getByRole('radio', { name: '提交领导小组协调' })).toBeVisible();
    await expect(coordinator.getByRole('table', { name: '数据提供单位意见' })).toContainText('不同意共享');
    await expect(coordinator.getByRole('list', { name: '办理历史' })).toContainText('居民身份证法');
  });

  test('returned for amendment: the applicant resubmits from the prefilled form', async ({ browser }) => {
    const applicant = await signedIn(browser, 'amr.applicant');
    const caseId = await fileByApi(applicant, 'NB-PSB-0001');

    const reviewer = await signedIn(browser, 'bdb.reviewer');
    await openFromInbox(reviewer, caseId, '大数据局审核');
    const review = reviewer.getByRole('form', { name: /^办理：/ });
    // 退回修改 needs a comment (Art. 17).
    await review.getByRole('radio', { name: '退回修改', exact: true }).check();
    await review.getByRole('button', { name: '提交：退回修改' }).click();
    await expect(review.getByRole('alert')).toBeVisible();
    await decide(reviewer, '退回修改', async (p) => {
      await p.getByLabel('办理意见说明').fill('请补充应用场景的具体系统名称');
    });

    await openFromInbox(applicant, caseId, '申请单位修改');
    const amend = applicant.getByRole('form', { name: /^办理：/ });
    await expect(amend.getByText('请补充应用场景的具体系统名称')).toBeVisible();
    await amend.getByRole('radio', { name: '重新提交', exact: true }).check();
    await expect(amend.getByLabel('业务流程')).toHaveValue('企业登记时核验法定代表人身份');
    await amend.getByLabel('应用场景').fill('企业开办“一件事”联办系统（浙江政务服务网宁波站点）');
    await amend.getByRole('checkbox', { name: /承诺仅用于本单位履职需要/ }).check();
    await amend.getByRole('button', { name: '提交：重新提交' }).click();
    await expect(applicant.getByRole('status').filter({ hasText: '已提交办理意见：重新提交' })).toBeVisible({ timeout: 30_000 });
    await expect(applicant.getByRole('region', { name: '申请内容' })).toContainText('浙江政务服务网宁波站点');

    await openFromInbox(reviewer, caseId, '大数据局审核');
  });

  test('the applicant withdraws a request in progress', async ({ browser }) => {
    const applicant = await signedIn(browser, 'amr.applicant');
    const caseId = await fileByApi(applicant, 'NB-WATER-0001');
    await applicant.goto(`/cases/${caseId}`);
    await applicant.getByRole('button', { name: '撤回申请' }).click();
    await applicant.getByRole('alertdialog', { name: '确认撤回申请' }).getByRole('button', { name: '确认撤回' }).click();
    await expect(applicant.getByRole('heading', { name: /用水户信息/ })).toContainText('已撤回', { timeout: 30_000 });
    await applicant.goto('/cases?status=withdrawn');
    await expect(applicant.locator(`a[href="/cases/${caseId}"]`)).toBeVisible();
  });

  test('an administrator revokes an access grant, with a reason', async ({ browser }) => {
    const applicant = await signedIn(browser, 'amr.applicant');
    const caseId = await fileByApi(applicant, 'NB-AMR-0001'); // unconditional: granted at once (Art. 17 ¶1)
    const admin = await signedIn(browser, 'admin');
    await admin.goto(`/cases/${caseId}`);
    const grants = admin.getByRole('table', { name: '访问授权' });
    await expect(grants).toContainText('有效', { timeout: 30_000 });
    await grants.getByRole('button', { name: '撤销' }).click();
    const dialog = admin.getByRole('alertdialog', { name: /撤销企业登记信息的访问权限/ });
    await expect(dialog.getByRole('button', { name: '确认撤销' })).toBeDisabled();
    await dialog.getByLabel('撤销理由（必填）').fill('申请单位职能调整，不再需要');
    await dialog.getByRole('button', { name: '确认撤销' }).click();
    await expect(grants).toContainText('已撤销', { timeout: 30_000 });
    // The applicant sees it too, with the reason in the history.
    await applicant.goto(`/cases/${caseId}`);
    await expect(applicant.getByRole('table', { name: '访问授权' })).toContainText('已撤销');
    await expect(applicant.getByText('申请单位职能调整，不再需要')).toBeVisible();
  });
});
