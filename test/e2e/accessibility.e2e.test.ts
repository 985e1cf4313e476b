/**
 * Issue #17, accessibility checked by machine: the main applicant pages (home, policy detail,
 * apply, 办件 list, 办件 detail, 我的) and the reviewer queue and detail, in the normal mode and
 * in 长辈版, in headless Chromium at 390×844 against the whole local platform. On every page
 * axe-core (injected) finds no serious or critical violation, and every visible tap target
 * (button, link, role=button) is at least 44 px high (48 px in 长辈版). 长辈版 is switched on
 * from 我的 as a person would, kept across a reload, and on by default with a large browser font.
 * Screenshots go to test/e2e/screenshots (accessibility-<page>[-elder].png).
 *
 * The 办件 shown is 便民餐饮店's rent waiver, made through the API (no other e2e file uses it),
 * so the pages have data; the finance department's level-1 reviewer opens it.
 */
import type { Browser, Page } from 'playwright-core';
import { call, login, applyWithEveryMaterial } from './support/api';
import { axeViolations, smallTapTargets, targetsOf } from './support/axe';
import { isElder, launch, loginAs, newPhone, open, shot } from './support/browser';

const H5 = process.env.E2E_H5 ?? '';

const APPLICANT = { devUserId: 'usr_eatery01', name: '便民餐饮店（个体户）' };
/** The level-1 reviewer of each department that has a demo one. */
const REVIEWER: Record<string, string> = { finance: 'usr_finl1', hrss: 'usr_hrssl1' };

/** The little of the DOM the font sizes are read from (the repo's tsconfig has no DOM lib). */
interface Win {
  document: {
    querySelector(selector: string): object | null;
    querySelectorAll(selector: string): ArrayLike<object>;
  };
  getComputedStyle(el: object): { fontSize: string };
}

let browser: Browser;
let subject: { policyId: string; applicationId: string; reviewerName: string };
const started = Date.now();

beforeAll(async () => {
  browser = await launch();
  subject = await applyThroughApi();
});
afterAll(async () => {
  await browser.close();
  console.log(`accessibility: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

/** 便民餐饮店 applies for the first policy it matches that takes applications. */
async function applyThroughApi(): Promise<typeof subject> {
  const token = await login(APPLICANT.devUserId);
  const matches = await call('GET', '/v1/me/matches', token);
  expect(matches.status).toBe(200);
  const { items } = matches.body as {
    items: { policyId: string; department: string; canApply: boolean }[];
  };
  const match = items.find((m) => m.canApply && m.department in REVIEWER);
  if (!match) throw new Error('便民餐饮店 has no policy to apply for');
  const { policyId, department } = match;
  const app = await applyWithEveryMaterial(
    token,
    policyId,
    'accessibility',
    `accessibility-${String(Date.now())}`,
  );
  // the login page lists the demo users by these names
  const users = await call('GET', '/v1/auth/dev-users');
  expect(users.status).toBe(200);
  const reviewer = (users.body as { items: { id: string; name: string }[] }).items.find(
    (u) => u.id === REVIEWER[department],
  );
  if (!reviewer) throw new Error(`no demo reviewer for ${department}`);
  return {
    policyId,
    applicationId: (app as { id: string }).id,
    reviewerName: reviewer.name,
  };
}

/** Switches 长辈版 from 我的, as a person does, and checks it took effect. */
async function setElderFromMe(page: Page, on: boolean): Promise<void> {
  await open(page, H5, '/pages/me/index');
  const row = page.getByTestId('elder-switch').locator('visible=true');
  await row.waitFor();
  if ((await isElder(page)) !== on) await row.click();
  await expect(isElder(page)).resolves.toBe(on);
}

/** Waits for the page, then checks axe and tap targets and takes its screenshot. */
async function check(page: Page, name: string, ready: string, elder: boolean): Promise<string[]> {
  // a test id, or else a text, that shows the page has its data (open waited for the page)
  await page.getByTestId(ready).or(page.getByText(ready)).locator('visible=true').first().waitFor();
  await page.waitForTimeout(300); // NutUI transitions
  await expect(isElder(page)).resolves.toBe(elder);
  await shot(page, `accessibility-${name}${elder ? '-elder' : ''}`);
  const min = elder ? 48 : 44;
  return [
    ...(await axeViolations(page)).map(
      (v) => `${name}: axe ${v.impact ?? ''} ${v.id} (${v.help}): ${targetsOf(v, 5)}`,
    ),
    ...(await smallTapTargets(page, min)).map(
      (t) =>
        `${name}: tap target under ${String(min)} px: "${t.text}" <${t.tag} class="${t.className}"> ${t.width.toFixed(0)}×${t.height.toFixed(0)}`,
    ),
  ];
}

async function applicantPages(page: Page, elder: boolean): Promise<string[]> {
  const { policyId, applicationId } = subject;
  const problems: string[] = [];
  await open(page, H5, '/pages/index/index');
  problems.push(...(await check(page, 'home', 'match', elder)));
  await open(page, H5, `/pages/policy-detail/index?id=${policyId}`);
  problems.push(...(await check(page, 'policy-detail', '享受对象与条件', elder)));
  await open(page, H5, `/pages/apply/index?policyId=${policyId}`);
  problems.push(...(await check(page, 'apply', '申请主体', elder)));
  await open(page, H5, '/pages/applications/index');
  problems.push(...(await check(page, 'applications', 'application-row', elder)));
  await open(page, H5, `/pages/application-detail/index?id=${applicationId}`);
  problems.push(...(await check(page, 'application-detail', 'status', elder)));
  await open(page, H5, '/pages/me/index');
  problems.push(...(await check(page, 'me', '长辈版', elder)));
  return problems;
}

async function reviewerPages(page: Page, elder: boolean): Promise<string[]> {
  const problems: string[] = [];
  await open(page, H5, '/reviewer/queue/index');
  problems.push(...(await check(page, 'reviewer-queue', 'queue-row', elder)));
  await open(page, H5, `/reviewer/review-detail/index?id=${subject.applicationId}`);
  problems.push(...(await check(page, 'review-detail', 'decision-form', elder)));
  return problems;
}

test('normal mode: axe finds no serious or critical violation and every tap target is ≥ 44 px', async () => {
  const { context, page } = await newPhone(browser);
  await loginAs(page, H5, APPLICANT.name);
  await page.getByTestId('match').first().waitFor();
  await expect(isElder(page)).resolves.toBe(false);
  const problems = await applicantPages(page, false);

  const staff = await newPhone(browser);
  await loginAs(staff.page, H5, subject.reviewerName);
  await staff.page.getByTestId('queue-row').first().waitFor();
  problems.push(...(await reviewerPages(staff.page, false)));
  await Promise.all([context.close(), staff.context.close()]);
  expect(problems).toEqual([]);
});

test('长辈版 switched on from 我的 and kept across a reload: axe clean, every tap target ≥ 48 px, body text ≥ 18 px, tab labels ≥ 14 px', async () => {
  const { context, page } = await newPhone(browser);
  await loginAs(page, H5, APPLICANT.name);
  await page.getByTestId('match').first().waitFor();
  await setElderFromMe(page, true);
  await page.reload();
  await page.getByTestId('elder-switch').locator('visible=true').waitFor();
  await expect(isElder(page)).resolves.toBe(true);

  const sizes = await page.evaluate(() => {
    const w = globalThis as unknown as Win;
    const px = (el: object | null) => (el ? parseFloat(w.getComputedStyle(el).fontSize) : 0);
    return {
      body: px(w.document.querySelector('.page')),
      tabLabel: Math.min(
        ...Array.from(w.document.querySelectorAll('.weui-tabbar__label')).map((el) => px(el)),
      ),
    };
  });
  expect(sizes.body).toBeGreaterThanOrEqual(18);
  expect(sizes.tabLabel).toBeGreaterThanOrEqual(14);

  const problems = await applicantPages(page, true);
  const staff = await newPhone(browser);
  await loginAs(staff.page, H5, subject.reviewerName);
  await staff.page.getByTestId('queue-row').first().waitFor();
  await setElderFromMe(staff.page, true);
  problems.push(...(await reviewerPages(staff.page, true)));
  await Promise.all([context.close(), staff.context.close()]);
  expect(problems).toEqual([]);
});

test('长辈版 is on by default with a large browser font, and the switch on 我的 turns it off for good', async () => {
  const { context, page } = await newPhone(browser, 24);
  await loginAs(page, H5, APPLICANT.name);
  await page.getByTestId('match').first().waitFor();
  await expect(isElder(page)).resolves.toBe(true);
  await setElderFromMe(page, false);
  await page.reload();
  await page.getByTestId('elder-switch').locator('visible=true').waitFor();
  await expect(isElder(page)).resolves.toBe(false);
  await context.close();
});
