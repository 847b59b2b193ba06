/**
 * Sign-in lockout as people meet it: the login page says the account is
 * locked and how long to wait; an administrator sees the lock on 管理 →
 * 账号锁定 and lifts it. Uses a made-up username, so no demo user is locked.
 */
import { expect, test, type Page } from '@playwright/test';

const PASSWORD = 'ningbo-demo';

async function submit(page: Page, username: string, password: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST');
  await page.getByRole('button', { name: '登录' }).click();
  return (await answered).status();
}

test('five wrong passwords lock the name and the login page says how long to wait; an admin unlocks it on 账号锁定', async ({ page }) => {
  const name = `e2e.locked.${Date.now().toString(36)}`;
  // Next.js has a (usually empty) role="alert" route announcer of its own.
  const loginError = page.getByRole('alert').filter({ hasText: /\S/ });
  await page.goto('/login');
  for (let i = 1; i <= 4; i++) {
    expect(await submit(page, name, 'wrong-password')).toBe(401);
    await expect(loginError).toContainText('用户名或密码错误');
  }
  expect(await submit(page, name, 'wrong-password')).toBe(429);
  await expect(loginError).toContainText('账号已被临时锁定');
  await expect(loginError).toContainText('请 15 分钟后再试');

  await submit(page, 'admin', PASSWORD);
  await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();
  await page.goto('/admin');
  await page.getByRole('link', { name: '账号锁定' }).click();
  await expect(page).toHaveURL(/\/admin\/account-locks/);
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('不存在的用户名');
  await row.getByRole('button', { name: `解锁 ${name}` }).click();
  await expect(page.getByText(`已解除 ${name} 的锁定`)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);
});
