/**
 * Lists page and search in the browser (API.md "Lists, paging and search"):
 *   1. The applicant finds one case among its own by its id; the filter is in
 *      the URL, so reloading (or a bookmark) shows the same view; 仅逾期 narrows it.
 *   2. The administrator pages through a case's audit entries: 下一页, 上一页.
 */
import { expect, test } from '@playwright/test';
import { fileByApi, signedIn } from './helpers';

test.describe('分页与搜索', () => {
  test('the applicant searches its cases by id; the view is in the URL', async ({ browser }) => {
    const applicant = await signedIn(browser, 'amr.applicant');
    const wanted = await fileByApi(applicant, 'NB-WATER-0001', '用水地址');
    const other = await fileByApi(applicant, 'NB-PSB-0001', '姓名');

    await applicant.goto('/cases');
    const table = applicant.getByRole('table', { name: '我的办件' });
    await expect(table.locator(`a[href="/cases/${other}"]`)).toBeVisible();
    await applicant.getByRole('searchbox', { name: '搜索' }).fill(wanted.toLowerCase());
    await applicant.getByRole('button', { name: '搜索', exact: true }).click();
    await expect(applicant).toHaveURL(new RegExp(`[?&]q=${wanted.toLowerCase()}`));
    await expect(table.locator(`a[href="/cases/${wanted}"]`)).toBeVisible();
    await expect(table.locator(`a[href="/cases/${other}"]`)).toHaveCount(0);
    const pager = applicant.getByRole('navigation', { name: '我的办件分页' });
    await expect(pager).toContainText('共 1 条');

    // A bookmark of this view shows the same.
    await applicant.reload();
    await expect(applicant.getByRole('searchbox', { name: '搜索' })).toHaveValue(wanted.toLowerCase());
    await expect(table.locator(`a[href="/cases/${wanted}"]`)).toBeVisible();
    await expect(table.locator(`a[href="/cases/${other}"]`)).toHaveCount(0);

    // Just filed, nothing on it is overdue.
    await applicant.getByRole('checkbox', { name: '仅逾期' }).check();
    await expect(applicant).toHaveURL(/[?&]overdue=true/);
    await expect(applicant.getByText('没有符合条件的办件。')).toBeVisible();
    await expect(pager).toContainText('共 0 条');
  });

  test('the administrator pages through the audit log', async ({ browser }) => {
    const applicant = await signedIn(browser, 'amr.applicant');
    const id = await fileByApi(applicant, 'NB-WATER-0001', '用水地址');
    const admin = await signedIn(browser, 'admin');
    // Each look at the case's whole timeline is audited: 55 of them, more than a page of 50.
    for (let i = 0; i < 55; i++) expect((await admin.request.get(`/api/v1/admin/cases/${id}/timeline`)).status()).toBe(200);

    await admin.goto('/admin/audit');
    await admin.getByLabel('对象').fill(`case:${id}`);
    await admin.getByRole('button', { name: '查询' }).click();
    await expect(admin).toHaveURL(/[?&]target=case/);
    const table = admin.getByRole('table', { name: '审计记录' });
    const pager = admin.getByRole('navigation', { name: '审计记录分页' });
    await expect(pager).toContainText(/共 5[6-9] 条/);
    await expect(pager).toContainText('第 1 页（第 1–50 条）');
    await expect(table.locator('tbody tr')).toHaveCount(50);
    const firstSeq = await table.locator('tbody tr').first().locator('td').first().textContent();

    await pager.getByRole('button', { name: '下一页' }).click();
    await expect(admin).toHaveURL(/[?&]cursor=/);
    await expect(pager).toContainText('第 2 页（第 51–');
    await expect(pager.getByRole('button', { name: '下一页' })).toBeDisabled();
    const rows = await table.locator('tbody tr').count();
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(10);
    // The oldest entry of the case, its filing, is on the last page.
    await expect(table.locator('tbody tr').last()).toContainText('case-file');

    await pager.getByRole('button', { name: '上一页' }).click();
    await expect(pager).toContainText('第 1 页');
    await expect(table.locator('tbody tr').first().locator('td').first()).toHaveText(firstSeq ?? '');
  });
});
