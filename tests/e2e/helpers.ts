/** What several browser journeys share: a signed-in page per user, and filing through the API. */
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
