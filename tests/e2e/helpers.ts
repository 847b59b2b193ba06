/** What several browser journeys share: a signed-in page per user, filing through the API, opening a task from the inbox and deciding it. */
import { expect, type Browser, type Page } from '@playwright/test';

const PASSWORD = 'ningbo-demo';

/** A browser context of its own for `username`, signed in through the login form. */
export async function signedIn(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();
  return page;
}

/** Files a restricted-share request for one resource with the page's session; returns the case id. */
export async function fileByApi(page: Page, code: string, dataItem = '姓名'): Promise<string> {
  const res = await page.request.post('/api/v1/cases', {
    data: {
      type: 'restricted-share',
      payload: {
        resources: [code],
        dataItems: [dataItem],
        businessProcess: '企业登记时核验法定代表人身份',
        scenario: '企业开办“一件事”联办系统',
        dutyBasis: '《市场主体登记管理条例》第十二条',
        method: 'interface',
        accessDays: 180,
        undertaking: true,
      },
    },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** The inbox row of a case, once the workflow has opened the task (reloads until then). */
export async function openFromInbox(page: Page, caseId: string, stepLabel: string) {
  // The inbox filtered to the case: a busy inbox pages, and a task without a deadline sorts last.
  await page.goto(`/inbox?caseId=${encodeURIComponent(caseId)}`);
  const row = page.getByRole('row').filter({ has: page.locator(`a[href="/cases/${caseId}"]`) }).filter({ hasText: stepLabel });
  await expect(async () => {
    await page.reload();
    await expect(row).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await row.getByRole('link', { name: /^办理/ }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}$`));
}

/** Chooses `decision` on the page's decision form, fills what it needs, submits, and waits for the workflow's answer. */
export async function decide(page: Page, decision: string, fill?: (page: Page) => Promise<void>) {
  const form = page.getByRole('form', { name: /^办理：/ });
  await form.getByRole('radio', { name: decision, exact: true }).check();
  if (fill) await fill(page);
  await form.getByRole('button', { name: `提交：${decision}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `已提交办理意见：${decision}` })).toBeVisible({ timeout: 30_000 });
}
