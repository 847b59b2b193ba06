/**
 * The conditional open-data application (PROCEDURES.md §5, Art. 21–25, 32) through the web.
 *   1. acme.applicant (a company) files for NB-WATER-0001 from the form; bdb.reviewer and
 *      water.provider approve their assessments; the applicant reads the agreement and signs;
 *      bdb.reviewer countersigns → 使用中, and the agreement page shows both signatures.
 *   2. bdb.reviewer requests information → the history shows the pause with the working days
 *      left → the applicant supplements → the history shows the resume → both approve.
 *   3. Filing refusals show at the field: not-open resources cannot be chosen, unconditional
 *      ones say where to get them, cross-border use without an assessment is refused (Art. 32).
 */
import { expect, test, type Page } from '@playwright/test';
import { decide, openFromInbox, signedIn } from './helpers';

async function fileConditionalOpenByApi(page: Page): Promise<string> {
  const res = await page.request.post('/api/v1/cases', {
    data: {
      type: 'conditional-open',
      payload: {
        resources: ['NB-WATER-0001'],
        purpose: '分析居民用水规律，开发节水提示服务',
        scenario: '节水小程序的月度用水分析',
        securityMeasures: '数据仅在开放平台沙箱内处理，账号实名认证',
        contact: '钱经理 0574-88880000',
        crossBorder: false,
      },
    },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Signs on the page's sign step: the agreement is shown, its hash read, the signer named and the text confirmed. */
async function sign(page: Page, decision: string, signer: string) {
  const form = page.getByRole('form', { name: /^办理：/ });
  const agreement = form.getByRole('region', { name: '待签署的数据利用协议' });
  await expect(agreement).toContainText('宁波市公共数据有条件开放数据利用协议');
  await expect(agreement).toContainText(/SHA-256 [0-9a-f]{64}/);
  await decide(page, decision, async (p) => {
    await p.getByLabel('签署人').fill(signer);
    await p.getByLabel(/我已阅读并同意/).check();
  });
}

test.describe('有条件开放申请', () => {
  test('a company from filing to 使用中: both assessments, sign, countersign, the agreement page', async ({ browser }) => {
    const applicant = await signedIn(browser, 'acme.applicant');
    await applicant.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '我的办件' }).click();
    await applicant.getByRole('link', { name: '新建申请' }).first().click();
    await expect(applicant.getByRole('heading', { name: '新建有条件开放申请' })).toBeVisible();

    await applicant.getByRole('checkbox', { name: /NB-WATER-0001/ }).check();
    await expect(applicant.getByRole('list', { name: '已选资源' })).toContainText('用水户信息');
    await applicant.getByLabel('数据用途').fill('分析居民用水规律，开发节水提示服务');
    await applicant.getByLabel('应用场景').fill('节水小程序的月度用水分析');
    await applicant.getByLabel('安全保障措施').fill('数据仅在开放平台沙箱内处理，账号实名认证');
    await applicant.getByLabel('联系方式').fill('钱经理 0574-88880000');
    await applicant.getByRole('button', { name: '提交申请' }).click();
    await expect(applicant).toHaveURL(/\/cases\/CO-[^/]+$/, { timeout: 30_000 });
    const caseId = decodeURIComponent(new URL(applicant.url()).pathname.split('/').pop() ?? '');
    await expect(applicant.getByRole('heading', { name: /用水户信息/ })).toContainText('办理中');

    const reviewer = await signedIn(browser, 'bdb.reviewer');
    await openFromInbox(reviewer, caseId, '大数据局综合评估');
    await decide(reviewer, '评估通过');

    const provider = await signedIn(browser, 'water.provider');
    await openFromInbox(provider, caseId, '数据提供单位评估');
    await decide(provider, '评估通过');

    // The applicant signs the text it reads; a sign without the confirmation is refused at the field.
    await openFromInbox(applicant, caseId, '申请人签署协议');
    const form = applicant.getByRole('form', { name: /^办理：/ });
    await expect(form.getByRole('region', { name: '待签署的数据利用协议' })).toContainText('第一条');
    await form.getByRole('radio', { name: '签署协议', exact: true }).check();
    await applicant.getByLabel('签署人').fill('钱经理');
    await form.getByRole('button', { name: '提交：签署协议' }).click();
    await expect(form.getByText('签署前须确认已阅读并同意协议全文')).toBeVisible();
    await expect(applicant.getByLabel('签署人')).toHaveValue('钱经理');
    await sign(applicant, '签署协议', '钱经理');

    await openFromInbox(reviewer, caseId, '大数据局会签协议');
    await sign(reviewer, '会签协议', '王审核');

    await applicant.goto(`/cases/${caseId}`);
    await expect(async () => {
      await applicant.reload();
      await expect(applicant.getByRole('heading', { name: /用水户信息/ })).toContainText('使用中', { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    const signatures = applicant.getByRole('list', { name: '协议签署情况' });
    await expect(signatures).toContainText('钱经理');
    await expect(signatures).toContainText('王审核');
    await expect(applicant.getByRole('list', { name: '办理历史' })).toContainText('签署');

    await applicant.getByRole('link', { name: '查看协议' }).click();
    await expect(applicant).toHaveURL(new RegExp(`/cases/${caseId}/agreement$`));
    const rows = applicant.getByRole('table', { name: '协议签署记录' }).getByRole('row');
    await expect(rows).toHaveCount(3); // header + applicant + countersign
    await expect(rows.nth(1)).toContainText('钱经理');
    await expect(rows.nth(2)).toContainText('王审核');
    await expect(applicant.getByRole('table', { name: '协议签署记录' }).getByText('与现行文本一致')).toHaveCount(2);
    await expect(applicant.getByRole('link', { name: '下载 PDF' })).toHaveAttribute('href', `/api/v1/cases/${caseId}/agreement.pdf`);
    const pdf = await applicant.request.get(`/api/v1/cases/${caseId}/agreement.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
  });

  test('request-info pauses the assessment clock; the supplement resumes it', async ({ browser }) => {
    const applicant = await signedIn(browser, 'acme.applicant');
    const caseId = await fileConditionalOpenByApi(applicant);

    const reviewer = await signedIn(browser, 'bdb.reviewer');
    await openFromInbox(reviewer, caseId, '大数据局综合评估');
    // 要求补充材料 needs what to supply: refused before sending, the choice kept.
    const review = reviewer.getByRole('form', { name: /^办理：/ });
    await review.getByRole('radio', { name: '要求补充材料', exact: true }).check();
    await review.getByRole('button', { name: '提交：要求补充材料' }).click();
    await expect(review.getByRole('alert')).toContainText('要求补充材料须写明需补充的内容');
    await expect(review.getByRole('radio', { name: '要求补充材料', exact: true })).toBeChecked();
    await decide(reviewer, '要求补充材料', async (p) => {
      await p.getByLabel('办理意见说明').fill('请补充数据存储位置和访问审计措施');
    });
    await expect(reviewer.getByRole('list', { name: '办理历史' })).toContainText(/计时暂停：剩余 \d+ 个工作日/);

    // The applicant sees the request beside the form, amends the measures and resubmits; resources stay as filed.
    await openFromInbox(applicant, caseId, '申请人补充材料');
    await expect(applicant.getByRole('form', { name: /^办理：/ }).getByText('请补充数据存储位置和访问审计措施')).toBeVisible();
    await decide(applicant, '提交补充材料', async (p) => {
      await expect(p.getByRole('list', { name: '已选资源' })).toContainText('NB-WATER-0001');
      await expect(p.getByRole('button', { name: /移除资源/ })).toHaveCount(0);
      await p.getByLabel('安全保障措施').fill('数据存储于开放平台沙箱（境内），访问留痕，每月审计');
    });
    await expect(async () => {
      await applicant.reload();
      await expect(applicant.getByRole('list', { name: '办理历史' })).toContainText(/恢复计时：剩余 \d+ 个工作日/, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });

    await openFromInbox(reviewer, caseId, '大数据局综合评估');
    await decide(reviewer, '评估通过');
    const provider = await signedIn(browser, 'water.provider');
    await openFromInbox(provider, caseId, '数据提供单位评估');
    await decide(provider, '评估通过');
    await openFromInbox(applicant, caseId, '申请人签署协议');
  });

  test('filing refusals show at the field, and nothing typed is lost', async ({ browser }) => {
    const applicant = await signedIn(browser, 'citizen.zhang');
    await applicant.goto('/cases/new');
    await expect(applicant.getByRole('heading', { name: '新建有条件开放申请' })).toBeVisible();

    // Not-open data cannot be chosen (Art. 21); unconditional-open data needs no application (Art. 25 ¶2).
    await expect(applicant.getByRole('checkbox', { name: /NB-PSB-0001/ })).toBeDisabled();
    const unconditional = applicant.getByRole('listitem').filter({ has: applicant.getByRole('checkbox', { name: /NB-AMR-0001/ }) });
    await expect(unconditional).toContainText('无需申请，直接从宁波市公共数据开放平台获取');
    await expect(applicant.getByRole('checkbox', { name: /NB-AMR-0001/ })).toBeDisabled();

    // Cross-border use without a recorded security assessment is refused at the field (Art. 32).
    await applicant.getByRole('checkbox', { name: /NB-AMR-0002/ }).check();
    await applicant.getByLabel('数据用途').fill('学术研究：企业经营异常的统计分析');
    await applicant.getByLabel('应用场景').fill('高校研究课题');
    await applicant.getByLabel('安全保障措施').fill('离线存储，仅课题组成员可访问');
    await applicant.getByLabel('联系方式').fill('张三 13800000000');
    await applicant.getByLabel(/数据出境/).check();
    await applicant.getByRole('button', { name: '提交申请' }).click();
    const summary = applicant.getByRole('alert').filter({ hasText: '提交未被受理' });
    await expect(summary).toContainText('第32条');
    await expect(applicant.getByText('数据出境须先完成安全评估（第32条）')).toBeVisible();
    await expect(applicant.getByLabel(/数据出境/)).toHaveAttribute('aria-invalid', 'true');
    await expect(applicant.getByLabel('数据用途')).toHaveValue('学术研究：企业经营异常的统计分析');

    // The server says the same when asked directly, naming the field.
    const res = await applicant.request.post('/api/v1/cases', {
      data: { type: 'conditional-open', payload: { resources: ['NB-AMR-0002'], purpose: 'x', scenario: 'x', securityMeasures: 'x', contact: 'x', crossBorder: true } },
    });
    expect(res.status()).toBe(422);
    const body = (await res.json()) as { error: { article?: string; fields?: Record<string, string> } };
    expect(body.error.article).toBe('第32条');
    expect(body.error.fields?.crossBorder).toBeTruthy();
  });
});
