/**
 * Phase 1 of the web front end: sign-in, the shell's role-based navigation,
 * the catalog, the working-day calendar and its deadline calculator.
 * Runs against the seeded demo data (password `ningbo-demo` for every user).
 */
import { expect, test, type Page } from '@playwright/test';

const PASSWORD = 'ningbo-demo';

const mainNav = (page: Page) => page.getByRole('navigation', { name: '主导航' });

async function fillSignIn(page: Page, username: string, password: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Sign in and wait until the app shell is there (the landing page has loaded). */
async function signIn(page: Page, username: string) {
  await page.goto('/login');
  await fillSignIn(page, username, PASSWORD);
  await expect(mainNav(page)).toBeVisible();
}

test.describe('sign-in and navigation', () => {
  test('admin sees 管理 but no applicant pages', async ({ page }) => {
    await signIn(page, 'admin');
    const nav = mainNav(page);
    await expect(nav.getByRole('link', { name: '管理' })).toBeVisible();
    await expect(nav.getByRole('link', { name: '数据目录' })).toBeVisible();
    await expect(nav.getByRole('link', { name: '工作日历' })).toBeVisible();
    await expect(nav.getByRole('link', { name: '我的办件' })).toHaveCount(0);
    await expect(page.getByLabel('当前用户')).toContainText('宁波市大数据发展管理局');
    await expect(page.getByLabel('当前用户')).toContainText('系统管理员');
  });

  test('an applicant sees 待办 and 我的办件 but not 管理', async ({ page }) => {
    await signIn(page, 'amr.applicant');
    const nav = mainNav(page);
    await expect(nav.getByRole('link', { name: '我的办件' })).toBeVisible();
    await expect(nav.getByRole('link', { name: '待办' })).toBeVisible();
    await expect(nav.getByRole('link', { name: '数据目录' })).toBeVisible();
    await expect(nav.getByRole('link', { name: '管理' })).toHaveCount(0);
    await expect(page.getByLabel('当前用户')).toContainText('宁波市市场监督管理局');
    await expect(page.getByLabel('当前用户')).toContainText('申请人');
  });

  test('the BDB reviewer opens 逾期督办 from the navigation', async ({ page }) => {
    await signIn(page, 'bdb.reviewer');
    await mainNav(page).getByRole('link', { name: '逾期督办' }).click();
    await expect(page).toHaveURL(/\/overdue$/);
    await expect(page.getByRole('heading', { name: '逾期督办' })).toBeVisible();
    await expect(page.getByRole('table', { name: '逾期任务' })).toBeVisible();
  });

  test('an applicant has no 逾期督办 link', async ({ page }) => {
    await signIn(page, 'amr.applicant');
    await expect(mainNav(page).getByRole('link', { name: '逾期督办' })).toHaveCount(0);
  });

  test('a wrong password shows an error and keeps the username', async ({ page }) => {
    await page.goto('/login');
    await fillSignIn(page, 'amr.applicant', 'not-the-password');
    await expect(page.getByRole('alert').filter({ hasText: '用户名或密码错误' })).toBeVisible();
    await expect(page.getByLabel('用户名')).toHaveValue('amr.applicant');
    await expect(page).toHaveURL(/\/login/);
  });

  test('signed-out users are sent to the sign-in page and come back after it', async ({ page }) => {
    await page.goto('/catalog?shareClass=none');
    await expect(page).toHaveURL(/\/login\?next=/);
    await fillSignIn(page, 'amr.applicant', PASSWORD);
    await expect(page).toHaveURL(/\/catalog\?shareClass=none/);
    await expect(page.getByRole('cell', { name: '户籍变动明细' })).toBeVisible();
  });

  test('sign out ends the session', async ({ page }) => {
    await signIn(page, 'admin');
    await expect(mainNav(page)).toBeVisible();
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/admin');
    await expect(page).toHaveURL(/\/login\?next=%2Fadmin/);
  });
});

test.describe('数据目录', () => {
  test('filter by 受限共享, reflected in the URL', async ({ page }) => {
    await signIn(page, 'amr.applicant');
    await mainNav(page).getByRole('link', { name: '数据目录' }).click();
    const table = page.getByRole('table');
    await expect(table.getByRole('link', { name: '企业登记信息' })).toBeVisible();

    await page.getByLabel('共享属性').selectOption({ label: '受限共享' });
    await expect(page).toHaveURL(/shareClass=restricted/);
    await expect(table.getByRole('link', { name: '人口基础信息' })).toBeVisible();
    await expect(table.getByRole('link', { name: '企业登记信息' })).toHaveCount(0);
    await expect(table.getByRole('link', { name: '户籍变动明细' })).toHaveCount(0);
    // every row shown is restricted
    const rows = table.locator('tbody tr');
    const n = await rows.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) await expect(rows.nth(i)).toContainText('受限共享');
  });

  test('a resource shows its class, reason and legal basis, and applicants can apply', async ({ page }) => {
    await signIn(page, 'amr.applicant');
    await page.goto('/catalog/NB-PSB-0001');
    await expect(page.getByRole('heading', { name: /人口基础信息/ })).toBeVisible();
    await expect(page.getByText('法律、法规和规章依据')).toBeVisible();
    await expect(page.getByRole('link', { name: '申请共享' })).toHaveAttribute('href', '/cases/new?resources=NB-PSB-0001');
  });
});

test.describe('工作日历', () => {
  test('October 2026: 国庆节 on 10-01..10-07 and 10-10 an adjusted workday', async ({ page }) => {
    await signIn(page, 'amr.applicant');
    await mainNav(page).getByRole('link', { name: '工作日历' }).click();
    await page.getByLabel('年份').selectOption('2026');
    await page.getByLabel('月份').selectOption('10');
    await expect(page).toHaveURL(/year=2026&month=10/);
    for (let d = 1; d <= 7; d++) {
      await expect(page.getByRole('cell', { name: new RegExp(`^10月${d}日 .*国庆节.*法定节假日`) })).toBeVisible();
    }
    await expect(page.getByRole('cell', { name: /^10月10日 .*调休/ })).toBeVisible();
    await expect(page.getByRole('cell', { name: /^10月8日 / })).toHaveAttribute('data-kind', 'workday');
    await expect(page.getByRole('cell', { name: /^10月11日 / })).toHaveAttribute('data-kind', 'weekend');
  });

  test('month navigation', async ({ page }) => {
    await signIn(page, 'amr.applicant');
    await page.goto('/calendar?year=2026&month=1');
    await page.getByRole('button', { name: '上个月' }).click();
    await expect(page).toHaveURL(/year=2025&month=12/);
    await page.getByRole('button', { name: '下个月' }).click();
    await page.getByRole('button', { name: '下个月' }).click();
    await expect(page).toHaveURL(/year=2026&month=2/);
    await expect(page.getByRole('cell', { name: /春节/ }).first()).toBeVisible();
  });

  test('deadline calculator: 2026-09-30 10:00 + 5 working days → 2026年10月14日', async ({ page }) => {
    await signIn(page, 'amr.applicant');
    await page.goto('/calendar');
    await page.getByLabel('收到时间（北京时间）').fill('2026-09-30T10:00');
    await page.getByLabel('期限天数').fill('5');
    await page.getByRole('radio', { name: '工作日' }).check();
    await page.getByRole('button', { name: '计算期限' }).click();
    const result = page.getByTestId('deadline-result');
    await expect(result).toContainText('2026年10月14日 00:00');
    await expect(result).toContainText('即10月13日24:00');
    await expect(page.getByText('计入的工作日（5 天）')).toBeVisible();
    await expect(result).not.toContainText('暂定');
  });

  test('a deadline reaching into an unpublished year is marked 暂定', async ({ page }) => {
    await signIn(page, 'amr.applicant');
    await page.goto('/calendar');
    await page.getByLabel('收到时间（北京时间）').fill('2026-12-28T10:00');
    await page.getByLabel('期限天数').fill('10');
    await page.getByRole('radio', { name: '工作日' }).check();
    await page.getByRole('button', { name: '计算期限' }).click();
    await expect(page.getByTestId('deadline-result')).toContainText('2027年');
    await expect(page.getByTestId('deadline-result')).toContainText('暂定');
  });
});

test.describe('publishing a year (admin)', () => {
  test('a refused row shows its error beside it and nothing typed is lost', async ({ page }) => {
    await signIn(page, 'admin');
    await page.goto('/calendar/years/2030');
    const workdays = page.getByRole('region', { name: /^调休上班日/ });
    const rowsBefore = await workdays.locator('tbody tr').count();
    await workdays.getByRole('button', { name: '添加一行' }).click();
    const i = rowsBefore + 1;
    await page.getByLabel(`调休上班日第${i}行日期`).fill('2030-02-09');
    // the name is left empty: the API refuses it
    await page.getByRole('button', { name: '发布 2030 年安排' }).click();
    await expect(page.getByRole('alert').filter({ hasText: '未能发布' })).toBeVisible();
    await expect(page.getByLabel(`调休上班日第${i}行名称`)).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel(`调休上班日第${i}行日期`)).toHaveValue('2030-02-09');
  });
});

test.describe('管理', () => {
  test('admin sees system health and the tools', async ({ page }) => {
    await signIn(page, 'admin');
    await mainNav(page).getByRole('link', { name: '管理' }).click();
    const health = page.getByRole('region', { name: '系统状态' });
    await expect(health).toContainText('数据库');
    await expect(health).toContainText('正常');
    await expect(page.getByRole('link', { name: '接口文档（API）' })).toHaveAttribute('href', '/api/v1/docs');
  });
});
