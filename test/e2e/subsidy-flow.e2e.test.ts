/**
 * The 一次性创业补贴 end to end, in headless Chromium against the whole local platform:
 * 王小明 logs in → sees the policy matched with ¥5,000.00 → applies with the 容缺 material
 * missing → sees the supplement deadline → supplements → 人社局 L1 approves → L2 approves →
 * 公示中 → close-publicity and disburse (invoked on the offline Lambda port "as of" after
 * the 公示 ends) → the applicant sees the money arrive. Screenshots go to test/e2e/screenshots.
 */
import type { Browser, Page } from 'playwright-core';
import { call, invoke } from './support/api';
import {
  button,
  forwardUploadsAroundMissingCors,
  launch,
  loginAs,
  open,
  PDF,
  phone,
  PNG_1PX,
  screenshotsOnFailure,
  shot,
  tokenOf,
  uploadFile,
} from './support/browser';

const H5 = process.env.E2E_H5!;

let browser: Browser;
const started = Date.now();

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await (browser as Browser | undefined)?.close(); // undefined when launch() failed
  console.log(`subsidy flow: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

/** Another person's phone; its console errors are printed (a schema mismatch logs there). */
async function staffPhone(label: string): Promise<Page> {
  const page = await (await phone(browser)).newPage();
  page.on('console', (m) => m.type() === 'error' && console.log(`[${label}] ${m.text()}`));
  return page;
}

/** Handed from the flow to the payment test. */
let money: { applicant: Page; token: string; id: string; after: string } | undefined;

test('apply with 容缺 → supplement → two reviews → 公示 → close 公示 → payable', async () => {
  const applicant = await (await phone(browser)).newPage();
  const errors: string[] = [];
  applicant.on('pageerror', (e) => errors.push(e.message));
  await forwardUploadsAroundMissingCors(applicant);
  if (process.env.E2E_VERBOSE === '1')
    applicant.on('console', (m) => console.log(`[applicant] ${m.type()} ${m.text()}`));
  applicant.on('requestfailed', (r) =>
    console.log(`request failed: ${r.method()} ${r.url()} ${String(r.failure()?.errorText)}`),
  );
  await screenshotsOnFailure(browser, '/tmp/e2e-failure', () => flow(applicant, errors));
});

async function flow(applicant: Page, errors: string[]): Promise<void> {
  // --- login and matches --------------------------------------------------
  await open(applicant, H5, '/pages/login/index');
  await applicant.getByText('王小明（创业者）', { exact: true }).waitFor();
  await shot(applicant, 'login');
  await applicant
    .locator('.login__user')
    .filter({ has: applicant.getByText('王小明（创业者）', { exact: true }) })
    .click();
  const card = applicant
    .getByTestId('match')
    .filter({ hasText: '一次性创业补贴', hasNotText: '2026年' });
  await card.waitFor();
  await expect(card.textContent()).resolves.toContain('¥5,000.00');
  await shot(applicant, 'home-matches');

  // --- policy detail → apply ----------------------------------------------
  await button(card, '申兑指南').click();
  await applicant.getByText('享受对象与条件').waitFor();
  await shot(applicant, 'policy-detail');
  await button(applicant, '立即申请').last().click();
  await applicant.getByText('申请主体').waitFor();
  await applicant.getByText('名称：王小明').waitFor();

  // each waits until its row says 已上传：<name>
  await uploadFile(applicant, 'material-id_card', {
    name: 'id-card.png',
    mimeType: 'image/png',
    buffer: PNG_1PX,
  });
  await uploadFile(applicant, 'material-business_licence', {
    name: 'licence.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await uploadFile(applicant, 'material-bank_account', {
    name: 'bank-card.png',
    mimeType: 'image/png',
    buffer: PNG_1PX,
  });
  await applicant.getByTestId('pledge').click();
  await shot(applicant, 'apply-form');
  await button(applicant, '提交申请').click();

  // --- 容缺: accepted with a deadline ---------------------------------------
  const done = applicant.getByTestId('apply-done');
  await done.waitFor();
  await expect(done.textContent()).resolves.toMatch(
    /容缺受理：请在 \d{4}年\d{1,2}月\d{1,2}日 前补交/,
  );
  await button(done, '查看办理进度').click();
  await applicant.getByTestId('supplement').waitFor();
  await expect(applicant.getByTestId('status').textContent()).resolves.toBe('待补正（容缺受理）');

  // --- supplement ----------------------------------------------------------
  const supplement = applicant.getByTestId('supplement');
  const [chooser] = await Promise.all([
    applicant.waitForEvent('filechooser'),
    button(supplement, '上传文件').first().click(),
  ]);
  await chooser.setFiles({ name: 'tax-record.pdf', mimeType: 'application/pdf', buffer: PDF });
  await supplement.getByText('已上传：tax-record.pdf').waitFor();
  await button(applicant, '提交补正材料').click();
  await applicant.getByTestId('supplement').waitFor({ state: 'detached' });
  const afterSupplement = await applicant.getByTestId('status').textContent();
  expect(['已提交', '初审中']).toContain(afterSupplement);
  await shot(applicant, 'application-timeline');
  const applicationUrl = applicant.url();

  // --- reviewer L1 approves ------------------------------------------------
  const l1 = await staffPhone('l1');
  await loginAs(l1, H5, '人社局 初审 陈科员', { landed: false });
  const row1 = l1.getByTestId('queue-row').filter({ hasText: '王小明' });
  await row1.waitFor();
  await shot(l1, 'reviewer-queue');
  await row1.getByText('一次性创业补贴').click();
  await l1.getByTestId('decision-form').waitFor();
  await l1.getByText('政策条件（规则）').waitFor();
  // the rules as judged on 王小明's facts on the day he submitted: every condition passed
  const explained = l1.getByTestId('explanation');
  await explained.waitFor();
  await expect(explained.getByTestId('condition').count()).resolves.toBeGreaterThan(1);
  await expect(explained.textContent()).resolves.not.toContain('✗');
  await shot(l1, 'review-detail');
  await approve(l1);
  await l1.getByTestId('decided').waitFor();
  await expect(l1.getByTestId('decided').textContent()).resolves.toContain('复审中');

  // --- reviewer L2 approves ------------------------------------------------
  const l2 = await staffPhone('l2');
  await loginAs(l2, H5, '人社局 复审 刘科长', { landed: false });
  const row2 = l2.getByTestId('queue-row').filter({ hasText: '王小明' });
  await row2.waitFor();
  await row2.getByText('一次性创业补贴').click();
  await l2.getByTestId('decision-form').waitFor();
  await approve(l2);
  await l2.getByTestId('decided').waitFor();
  await expect(l2.getByTestId('decided').textContent()).resolves.toContain('公示中');

  // --- applicant sees 公示中 -----------------------------------------------
  await applicant.goto(applicationUrl);
  await applicant.reload();
  await applicant.getByText('公示期异议').waitFor();
  await expect(applicant.getByTestId('status').textContent()).resolves.toBe('公示中');

  // --- admin dashboard -----------------------------------------------------
  const admin = await staffPhone('admin');
  await loginAs(admin, H5, '平台管理员', { landed: false });
  await admin.getByTestId('kpis').waitFor();
  await shot(admin, 'admin-dashboard');

  // --- money: close 公示 and disburse "as of" after it ends ----------------
  const token = await tokenOf(applicant);
  const id = new URL(applicationUrl.replace('#', '')).searchParams.get('id')!;
  const detail = await call<{ publicityEndsAt: string; status: string }>(
    'GET',
    `/v1/applications/${id}`,
    token,
  );
  expect(detail.status).toBe(200);
  expect(detail.body.status).toBe('publicity');
  const after = new Date(Date.parse(detail.body.publicityEndsAt) + 3600_000).toISOString();
  const closed = await invoke('closePublicity', after);
  console.log('closePublicity →', JSON.stringify(closed));
  const payable = await call<{ status: string }>('GET', `/v1/applications/${id}`, token);
  expect(payable.status).toBe(200);
  expect(payable.body.status).toBe('payable');
  await applicant.goto(applicationUrl);
  await applicant.reload();
  await expect(applicant.getByTestId('status').textContent()).resolves.toBe('待拨付');
  await shot(applicant, 'payable');
  money = { applicant, token, id, after };

  expect(errors).toEqual([]);
}

/**
 * Nothing is preselected (issue #17): the reviewer picks 通过, taps 确认通过, and confirms the
 * amount read back in words.
 */
async function approve(page: Page): Promise<void> {
  await page.getByTestId('kind-approve').click();
  await button(page, '确认通过').click();
  const confirm = page.getByTestId('approve-confirm');
  await confirm.waitFor();
  await expect(confirm.getByTestId('confirm-words').textContent()).resolves.toMatch(
    /^人民币.+元整$/,
  );
  await page.getByTestId('approve-confirmed').click();
}

/** 王小明's 社保卡 is on file (demo seed); the stack's fake treasury executes the order. */
test('disburse pays the approved application and the applicant sees 已到账', async () => {
  expect(money).toBeDefined();
  const { applicant, token, id, after } = money!;
  let status = '';
  for (let i = 0; i < 6 && status !== 'paid'; i++) {
    const paid = await invoke(
      'disburse',
      new Date(Date.parse(after) + (i + 1) * 3600_000).toISOString(),
    );
    console.log(`disburse #${i + 1} →`, JSON.stringify(paid));
    status = (await call<{ status: string }>('GET', `/v1/applications/${id}`, token)).body.status;
  }
  expect(status).toBe('paid');

  await open(applicant, H5, '/pages/payments/index');
  const payment = applicant.getByTestId('payment-row').filter({ hasText: '一次性创业补贴' });
  await payment.waitFor();
  await expect(payment.textContent()).resolves.toContain('已到账');
  await expect(payment.textContent()).resolves.toContain('¥5,000.00');
  await shot(applicant, 'paid');
});
