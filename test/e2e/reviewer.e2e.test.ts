/**
 * Issue #17, a level-1 reviewer on a phone, in the normal mode and in 长辈版, in headless
 * Chromium at 390×844 against the whole local platform: 财政局 初审 周科员 logs in (the queue
 * opens), opens an application from the queue, sees the 审核时限 and the labelled rule values,
 * chooses 通过 (nothing is preselected), confirms the amount read back in words (人民币…元整),
 * and the 规则核验 card stays after the decision; 返回 leads back to the queue and 退出登录 to
 * the login page. On every page of the walk axe-core finds no serious or critical violation and
 * every visible tap target is ≥ 44 px (≥ 48 px in 长辈版).
 *
 * The applications are 老街面馆's and 巷口小吃店's rent waivers (demo subjects no other e2e file
 * uses), made through the API in beforeAll: one per mode. Screenshots go to docs/screenshots
 * (reviewer-<step>[-elder].png, shown in README).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { fen } from '../../shared/money';
import { fenInWords } from '../../shared/money-words';
import { applyWithEveryMaterial, call, login } from './support/api';
import { problems } from './support/axe';
import { button, docShot, isElder, launch, loginAs, newPhone, open } from './support/browser';

const H5 = process.env.E2E_H5 ?? '';

const REVIEWER = { devUserId: 'usr_finl1', name: '财政局 初审 周科员' };
const POLICY = 'rent-waiver-state';
/** One applicant per mode: its application is the one that mode's walk approves. */
const APPLICANTS = {
  normal: { devUserId: 'usr_noodles01', subject: '高台县老街面馆' },
  elder: { devUserId: 'usr_snacks01', subject: '高台县巷口小吃店' },
} as const;

let browser: Browser;
const applications: Record<keyof typeof APPLICANTS, { id: string; approveFen: number }> = {
  normal: { id: '', approveFen: 0 },
  elder: { id: '', approveFen: 0 },
};
const started = Date.now();

beforeAll(async () => {
  browser = await launch();
  for (const mode of ['normal', 'elder'] as const)
    applications[mode] = await applyThroughApi(APPLICANTS[mode].devUserId);
});
afterAll(async () => {
  await (browser as Browser | undefined)?.close();
  console.log(`reviewer: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

/**
 * The applicant applies for the state-shop rent waiver with its account on file; the amount the
 * decision form suggests is what the reviewer sees read back (the request, within the limit).
 */
async function applyThroughApi(devUserId: string): Promise<{ id: string; approveFen: number }> {
  const token = await login(devUserId);
  const a = (await applyWithEveryMaterial(
    token,
    POLICY,
    'reviewer walk',
    `reviewer-walk-${devUserId}-${String(Date.now())}`,
  )) as {
    id: string;
    requestedFen?: number;
    entitlementFen?: number;
    capFen: number;
  };
  const limit = a.entitlementFen ?? a.capFen;
  return { id: a.id, approveFen: Math.min(a.requestedFen ?? limit, limit) };
}

/** The reviewer logs in on a fresh phone (the queue opens), with 长辈版 set from 我的. */
async function loginAsReviewer(elder: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await newPhone(browser);
  await loginAs(page, H5, REVIEWER.name, { landed: false });
  await page.getByTestId('queue-row').locator('visible=true').first().waitFor();
  if (elder) {
    // the login's reLaunch to the queue has landed (a row shows): 我的 now stays open
    const row = page.getByTestId('elder-switch').locator('visible=true');
    await open(page, H5, '/pages/me/index');
    await row.waitFor();
    if (!(await isElder(page))) await row.click();
  }
  await expect(isElder(page)).resolves.toBe(elder);
  return { context, page };
}

/** Checks the page as it is now and keeps its screenshot. */
async function checkPage(page: Page, step: string, elder: boolean): Promise<string[]> {
  await page.waitForTimeout(300);
  await docShot(page, `reviewer-${step}${elder ? '-elder' : ''}`);
  return problems(page, step, elder, { roles: ['radio', 'checkbox'], width: true });
}

/**
 * 金额无误，确认通过, until the decision is in: a first decision on a loaded CI can time out
 * (the Lambda's first load on 2 shared cores); the form then says so, and a person taps again
 * (the same Idempotency-Key: one decision).
 */
async function confirmApproval(page: Page): Promise<void> {
  const decided = page.getByTestId('decided').locator('visible=true');
  const error = page.locator('.form-error').locator('visible=true');
  for (let attempt = 1; ; attempt++) {
    await page.getByTestId('approve-confirmed').locator('visible=true').click();
    await decided.or(error).first().waitFor({ timeout: 120_000 });
    if (await decided.isVisible()) return;
    const said = await error.innerText();
    if (attempt >= 3) throw new Error(`the approval failed ${String(attempt)} times: ${said}`);
    console.log(`reviewer: the approval failed (${said}), tapping again`);
    await button(page, '确认通过').locator('visible=true').click();
  }
}

describe.each([
  ['normal mode', 'normal'],
  ['长辈版', 'elder'],
] as const)('a level-1 reviewer in %s', (_label, mode) => {
  const elder = mode === 'elder';
  test('opens the queue and an item, sees the SLA and the labelled rule values, approves with the amount read back in words, keeps the rule check, goes back and logs out', async () => {
    const { id, approveFen } = applications[mode];
    const { context, page } = await loginAsReviewer(elder);
    const found: string[] = [];

    // the queue: the applicant's row, opened by a tap
    await open(page, H5, '/reviewer/queue/index');
    const row = page
      .getByTestId('queue-row')
      .locator('visible=true')
      .filter({ hasText: APPLICANTS[mode].subject });
    await row.first().waitFor();
    found.push(...(await checkPage(page, 'queue', elder)));
    await row.first().locator('.queue-row__main').click();
    await page.waitForURL((url) => url.hash.includes(`/reviewer/review-detail/index?id=${id}`));

    // the detail: 审核时限, the rule values each with its label, the rule check, nothing chosen
    const form = page.getByTestId('decision-form').locator('visible=true');
    await form.waitFor();
    await expect(
      page.getByTestId('review-sla').locator('visible=true').innerText(),
    ).resolves.toMatch(
      /^审核时限：\d{4}-\d{2}-\d{2} 前，剩余 \d+ 个工作日$|^审核时限：.+已超期 \d+ 个工作日$/,
    );
    const values = await page.getByTestId('rule-value').locator('visible=true').allInnerTexts();
    expect(values.length).toBeGreaterThan(0);
    // "名称：取值 单位", in Chinese: a label before the colon, no code, no amount in 分
    for (const v of values) expect(v).toMatch(/^[^A-Za-z：]+：[^A-Za-z]+$/);
    await page.getByTestId('explanation').locator('visible=true').waitFor();
    await expect(page.getByTestId('kind-approve').getAttribute('aria-checked')).resolves.toBe(
      'false',
    );
    found.push(...(await checkPage(page, 'detail', elder)));

    // 通过: the amount is read back in words and must be confirmed
    await page.getByTestId('kind-approve').locator('visible=true').click();
    await expect(
      page.getByTestId('amount-words').locator('visible=true').innerText(),
    ).resolves.toBe(`大写：${fenInWords(fen(approveFen))}`);
    await button(page, '确认通过').locator('visible=true').click();
    const confirm = page.getByTestId('approve-confirm').locator('visible=true');
    await confirm.waitFor();
    const words = `人民币${fenInWords(fen(approveFen))}`;
    expect(words).toMatch(/^人民币.+元(整|.+分|.+角)$/);
    await expect(page.getByTestId('confirm-words').innerText()).resolves.toBe(words);
    found.push(...(await checkPage(page, 'confirm', elder)));
    await confirmApproval(page);

    // decided: the status moves on, the 规则核验 card and the rule stay, the record names the reviewer
    const decided = page.getByTestId('decided').locator('visible=true');
    await expect(decided.innerText()).resolves.not.toContain('待审核');
    await page.getByTestId('explanation').locator('visible=true').waitFor();
    await page.getByTestId('rule').locator('visible=true').waitFor();
    await expect(page.getByTestId('decision-form').count()).resolves.toBe(0);
    await expect(
      page.getByTestId('timeline').locator('visible=true').innerText(),
    ).resolves.toContain('周科员');
    // the toast (已提交审核决定) goes by itself; the page is checked as it stays
    await page.getByText('已提交审核决定').waitFor({ state: 'hidden' });
    found.push(...(await checkPage(page, 'decided', elder)));

    // the server agrees: approved at the amount read back
    const token = await login(REVIEWER.devUserId);
    const after = await call('GET', `/v1/applications/${id}`, token);
    expect(after.status).toBe(200);
    expect((after.body as { status: string }).status).not.toMatch(/^(submitted|review_l1)$/);

    // 返回 → the queue; 退出登录 → the login page, and the queue is no longer reachable
    await page.getByTestId('nav-back').locator('visible=true').click();
    await page.waitForURL((url) => url.hash.includes('/reviewer/queue/index'));
    await page.getByTestId('reviewer-nav').locator('visible=true').waitFor();
    await page.getByTestId('nav-logout').locator('visible=true').click();
    await page.waitForURL((url) => url.hash.includes('/pages/login/'));
    await page.locator('.login__user').first().waitFor();
    await expect(isElder(page)).resolves.toBe(elder);

    await context.close();
    expect(found).toEqual([]);
  });
});
