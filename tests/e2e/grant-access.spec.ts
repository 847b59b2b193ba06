/**
 * Recording each use of granted data from the case page (POST /grants/{id}/access):
 * psb.provider's request for an unconditional-share resource is granted at once;
 * it records a use with its purpose and sees the count; once an administrator
 * revokes the grant, the next attempt shows the refusal and the form is gone.
 */
import { expect, test } from '@playwright/test';
import { fileByApi, signedIn } from './helpers';

test('the applicant records a use of its grant; after revocation the refusal is shown', async ({ browser }) => {
  const applicant = await signedIn(browser, 'psb.provider');
  const caseId = await fileByApi(applicant, 'NB-AMR-0001', '企业名称');
  const grants = applicant.getByRole('table', { name: '访问授权' });
  await applicant.goto(`/cases/${caseId}`);
  await expect(async () => {
    await applicant.reload();
    await expect(grants).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

  const row = grants.getByRole('row').filter({ hasText: 'NB-AMR-0001' });
  await expect(row).toContainText('已使用 0 次');
  await row.getByRole('button', { name: '记录使用' }).click();
  const form = row.getByRole('form', { name: /^记录使用/ });
  const purpose = form.getByLabel('本次使用用途（必填）');
  await expect(form.getByRole('button', { name: '确认记录' })).toBeDisabled();
  await purpose.fill('核验企业开办申请中的企业名称');
  await form.getByRole('button', { name: '确认记录' }).click();
  await expect(row).toContainText('已使用 1 次');
  await expect(row).toContainText('最近');

  // An administrator revokes the grant while the page is open.
  const res = await applicant.request.get(`/api/v1/cases/${encodeURIComponent(caseId)}`);
  const grantId = ((await res.json()) as { outcome: { grants: { id: string }[] } }).outcome.grants[0]!.id;
  const admin = await signedIn(browser, 'admin');
  expect((await admin.request.post(`/api/v1/admin/grants/${encodeURIComponent(grantId)}/revoke`, { data: { reason: '超范围使用' } })).status()).toBe(200);

  await row.getByRole('button', { name: '记录使用' }).click();
  await purpose.fill('撤销后再次使用');
  await form.getByRole('button', { name: '确认记录' }).click();
  await expect(row.getByRole('alert')).toContainText('已被撤销');
  await expect(row).toContainText('已撤销');
  await expect(row).toContainText('已使用 1 次');
  await expect(row.getByRole('button', { name: '记录使用' })).toHaveCount(0);
});
