/**
 * Issue #17, 首页 = 待办 + 可享, in headless Chromium at 390×844 against the whole local
 * platform, in the normal mode and in 长辈版, with axe-core clean and tap targets ≥ 44 / 48 px:
 * - the shopkeeper (便民餐饮店): the match first, the non-matches folded under one line
 *   (长辈版: only what can be had);
 * - 李秀英: her 免申即享 grant waits for her receiving account (an auto-grant run started
 *   through the API): a 待办 banner with a badge on the 首页 tab, and the banner opens the form;
 * - 赵大伯, whom nothing fits: a summary line, the nearest policies with the condition he
 *   misses, a tel: link to the office and "有新政策时提醒我".
 * Then the DOM scan, in both modes: every page of app.config (each opened by a person who may
 * see it, with data where it needs it: applicants, reviewers, the loan staff, the admin), and no
 * rendered text holds an ASCII code of shared/vocabulary or an amount in 分 — nor, on the admin
 * pages, a policy id (hire-local, county-hire-bonus).
 * Screenshots go to docs/screenshots (shown in README).
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import * as vocabulary from '../../shared/vocabulary';
import { FACT_VALUE_LABELS } from '../../shared/facts/labels';
import { call, login } from './support/api';
import { problems } from './support/axe';
import {
  button,
  docShot,
  isElder,
  launch,
  loginAs as loginOn,
  newPhone,
  open,
  untilShown,
} from './support/browser';

const H5 = process.env.E2E_H5 ?? '';

const SHOPKEEPER = '便民餐饮店（个体户）';
const LIXY = '李秀英（务工人员）';
const ZHAO = '赵大伯（居民）';

/** The little of the DOM the scan reads (the repo's tsconfig has no DOM lib). */
interface Win {
  document: { body: { innerText: string } };
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

/** The scheduled 免申即享 run, started by the admin for 稳岗 (transfer-stable) only. */
async function grantForLixy(): Promise<void> {
  const admin = await login('usr_admin01');
  const run = await call('POST', '/v1/admin/runs', admin, {
    policyIds: ['transfer-stable'],
    totalSegments: 1,
  });
  expect(run.status).toBe(202);
  const id = (run.body as { id: string }).id;
  for (let i = 0; i < 600; i++) {
    const got = await call('GET', `/v1/admin/runs/${id}`, admin);
    expect(got.status).toBe(200);
    if ((got.body as { status: string }).status !== 'running') return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the auto-grant run did not finish');
}

async function loginAs(
  name: string,
  elder: boolean,
): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await newPhone(browser);
  await loginOn(page, H5, name, { retry: true });
  // the login's own reLaunch to the role's first page may land after we open 我的 (staff):
  // open it again until it stays
  const row = page.getByTestId('elder-switch').locator('visible=true');
  // (and the switch's tap too: the reLaunch can take the page away under it)
  for (let attempt = 1; ; attempt++) {
    await open(page, H5, '/pages/me/index');
    try {
      await row.waitFor({ timeout: 20_000 });
      if ((await isElder(page)) !== elder) await row.click({ timeout: 20_000 });
      if ((await isElder(page)) === elder) break;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
    if (attempt >= 3) break;
  }
  await expect(isElder(page)).resolves.toBe(elder);
  return { context, page };
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
// a code stands alone: inside an identifier (startup-grant-2026, GSB-2020-0615) it is part of a name
const CODE = new RegExp(`(?<![A-Za-z0-9_-])(${CODES.join('|')})(?![A-Za-z0-9_-])`, 'g');
/** A number followed by 分 (not 分钟, 分类, 分行…): an amount shown in fen. */
const FEN = /\d[\d,]*\s*分(?![钟类行局支期])/g;

/** What a page says that a person should never read. */
function offences(text: string): string[] {
  return [...(text.match(CODE) ?? []), ...(text.match(FEN) ?? [])];
}

/**
 * A policy id as the seeds and the studio write them (shared/schemas/common PolicyKey:
 * hire-local, startup-grant-2026, county-hire-bonus) and the parameter names built on them
 * (hire-local-2026.per-person): admins read a policy's title, never its id (issue #17). The
 * studio editor's 政策编号 is an input the admin types, and input values are not page text.
 */
const POLICY_ID = /(?<![A-Za-z0-9_-])[a-z]+(?:-[a-z0-9]+)+(?![A-Za-z0-9_-])/g;

/** What an admin page says that a person should never read: the above, and policy ids. */
function adminOffences(text: string): string[] {
  return [...offences(text), ...(text.match(POLICY_ID) ?? [])];
}

/**
 * Who opens each page of app.config in the scan (a person who may see it, with data where the
 * page needs it). A page added to app.config and not here fails 'the scan covers every page'.
 */
type Who =
  | 'lixy'
  | 'shopkeeper'
  | 'zhao'
  | 'repaying'
  | 'hrssReviewer'
  | 'financeReviewer'
  | 'financeL2'
  | 'guarantor'
  | 'bank'
  | 'admin';
const PEOPLE: Record<Who, { name: string; devUserId: string }> = {
  lixy: { name: LIXY, devUserId: 'usr_lixy01' },
  shopkeeper: { name: SHOPKEEPER, devUserId: 'usr_eatery01' },
  zhao: { name: ZHAO, devUserId: 'usr_zhaodb01' },
  repaying: { name: '刘建林（贷款还款中）', devUserId: 'usr_liujl01' },
  hrssReviewer: { name: '人社局 初审 陈科员', devUserId: 'usr_hrssl1' },
  financeReviewer: { name: '财政局 初审 周科员', devUserId: 'usr_finl1' },
  financeL2: { name: '财政局 复审 吴科长', devUserId: 'usr_finl2' },
  guarantor: { name: '县担保公司 孙经理', devUserId: 'usr_guarl1' },
  bank: { name: '甘肃银行高台支行 钱信贷员', devUserId: 'usr_bankl1' },
  admin: { name: '平台管理员', devUserId: 'usr_admin01' },
};

/** What the scan knows before it starts: ids for the pages that show one record. */
interface Known {
  policyIds: string[];
  applicationIds: Partial<Record<Who, string[]>>;
  queue: Partial<Record<Who, string[]>>;
  paymentBatchIds: string[];
}

/** Each page of app.config: who opens it, and the routes (with their data) to open. */
const SCAN: Record<string, { who: Who[]; routes: (k: Known, who: Who) => string[] }> = {
  'pages/index/index': {
    who: ['lixy', 'zhao', 'shopkeeper'],
    routes: () => ['/pages/index/index'],
  },
  'pages/applications/index': {
    who: ['lixy', 'shopkeeper'],
    routes: () => ['/pages/applications/index'],
  },
  'pages/me/index': {
    who: ['lixy', 'shopkeeper', 'hrssReviewer', 'admin'],
    routes: () => ['/pages/me/index'],
  },
  'pages/login/index': { who: ['zhao'], routes: () => ['/pages/login/index'] },
  'pages/policy-detail/index': {
    who: ['lixy'],
    routes: (k) => k.policyIds.map((id) => `/pages/policy-detail/index?id=${id}`),
  },
  'pages/apply/index': {
    who: ['lixy', 'shopkeeper'],
    routes: (_k, who) => [
      `/pages/apply/index?policyId=${who === 'lixy' ? 'transfer-transport' : 'rent-waiver-state'}`,
    ],
  },
  'pages/application-detail/index': {
    who: ['lixy', 'shopkeeper'],
    routes: (k, who) =>
      (k.applicationIds[who] ?? []).map((id) => `/pages/application-detail/index?id=${id}`),
  },
  'pages/grants/index': { who: ['lixy'], routes: () => ['/pages/grants/index'] },
  'pages/payments/index': { who: ['lixy', 'shopkeeper'], routes: () => ['/pages/payments/index'] },
  'pages/bind/index': { who: ['zhao'], routes: () => ['/pages/bind/index'] },
  'pages/members/index': { who: ['shopkeeper'], routes: () => ['/pages/members/index'] },
  'pages/messages/index': { who: ['lixy', 'shopkeeper'], routes: () => ['/pages/messages/index'] },
  'pages/publicity/index': {
    who: ['zhao'],
    routes: () => ['/pages/publicity/index', '/pages/publicity/index?policyId=hire-local'],
  },
  'reviewer/queue/index': {
    who: ['hrssReviewer', 'financeReviewer'],
    routes: () => ['/reviewer/queue/index'],
  },
  'reviewer/review-detail/index': {
    who: ['hrssReviewer', 'financeReviewer'],
    routes: (k, who) =>
      (k.queue[who] ?? []).slice(0, 3).map((id) => `/reviewer/review-detail/index?id=${id}`),
  },
  'reviewer/batches/index': { who: ['financeL2'], routes: () => ['/reviewer/batches/index'] },
  'reviewer/batch-detail/index': {
    who: ['financeL2'],
    routes: (k) =>
      (k.paymentBatchIds.length ? k.paymentBatchIds.slice(0, 2) : ['bat_none']).map(
        (id) => `/reviewer/batch-detail/index?id=${id}`,
      ),
  },
  'reviewer/loan-detail/index': {
    who: ['hrssReviewer'],
    routes: () => ['/reviewer/loan-detail/index?id=loan_demo-submitted'],
  },
  'loan/apply/index': { who: ['repaying'], routes: () => ['/loan/apply/index'] },
  'loan/detail/index': {
    who: ['repaying'],
    routes: () => ['/loan/detail/index?id=loan_demo-active'],
  },
  'guarantor/queue/index': { who: ['guarantor'], routes: () => ['/guarantor/queue/index'] },
  'guarantor/detail/index': {
    who: ['guarantor'],
    routes: () => ['/guarantor/detail/index?id=loan_demo-guarantee'],
  },
  'bank/queue/index': { who: ['bank'], routes: () => ['/bank/queue/index'] },
  'bank/detail/index': { who: ['bank'], routes: () => ['/bank/detail/index?id=loan_demo-bank'] },
  ...Object.fromEntries(
    [
      'dashboard',
      'runs',
      'import',
      'policies',
      'payables',
      'recoveries',
      'batches',
      'budget',
      'staff',
      'studio',
      'parameters',
    ].map((p) => [`admin/${p}/index`, { who: ['admin'], routes: () => [`/admin/${p}/index`] }]),
  ),
  'admin/batch-detail/index': {
    who: ['admin'],
    routes: (k) =>
      (k.paymentBatchIds.length ? k.paymentBatchIds.slice(0, 2) : ['bat_none']).map(
        (id) => `/admin/batch-detail/index?id=${id}`,
      ),
  },
  'admin/studio-editor/index': {
    who: ['admin'],
    routes: () => [
      '/admin/studio-editor/index',
      '/admin/studio-editor/index?id=rent-waiver-state&version=1',
    ],
  },
  'admin/trail/index': {
    who: ['admin'],
    routes: (k) => [
      '/admin/trail/index',
      ...(k.applicationIds.lixy ?? [])
        .slice(0, 1)
        .map((id) => `/admin/trail/index?kind=application&id=${id}`),
    ],
  },
};

/** The pages of client/src/app.config.ts (the main package's and every subpackage's). */
async function appConfigPages(): Promise<string[]> {
  const g = globalThis as unknown as { defineAppConfig?: (c: unknown) => unknown };
  g.defineAppConfig = (c) => c;
  const file = path.resolve(__dirname, '../../client/src/app.config.ts');
  const config = ((await import(file)) as { default: AppConfig }).default;
  return [
    ...config.pages,
    ...config.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`)),
  ].sort();
}
interface AppConfig {
  pages: string[];
  subPackages: { root: string; pages: string[] }[];
}

/** Opens a page and waits until it has loaded its data (no spinner left). */
async function scan(page: Page, route: string, who: Who): Promise<string[]> {
  await open(page, H5, route);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page
    .locator('.remote-state--loading')
    .locator('visible=true')
    .first()
    .waitFor({ state: 'detached', timeout: 30_000 })
    .catch(() => undefined);
  // a load that failed (a Lambda's first load on 2 shared cores can time out): 重试, as a person would
  const retry = button(page, '重试').locator('visible=true');
  // (a batch the stack does not have stays not found: no retry for it)
  for (let i = 0; i < 3 && !route.includes('bat_none') && (await retry.count()) > 0; i++) {
    await retry
      .first()
      .click({ timeout: 15_000 })
      .catch(() => undefined);
    await page.waitForLoadState('networkidle').catch(() => undefined);
  }
  await page.waitForTimeout(300);
  const text = await page.evaluate(() => (globalThis as unknown as Win).document.body.innerText);
  const found = (who === 'admin' ? adminOffences(text) : offences(text)).map(
    (o) => `${route}: "${o}" in "${around(text, o)}"`,
  );
  // a page still showing its load error was not scanned (but a batch the stack does not have is
  // not found: bat_none, when no e2e file has made a 支付批次 yet)
  if ((await retry.count()) > 0 && !route.includes('bat_none'))
    found.push(`${route}: did not load (${around(text, '重试')})`);
  return found;
}

/** The text around the first `part` (where a leak is, to find it in the client). */
function around(text: string, part: string): string {
  const i = text.indexOf(part);
  return text.slice(Math.max(0, i - 30), i + part.length + 30).replace(/\s+/g, ' ');
}

async function idsOf(token: string, route: string, key = 'id'): Promise<string[]> {
  const res = await call('GET', route, token);
  expect(res.status).toBe(200);
  return (res.body as { items: Record<string, string>[] }).items.map((i) => String(i[key]));
}

async function known(): Promise<Known> {
  const policies = await call('GET', '/v1/policies');
  expect(policies.status).toBe(200);
  const k: Known = {
    policyIds: (policies.body as { items: { id: string }[] }).items.map((p) => p.id),
    applicationIds: {},
    queue: {},
    paymentBatchIds: [],
  };
  for (const who of ['lixy', 'shopkeeper'] as const)
    k.applicationIds[who] = await idsOf(await login(PEOPLE[who].devUserId), '/v1/applications');
  for (const who of ['hrssReviewer', 'financeReviewer'] as const)
    k.queue[who] = await idsOf(
      await login(PEOPLE[who].devUserId),
      '/v1/review/queue',
      'applicationId',
    );
  k.paymentBatchIds = await idsOf(await login('usr_admin01'), '/v1/admin/payment-batches');
  return k;
}

test('the scan finds what it looks for', () => {
  expect(CODES).toEqual(expect.arrayContaining(['individual_business', 'catering', 'paid']));
  expect(offences('营业状态（operating）')).toEqual(['operating']);
  expect(offences('单户减免上限：15000000 分')).toEqual(['15000000 分']);
  expect(offences('¥1,500.00 · 5分钟前 · 部分 · 身份证')).toEqual([]);
  expect(offences('startup-grant-2026（2026年度） · 合同编号 GSB-2020-active')).toEqual([]);
  // on admin pages a policy id is an offence too (issue #17), a date or a 文号 is not
  expect(adminOffences('县级稳岗奖励 county-hire-bonus · 第1版')).toEqual(['county-hire-bonus']);
  expect(adminOffences('调入：hire-poor（2021年度）')).toEqual(['hire-poor']);
  expect(adminOffences('startup-grant-2026 · hire-local-2026.per-person')).toEqual([
    'startup-grant-2026',
    'hire-local-2026',
    'per-person',
  ]);
  expect(
    adminOffences(
      '自 2021年1月1日 起 ¥1,500.00 · 2020-12-15 · 高财社〔2021〕15号 · GSB-2020-active',
    ),
  ).toEqual([]);
});

test('the scan covers every page of app.config (a new page cannot escape it)', async () => {
  expect(Object.keys(SCAN).sort()).toEqual(await appConfigPages());
});

/** The people of the scan, in groups (each group one jest test, within its time limit). */
const GROUPS: [string, Who[]][] = [
  ['applicants', ['lixy', 'shopkeeper', 'zhao']],
  ['reviewers', ['hrssReviewer', 'financeReviewer', 'financeL2']],
  ['loans', ['repaying', 'guarantor', 'bank']],
  ['admin', ['admin']],
];

describe.each([
  ['normal mode', false],
  ['长辈版', true],
])('the DOM scan in %s', (_mode, elder) => {
  const scanned = new Set<string>();
  let k: Known;
  beforeAll(async () => {
    k = await known();
  });

  test.each(GROUPS)(
    'no page opened by the %s shows an ASCII code of shared/vocabulary or an amount in 分',
    async (_group, people) => {
      const found: string[] = [];
      for (const who of people) {
        const { context, page } = await loginAs(PEOPLE[who].name, elder);
        for (const [pagePath, entry] of Object.entries(SCAN)) {
          if (!entry.who.includes(who)) continue;
          for (const route of entry.routes(k, who)) found.push(...(await scan(page, route, who)));
          scanned.add(pagePath);
        }
        await expect(isElder(page)).resolves.toBe(elder);
        await context.close();
      }
      expect([...new Set(found)]).toEqual([]);
    },
    600_000,
  );

  test('every page of app.config was opened', async () => {
    expect([...scanned].sort()).toEqual(await appConfigPages());
  });
});
