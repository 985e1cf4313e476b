/**
 * Issue #11, 政策参数 end to end, in headless Chromium at 390×844 against the whole local
 * platform (business date 2020-12-15): 平台管理员 (usr_admin01) opens 政策参数 from the dashboard,
 * proposes a new value of 每介绍1人奖补 — first from a past day, which the server refuses in
 * Chinese on the page, then from 2021-01-01 — and sees his own proposal waiting for another
 * admin with no approve button. 政策审核管理员 (usr_admin02) approves it on her own phone after
 * a confirmation; the page then shows the new value from its date, and the API agrees. axe-core
 * finds no serious or critical violation on the page. Screenshots (normal and a large browser
 * font) go to docs/screenshots/parameters-*.png (shown in README).
 *
 * No other e2e file uses this parameter (labour-agency-reward.per-placement); its new value starts
 * after the stack's business date, so no other file's matches change.
 */
import type { Browser, Page } from 'playwright-core';
import { call, env, login } from './support/api';
import { axeViolations, targetsOf } from './support/axe';
import {
  button,
  docShot,
  launch,
  loginAs,
  newPhone,
  screenshotsOnFailure,
  untilShown,
} from './support/browser';

const H5 = env('E2E_H5');

const PARAM = 'labour-agency-reward.per-placement';
const LABEL = '每介绍1人奖补';
const NEW_FROM = '2021-01-01';
const NEW_FEN = 25_000;

let browser: Browser;
const started = Date.now();
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
  console.log(`parameters flow: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

/** This parameter's card on the page. */
const card = (page: Page) =>
  page
    .getByTestId('parameter')
    .filter({ has: page.getByText(LABEL, { exact: true }) })
    .locator('visible=true')
    .first();
/** This parameter's proposals waiting for review. */
const proposal = (page: Page) =>
  page.getByTestId('parameter-proposal').filter({ hasText: LABEL }).locator('visible=true');

/**
 * A fresh phone: the admin picks their name on the login page, lands on 运营看板 (the login's
 * reLaunch) and taps 政策参数; if the reLaunch lands after the tap, the dashboard is back:
 * tap again until the page holds.
 */
async function adminOnParameters(name: string, fontPx?: number): Promise<Page> {
  const { page } = await newPhone(browser, fontPx);
  await loginAs(page, H5, name, {
    retry: true,
    landed: (url) => url.hash.includes('/admin/dashboard/'),
  });
  const nav = page.locator('.admin-nav__item').filter({ hasText: /^政策参数$/ });
  for (let attempt = 1; ; attempt++) {
    await nav.locator('visible=true').first().click();
    try {
      await untilShown(page, card(page));
      return page;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

/** axe-core's serious and critical violations on the page. */
async function axeProblems(page: Page): Promise<string[]> {
  return (await axeViolations(page)).map((v) => `${v.id}: ${targetsOf(v)}`);
}

/** On a failure, every open page as /tmp/e2e-parameters-failure-<n>.png. */
const withFailureShots = (flow: () => Promise<void>) =>
  screenshotsOnFailure(browser, '/tmp/e2e-parameters-failure', flow, { fullPage: true });

test('an admin proposes a parameter value (a past day refused in Chinese), a second admin approves it, and the page shows the new value from its date', () =>
  withFailureShots(async () => {
    // --- 平台管理员 proposes ------------------------------------------------------------------
    const author = await adminOnParameters('平台管理员');
    const mine = card(author);
    await expect(mine.textContent()).resolves.toContain('现行取值¥200.00');
    await docShot(author, 'parameters-list');

    await button(mine, '提出新取值').click();
    const form = author.getByTestId('propose-form').locator('visible=true').first();
    const from = form.locator('input').nth(0);
    const value = form.locator('input').nth(1);
    await expect(from.inputValue()).resolves.toBe('2020-12-15'); // the business date
    // a past day: the server refuses it, and the page says why in Chinese
    await from.fill('2020-12-01');
    await value.fill('250');
    await button(form, '提交审核').click();
    const refusal = form.locator('.form-error');
    await refusal.filter({ hasText: '或以后生效' }).waitFor();
    expect(await refusal.textContent()).toContain('参数取值只能从今天（2020-12-15）或以后生效');
    await form.scrollIntoViewIfNeeded();
    await docShot(author, 'parameters-refused');

    await from.fill(NEW_FROM);
    await form.locator('textarea').fill('县人社局、财政局联合通知提高标准');
    await button(form, '提交审核').click();
    await author
      .getByTestId('notice')
      .filter({ hasText: `已提交：${LABEL}自2021年1月1日起 ¥250.00，待另一位管理员审核` })
      .waitFor();
    // his own proposal: waiting for another admin, no approve button; the value in force is unchanged
    const own = proposal(author);
    await own.getByTestId('needs-other-admin').waitFor();
    expect(await own.textContent()).toContain('自 2021年1月1日 起生效');
    expect(await button(own, '审核通过').count()).toBe(0);
    await expect(mine.textContent()).resolves.toContain('现行取值¥200.00');
    await own.scrollIntoViewIfNeeded();
    await docShot(author, 'parameters-proposed');
    expect(await axeProblems(author)).toEqual([]);
    await author.context().close();

    // --- 政策审核管理员 approves on her own phone ---------------------------------------------
    const reviewer = await adminOnParameters('政策审核管理员');
    const waiting = proposal(reviewer);
    await waiting.waitFor();
    expect(await waiting.textContent()).toContain('此前取值：¥200.00');
    await waiting.scrollIntoViewIfNeeded();
    await docShot(reviewer, 'parameters-to-approve');
    await button(waiting, '审核通过').click();
    const confirm = reviewer.locator('.taro-modal__foot div').filter({ hasText: '确认通过' });
    await confirm.waitFor();
    await docShot(reviewer, 'parameters-confirm');
    await confirm.click();
    await reviewer
      .getByTestId('notice')
      .filter({ hasText: `已通过：${LABEL}自2021年1月1日起调整为 ¥250.00` })
      .waitFor();
    // the page: the new value from its date (the value in force until then is unchanged)
    const later = card(reviewer)
      .getByTestId('later-value')
      .filter({ hasText: '自 2021年1月1日 起 ¥250.00' });
    await later.waitFor();
    await expect(card(reviewer).textContent()).resolves.toContain('现行取值¥200.00');
    expect(await proposal(reviewer).count()).toBe(0);
    await card(reviewer).scrollIntoViewIfNeeded();
    await docShot(reviewer, 'parameters-approved');
    expect(await axeProblems(reviewer)).toEqual([]);
    await reviewer.context().close();

    // --- the API agrees ---------------------------------------------------------------------
    const token = await login('usr_admin02');
    const list = await call('GET', '/v1/admin/parameters', token);
    expect(list.status).toBe(200);
    const p = (
      list.body as {
        items: { name: string; values: { from: string; value: number }[]; proposals?: unknown }[];
      }
    ).items.find((i) => i.name === PARAM);
    expect(p?.values).toContainEqual({ from: NEW_FROM, value: NEW_FEN });
    expect(p?.proposals).toBeUndefined();
  }));

test('the parameters page at a large font', () =>
  withFailureShots(async () => {
    const page = await adminOnParameters('政策审核管理员', 24);
    await docShot(page, 'parameters-large-font');
    await button(card(page), '提出新取值').click();
    await page.getByTestId('propose-form').locator('visible=true').first().scrollIntoViewIfNeeded();
    await docShot(page, 'parameters-form-large-font');
    expect(await axeProblems(page)).toEqual([]);
    await page.context().close();
  }));
