/**
 * The IT project review (PROCEDURES §7, Art. 8, 9, 11) through the web:
 *   1. amr.applicant files from the form — first refused at the own-cloud question (第8条, on the
 *      field, nothing lost) — bdb.reviewer approves with conditions, ndrc.opinion finds the opinion
 *      under 抄送, opens it (and its PDF) and marks it read; amr reports completion with its own
 *      catalog resource, the reviewer sees the automatic check pass and accepts → 已验收.
 *   2. A failed acceptance fixed: a resource another unit provides fails the check (✗), the reviewer
 *      fails it with a reason, the owner re-reports with its own resource → 已验收.
 *   3. 不予通过 in review → 未通过, with an opinion giving the reason.
 *   4. 退回修改, and the owner withdraws → 已撤回.
 */
import { expect, test, type Page } from '@playwright/test';
import { decide, openFromInbox, signedIn } from './helpers';

/** A date `days` from today in Asia/Shanghai, as the date input and the API take it. */
function shanghaiDatePlus(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

const payload = (projectName: string) => ({
  projectName,
  investmentWan: 860,
  content: '建设企业开办全流程网办系统，对接市场主体登记系统与市大数据中心平台。',
  buildsOwnCloudOrDataCenter: false,
  dataCatalog: [{ name: '企业登记信息', dataItems: ['统一社会信用代码', '企业名称'], shareClass: 'unconditional', openClass: 'unconditional' }],
  sharingPlan: '企业登记信息按日归集至市大数据中心平台，向各部门无条件共享。',
  plannedCompletion: shanghaiDatePlus(180),
});

async function fileByApi(page: Page, projectName: string): Promise<string> {
  const res = await page.request.post('/api/v1/cases', { data: { type: 'it-project', payload: payload(projectName) } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const reloadUntil = async (page: Page, check: () => Promise<void>) =>
  expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: 30_000 });

const status = (page: Page) => page.getByRole('heading', { level: 1 });

/** The owner's completion report: one catalog resource for each project catalog entry. */
async function reportCompletion(owner: Page, caseId: string, code: string) {
  await openFromInbox(owner, caseId, '建设单位报告完成');
  await decide(owner, '报告建设完成', async (p) => {
    const slot = p.getByRole('combobox', { name: /1\. 企业登记信息/ });
    await slot.selectOption(code);
  });
}

/** The reviewer opens the acceptance with the check in view; `marks` are the ✓/✗ of 已编目, 提供单位一致, 数据已归集. */
async function openAcceptance(reviewer: Page, caseId: string, code: string, marks: string) {
  await openFromInbox(reviewer, caseId, '大数据局验收');
  const check = reviewer.getByRole('table', { name: '验收核对' }).first();
  const row = check.getByRole('row').filter({ hasText: code });
  await expect(row).toContainText('企业登记信息');
  await expect(row.locator('td').nth(2)).toHaveText(marks[0]!);
  await expect(row.locator('td').nth(3)).toHaveText(marks[1]!);
  await expect(row.locator('td').nth(4)).toHaveText(marks[2]!);
}

test.describe('信息化项目审核', () => {
  test('filed from the form, approved with conditions, read by the investment authority, completed and accepted', async ({ browser }) => {
    // Three users and the whole procedure: longer than one step's journey on a loaded machine.
    test.slow();
    const owner = await signedIn(browser, 'amr.applicant');
    await owner.goto('/cases/new');
    await owner.getByRole('link', { name: /信息化项目审核/ }).click();
    const form = owner.getByRole('form', { name: '信息化项目审核申请' });
    const projectName = `企业开办一件事平台（二期）${Date.now().toString(36)}`;
    await form.getByLabel('项目名称').fill(projectName);
    await form.getByLabel('总投资（万元）').fill('1280.5');
    await form.getByLabel('建设内容').fill('建设企业开办全流程网办系统，自建机房部署。');
    await form.getByRole('radio', { name: /^是，自建/ }).check();
    // Two entries, one removed again: what is sent is what is shown.
    await form.getByLabel('条目 1 名称').fill('企业登记信息');
    await form.getByLabel('条目 1 数据项').fill('统一社会信用代码');
    await form.getByLabel('条目 1 数据项').press('Enter');
    await form.getByLabel('条目 1 数据项').fill('企业名称');
    await form.getByLabel('条目 1 数据项').press('Enter');
    await form.getByLabel('条目 1 共享属性').selectOption({ label: '无条件共享' });
    await form.getByLabel('条目 1 开放属性').selectOption({ label: '无条件开放' });
    await form.getByRole('button', { name: '+ 添加目录条目' }).click();
    await form.getByLabel('条目 2 名称').fill('临时条目');
    await form.getByRole('button', { name: /删除目录条目 2/ }).click();
    await expect(form.getByLabel('条目 2 名称')).toHaveCount(0);
    await form.getByLabel('数据共享计划').fill('企业登记信息按日归集至市大数据中心平台，向各部门无条件共享。');
    await form.getByLabel('计划完成日期').fill(shanghaiDatePlus(200));

    // Its own data centre: refused at submission (Art. 8), the reason on the field, nothing lost.
    await form.getByRole('button', { name: '提交申请' }).click();
    await expect(owner.getByRole('alert').filter({ hasText: '提交未被受理' })).toContainText('第8条');
    await expect(form.getByRole('group', { name: /是否自建政务云或数据中心/ })).toHaveAccessibleDescription(/大数据中心/);
    await expect(form.getByLabel('项目名称')).toHaveValue(projectName);
    await expect(form.getByLabel('总投资（万元）')).toHaveValue('1280.5');
    await expect(form.getByRole('list', { name: '项目数据目录条目' }).getByRole('listitem', { name: '目录条目 1' })).toContainText('企业名称');
    await expect(form.getByLabel('条目 1 共享属性')).toHaveValue('unconditional');

    await form.getByRole('radio', { name: /^否，使用市大数据中心统一平台/ }).check();
    await form.getByRole('button', { name: '提交申请' }).click();
    await expect(owner).toHaveURL(/\/cases\/[^/?]+$/, { timeout: 30_000 });
    const caseId = decodeURIComponent(new URL(owner.url()).pathname.split('/').pop()!);
    await expect(status(owner)).toContainText('办理中');
    await expect(owner.getByRole('table', { name: '项目数据目录' })).toContainText('企业登记信息');

    // The BDB approves with conditions: the opinion has its number at once.
    const reviewer = await signedIn(browser, 'bdb.reviewer');
    await openFromInbox(reviewer, caseId, '大数据局审核');
    await decide(reviewer, '有条件通过', async (p) => {
      await p.getByLabel('通过条件').fill('上线前完成项目数据目录编目，企业登记信息按日归集。');
    });
    const summary = reviewer.getByLabel('审核意见摘要');
    await expect(summary).toContainText(/甬数审〔\d{4}〕\d+号/);
    await expect(summary).toContainText('有条件通过');
    const number = (await summary.locator('dd').first().textContent())!.trim();

    // The investment authority: a 抄送 item, the opinion as a document and a PDF, marked read.
    const ndrc = await signedIn(browser, 'ndrc.opinion');
    await ndrc.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '抄送' }).click();
    const unread = ndrc.getByRole('table', { name: '未读抄送' }).getByRole('row').filter({ hasText: number });
    await reloadUntil(ndrc, () => expect(unread).toBeVisible({ timeout: 2_000 }));
    await unread.getByRole('link', { name: /^查看审核意见/ }).click();
    await expect(ndrc).toHaveURL(new RegExp(`/cases/${caseId}/opinion$`));
    const doc = ndrc.getByRole('article', { name: '审核意见书' });
    await expect(doc).toContainText('宁波市大数据发展管理局');
    await expect(doc.getByLabel('文号')).toHaveText(number);
    await expect(doc).toContainText(projectName);
    await expect(doc).toContainText('宁波市市场监督管理局');
    await expect(doc).toContainText('1,280.5 万元');
    await expect(doc).toContainText('审核结论为：有条件通过');
    await expect(doc.getByRole('region', { name: '通过条件' })).toContainText('上线前完成项目数据目录编目');
    await expect(doc).toContainText('第9条');
    await expect(doc).toContainText(/抄送：.*宁波市发展和改革委员会/);
    const pdf = await ndrc.request.get(`/api/v1/cases/${encodeURIComponent(caseId)}/opinion.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await ndrc.goBack();
    await ndrc.getByRole('table', { name: '未读抄送' }).getByRole('row').filter({ hasText: number }).getByRole('button', { name: /^标记已读/ }).click();
    await expect(ndrc.getByRole('table', { name: '未读抄送' }).getByRole('row').filter({ hasText: number })).toHaveCount(0);
    await ndrc.getByRole('tab', { name: /已读/ }).click();
    await expect(ndrc.getByRole('table', { name: '已读抄送' }).getByRole('row').filter({ hasText: number })).toBeVisible();

    // The owner reports completion with its own catalog resource; the check passes; the BDB accepts.
    await reportCompletion(owner, caseId, 'NB-AMR-0001');
    await openAcceptance(reviewer, caseId, 'NB-AMR-0001', '✓✓✓');
    await decide(reviewer, '验收通过');
    await reloadUntil(reviewer, () => expect(status(reviewer)).toContainText('已验收', { timeout: 2_000 }));
    await expect(reviewer.getByText('核对通过', { exact: true })).toBeVisible();
  });

  test('a failed acceptance fixed: another unit’s resource fails the check, the owner re-reports with its own', async ({ browser }) => {
    test.slow();
    const owner = await signedIn(browser, 'amr.applicant');
    const caseId = await fileByApi(owner, `市场监管数据中台 ${Date.now().toString(36)}`);
    const reviewer = await signedIn(browser, 'bdb.reviewer');
    await openFromInbox(reviewer, caseId, '大数据局审核');
    await decide(reviewer, '通过');

    // 人口基础信息 is the police's: in the catalog, but not provided by the owner.
    await reportCompletion(owner, caseId, 'NB-PSB-0001');
    await openAcceptance(reviewer, caseId, 'NB-PSB-0001', '✓✗✓');
    await expect(reviewer.getByText('核对未通过').first()).toBeVisible();
    await decide(reviewer, '验收不通过', async (p) => {
      await p.getByLabel('办理意见说明').fill('企业登记信息应登记本单位提供的目录资源');
    });

    await reportCompletion(owner, caseId, 'NB-AMR-0001');
    await openAcceptance(reviewer, caseId, 'NB-AMR-0001', '✓✓✓');
    await decide(reviewer, '验收通过');
    await reloadUntil(owner, () => expect(status(owner)).toContainText('已验收', { timeout: 2_000 }));
    await expect(owner.getByRole('list', { name: '办理历史' })).toContainText('验收不通过');
  });

  test('不予通过 in review: 未通过, with an opinion giving the reason', async ({ browser }) => {
    const owner = await signedIn(browser, 'amr.applicant');
    const caseId = await fileByApi(owner, `重复建设的审批系统 ${Date.now().toString(36)}`);
    const reviewer = await signedIn(browser, 'bdb.reviewer');
    await openFromInbox(reviewer, caseId, '大数据局审核');
    await decide(reviewer, '不予通过', async (p) => {
      await p.getByLabel('办理意见说明').fill('与一体化政务服务平台功能重复');
    });
    await owner.goto(`/cases/${caseId}`);
    await reloadUntil(owner, () => expect(status(owner)).toContainText('未通过', { timeout: 2_000 }));
    await owner.getByRole('link', { name: '查看审核意见' }).click();
    const doc = owner.getByRole('article', { name: '审核意见书' });
    await expect(doc).toContainText('审核结论为：不予通过');
    await expect(doc.getByRole('region', { name: '不予通过的理由' })).toContainText('与一体化政务服务平台功能重复');

    // The PDF has the case's visibility: its owner reads it, an unrelated unit gets 404.
    const pdfPath = `/api/v1/cases/${encodeURIComponent(caseId)}/opinion.pdf`;
    expect((await owner.request.get(pdfPath)).status()).toBe(200);
    const unrelated = await signedIn(browser, 'water.provider');
    expect((await unrelated.request.get(pdfPath)).status()).toBe(404);
  });

  test('退回修改, and the owner withdraws: 已撤回', async ({ browser }) => {
    const owner = await signedIn(browser, 'amr.applicant');
    const caseId = await fileByApi(owner, `待补充的项目 ${Date.now().toString(36)}`);
    const reviewer = await signedIn(browser, 'bdb.reviewer');
    await openFromInbox(reviewer, caseId, '大数据局审核');
    await decide(reviewer, '退回修改', async (p) => {
      await p.getByLabel('办理意见说明').fill('请补充项目数据目录的数据项');
    });
    await openFromInbox(owner, caseId, '建设单位修改');
    await decide(owner, '撤回');
    await reloadUntil(owner, () => expect(status(owner)).toContainText('已撤回', { timeout: 2_000 }));

    // No opinion for a returned project; the PDF is 404 for it.
    const pdf = await owner.request.get(`/api/v1/cases/${encodeURIComponent(caseId)}/opinion.pdf`);
    expect(pdf.status()).toBe(404);
  });
});
