/**
 * Issue #17, 首页 = 待办 + 可享, in headless Chromium at 390×844 against the whole local
 * platform, in the normal mode and in 长辈版, with axe-core clean and tap targets ≥ 44 / 48 px:
 * - the shopkeeper (便民餐饮店): the match first, the non-matches folded under one line
 *   (长辈版: only what can be had);
 * - 李秀英: her 免申即享 grant waits for her receiving account (an auto-grant run started
 *   through the API): a 待办 banner with a badge on the 首页 tab, and the banner opens the form;
 * - 赵大伯, whom nothing fits: a summary line, the nearest policies with the condition he
 *   misses, a tel: link to the office and "有新政策时提醒我".
 * Then the DOM scan: every page reachable for an applicant, a reviewer and an admin, and no
 * rendered text holds an ASCII code of shared/vocabulary or an amount in 分.
 * Screenshots go to docs/screenshots (shown in README).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import * as vocabulary from '../../shared/vocabulary';
import { FACT_VALUE_LABELS } from '../../shared/facts/labels';
import { button, launch, open, phone } from './support/browser';

const H5 = process.env.E2E_H5 ?? '';
const API = process.env.E2E_API ?? '';
const AXE = require.resolve('axe-core');
const DOCS_SHOTS = path.resolve(__dirname, '../../docs/screenshots');

const SHOPKEEPER = '便民餐饮店（个体户）';
const LIXY = '李秀英（务工人员）';
const ZHAO = '赵大伯（居民）';

/** The little of the DOM these checks use (the repo's tsconfig has no DOM lib). */
interface El {
  tagName: string;
  className: string;
  textContent: string | null;
  parentElement: El | null;
  closest(selector: string): El | null;
  getBoundingClientRect(): { width: number; height: number };
}
interface Win {
  document: {
    body: { innerText: string };
    documentElement: { classList: { contains(name: string): boolean } };
    querySelectorAll(selector: string): ArrayLike<El>;
  };
  getComputedStyle(el: El): { visibility: string };
  axe: { run(context: unknown): Promise<unknown> };
}

let browser: Browser;
const started = Date.now();

beforeAll(async () => {
  browser = await launch();
  await grantForLixy();
});
afterAll(async () => {
  await (browser as Browser | undefined)?.close();
  console.log(`home: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

async function api(
  method: 'GET' | 'POST',
  route: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${API}${route}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function tokenOf(devUserId: string): Promise<string> {
  const res = await api('POST', '/v1/auth/login', undefined, { devUserId });
  expect(res.status).toBe(200);
  return (res.body as { token: string }).token;
}

/** The scheduled 免申即享 run, started by the admin for 稳岗 (transfer-stable) only. */
async function grantForLixy(): Promise<void> {
  const admin = await tokenOf('usr_admin01');
  const run = await api('POST', '/v1/admin/runs', admin, {
    policyIds: ['transfer-stable'],
    totalSegments: 1,
  });
  expect(run.status).toBe(202);
  const id = (run.body as { id: string }).id;
  for (let i = 0; i < 600; i++) {
    const got = await api('GET', `/v1/admin/runs/${id}`, admin);
    expect(got.status).toBe(200);
    if ((got.body as { status: string }).status !== 'running') return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the auto-grant run did not finish');
}

/**
 * Waits for `target`; when the page shows its load error instead (a Lambda's first load on 2
 * shared cores can time out), taps 重试 as a person would, a few times.
 */
async function untilShown(page: Page, target: Locator): Promise<void> {
  const retry = page.getByText('重试', { exact: true }).locator('visible=true');
  for (let i = 0; i < 5; i++) {
    await target.or(retry).first().waitFor();
    if (await target.first().isVisible()) return;
    await retry.first().click();
  }
  await target.first().waitFor();
}

async function loginAs(
  name: string,
  elder: boolean,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await phone(browser);
  const page = await context.newPage();
  await open(page, H5, '/pages/login/index');
  const user = page.locator('.login__user').filter({ has: page.getByText(name, { exact: true }) });
  await untilShown(page, user);
  await user.click();
  await page.waitForURL((url) => !url.hash.includes('/pages/login/'));
  // the login's own reLaunch to the role's first page may land after we open 我的 (staff):
  // open it again until it stays
  const row = page.getByTestId('elder-switch').locator('visible=true');
  for (let attempt = 1; ; attempt++) {
    await open(page, H5, '/pages/me/index');
    try {
      await row.waitFor({ timeout: 20_000 });
      break;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
  if ((await isElder(page)) !== elder) await row.click();
  await expect(isElder(page)).resolves.toBe(elder);
  return { context, page };
}

const isElder = (page: Page) =>
  page.evaluate(() =>
    (globalThis as unknown as Win).document.documentElement.classList.contains('elder-mode'),
  );

async function docShot(page: Page, name: string): Promise<void> {
  mkdirSync(DOCS_SHOTS, { recursive: true });
  await page.waitForTimeout(300); // NutUI transitions
  await page.screenshot({ path: path.join(DOCS_SHOTS, `${name}.png`), fullPage: false });
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

/** axe-core's serious and critical violations and every visible tap target under `min` px. */
async function problems(page: Page, name: string, elder: boolean): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = (await page.evaluate(async () => {
    const w = globalThis as unknown as Win;
    return w.axe.run(w.document);
  })) as AxeResult;
  const axe = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${name}: axe ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  const min = elder ? 48 : 44;
  const small = await page.evaluate((m) => {
    const w = globalThis as unknown as Win;
    const found: string[] = [];
    const targets = w.document.querySelectorAll(
      'button, a[href], a.weui-tabbar__item, [role="button"], .nut-button, taro-button-core',
    );
    for (const el of Array.from(targets)) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || w.getComputedStyle(el).visibility === 'hidden')
        continue;
      if (el.parentElement?.closest('button, .nut-button, taro-button-core, a[href]')) continue;
      if (box.height + 0.5 < m)
        found.push(`"${(el.textContent ?? '').trim().slice(0, 30)}" ${box.height.toFixed(0)} px`);
    }
    return found;
  }, min);
  return [...axe, ...small.map((s) => `${name}: tap target under ${String(min)} px: ${s}`)];
}

const suffix = (elder: boolean) => (elder ? '-elder' : '');

describe.each([
  ['normal mode', false],
  ['长辈版', true],
])('首页 in %s', (_mode, elder) => {
  test('the shopkeeper: the match first, the rest folded under one line (长辈版: only the match)', async () => {
    const { context, page } = await loginAs(SHOPKEEPER, elder);
    await open(page, H5, '/pages/index/index');
    await untilShown(page, page.getByTestId('match').locator('visible=true'));
    const fold = page.getByTestId('fold').locator('visible=true');
    if (elder) await expect(fold.count()).resolves.toBe(0);
    else await expect(fold.innerText()).resolves.toMatch(/^另有 \d+ 项暂不符合，查看原因/);
    // every visible card is one the shopkeeper can have
    const cards = await page.getByTestId('match').locator('visible=true').allInnerTexts();
    expect(cards.length).toBeGreaterThan(0);
    for (const c of cards) expect(c).toContain('预计可享');
    await docShot(page, `home-shopkeeper${suffix(elder)}`);
    expect(await problems(page, 'home (shopkeeper)', elder)).toEqual([]);
    await context.close();
  });

  test('李秀英: the account task is a banner with a badge on 首页, and the banner opens the form', async () => {
    const { context, page } = await loginAs(LIXY, elder);
    await open(page, H5, '/pages/index/index');
    const banner = page
      .getByTestId('todo')
      .locator('visible=true')
      .filter({ hasText: '请确认收款账户' });
    await untilShown(page, banner);
    await expect(
      page.locator('.taro-tabbar-badge').locator('visible=true').first().innerText(),
    ).resolves.toMatch(/^\d+$/);
    await docShot(page, `home-lixy${suffix(elder)}`);
    expect(await problems(page, 'home (李秀英)', elder)).toEqual([]);

    await banner.first().click();
    await untilShown(page, page.getByTestId('confirm-account').locator('visible=true'));
    await docShot(page, `grants-lixy${suffix(elder)}`);
    expect(await problems(page, 'grants (李秀英)', elder)).toEqual([]);
    await context.close();
  });

  test('赵大伯: a summary, the nearest policy with the condition he misses, a call to the office', async () => {
    const { context, page } = await loginAs(ZHAO, elder);
    await open(page, H5, '/pages/index/index');
    const summary = page.getByTestId('no-match-summary').locator('visible=true');
    await untilShown(page, summary);
    await expect(summary.innerText()).resolves.toMatch(
      /^已为您核对 \d+ 项政策，目前暂无符合条件的政策。$/,
    );
    const nearest = page.getByTestId('nearest').locator('visible=true');
    expect(await nearest.count()).toBeGreaterThan(0);
    await expect(nearest.first().innerText()).resolves.toMatch(/还差：/);
    const call = nearest.first().getByTestId('call');
    await expect(call.getAttribute('href')).resolves.toMatch(/^tel:[\d-]{5,}$/);
    await expect(call.innerText()).resolves.toMatch(/^拨打.+电话 [\d-]{5,}$/);
    await docShot(page, `home-zhao${suffix(elder)}`);
    expect(await problems(page, 'home (赵大伯)', elder)).toEqual([]);
    if (elder) {
      // the second run (长辈版) subscribes: the first saw the button
      await button(page, '有新政策时提醒我').locator('visible=true').click();
      await page.getByTestId('subscribed').locator('visible=true').waitFor();
    } else {
      await page.getByText('有新政策时提醒我', { exact: true }).locator('visible=true').waitFor();
    }
    await context.close();
  });
});

// ---- the DOM scan ---------------------------------------------------------------------

/** Every code of shared/vocabulary and of the fact value tables. */
function vocabularyCodes(): string[] {
  const codes = new Set<string>();
  for (const value of Object.values(vocabulary) as unknown[]) {
    if (Array.isArray(value)) {
      for (const v of value) if (typeof v === 'string') codes.add(v);
    } else if (value && typeof value === 'object' && !('parse' in value)) {
      for (const k of Object.keys(value)) codes.add(k);
    }
  }
  for (const table of Object.values(FACT_VALUE_LABELS))
    for (const k of Object.keys(table)) codes.add(k);
  return [...codes].filter((c) => /^[a-z][a-z0-9_]*$/.test(c));
}

const CODES = vocabularyCodes();
const CODE = new RegExp(`(?<![A-Za-z0-9_])(${CODES.join('|')})(?![A-Za-z0-9_])`, 'g');
/** A number followed by 分 (not 分钟, 分类, 分行…): an amount shown in fen. */
const FEN = /\d[\d,]*\s*分(?![钟类行局支期])/g;

/** What a page says that a person should never read. */
function offences(text: string): string[] {
  return [...(text.match(CODE) ?? []), ...(text.match(FEN) ?? [])];
}

/** Opens a page and waits until it has loaded its data (no spinner left). */
async function scan(page: Page, route: string): Promise<string[]> {
  await open(page, H5, route);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page
    .locator('.remote-state--loading')
    .locator('visible=true')
    .first()
    .waitFor({ state: 'detached', timeout: 30_000 })
    .catch(() => undefined);
  const retry = page.getByText('重试', { exact: true }).locator('visible=true');
  for (let i = 0; i < 3 && (await retry.count()) > 0; i++) {
    await retry.first().click();
    await page.waitForLoadState('networkidle').catch(() => undefined);
  }
  await page.waitForTimeout(300);
  const text = await page.evaluate(() => (globalThis as unknown as Win).document.body.innerText);
  return offences(text).map((o) => `${route}: "${o}"`);
}

async function idsOf(token: string, route: string): Promise<string[]> {
  const res = await api('GET', route, token);
  expect(res.status).toBe(200);
  return (res.body as { items: { id: string }[] }).items.map((i) => i.id);
}

test('the scan finds what it looks for', () => {
  expect(CODES).toEqual(expect.arrayContaining(['individual_business', 'catering', 'paid']));
  expect(offences('营业状态（operating）')).toEqual(['operating']);
  expect(offences('单户减免上限：15000000 分')).toEqual(['15000000 分']);
  expect(offences('¥1,500.00 · 5分钟前 · 部分 · 身份证')).toEqual([]);
});

test('no rendered page shows an ASCII code of shared/vocabulary or an amount in 分', async () => {
  const found: string[] = [];
  const policies = await api('GET', '/v1/policies');
  expect(policies.status).toBe(200);
  const policyIds = (policies.body as { items: { id: string }[] }).items.map((p) => p.id);

  // applicants: 李秀英 (a grant, an application of her own in the shared stack maybe), 赵大伯
  for (const who of [LIXY, ZHAO, SHOPKEEPER]) {
    const { context, page } = await loginAs(who, false);
    for (const route of [
      '/pages/index/index',
      '/pages/applications/index',
      '/pages/me/index',
      '/pages/grants/index',
      '/pages/payments/index',
    ])
      found.push(...(await scan(page, route)));
    if (who === LIXY) {
      const token = await tokenOf('usr_lixy01');
      for (const id of await idsOf(token, '/v1/applications'))
        found.push(...(await scan(page, `/pages/application-detail/index?id=${id}`)));
      for (const id of policyIds) {
        found.push(...(await scan(page, `/pages/policy-detail/index?id=${id}`)));
      }
      found.push(...(await scan(page, '/pages/apply/index?policyId=transfer-transport')));
    }
    await context.close();
  }

  // a reviewer: the queue, an application in it, the batches
  {
    const { context, page } = await loginAs('人社局 初审 陈科员', false);
    const token = await tokenOf('usr_hrssl1');
    found.push(...(await scan(page, '/reviewer/queue/index')));
    for (const id of (await idsOf(token, '/v1/review/queue')).slice(0, 3))
      found.push(...(await scan(page, `/reviewer/review-detail/index?id=${id}`)));
    found.push(...(await scan(page, '/reviewer/batches/index')));
    await context.close();
  }

  // the admin: every page of the admin package
  {
    const { context, page } = await loginAs('平台管理员', false);
    for (const route of [
      '/admin/dashboard/index',
      '/admin/runs/index',
      '/admin/import/index',
      '/admin/policies/index',
      '/admin/payables/index',
      '/admin/recoveries/index',
      '/admin/batches/index',
      '/admin/budget/index',
      '/admin/staff/index',
    ])
      found.push(...(await scan(page, route)));
    await context.close();
  }
  expect([...new Set(found)]).toEqual([]);
});
