/**
 * Issue 14, public 公示 in headless Chromium at 390×844 against the whole local platform: a
 * stranger with no login opens the 公示 page, finds 惠民商贸's 免申即享 grant (an enterprise,
 * named in full, with amount and period), objects with a phone number and a reason, keeps the
 * objection number and query code, and looks up the outcome (核实中). The same page at a large
 * browser font. Screenshots: test/e2e/screenshots/publicity-*.png.
 *
 * The grant is made here: the admin runs 免申即享 for job-retention-refund only (惠民商贸 has an
 * account on file, so its grant goes straight to 公示). Not hire-local: notices.e2e applies for
 * hire-local as 惠民商贸, and a grant made first would leave it nothing to apply for (the files
 * run in any order). No other e2e file uses job-retention-refund.
 */
import type { Browser, Page } from 'playwright-core';
import { call, login } from './support/api';
import { button, launch, newPhone, open, shot } from './support/browser';

const H5 = process.env.E2E_H5 ?? '';
const NAME = '高台县惠民商贸有限公司';

let browser: Browser;

/** The admin runs 免申即享 for job-retention-refund and waits for it to finish. */
async function grantInPublicity(): Promise<string> {
  const token = await login('usr_admin01');
  const run = await call(
    'POST',
    '/v1/admin/runs',
    token,
    { policyIds: ['job-retention-refund'], totalSegments: 1 },
    { 'idempotency-key': `publicity-e2e-${String(Date.now())}` },
  );
  expect(run.status).toBe(202);
  const runId = (run.body as { id: string }).id;
  for (let i = 0; i < 60; i++) {
    const r = await call('GET', `/v1/admin/runs/${runId}`, token);
    if ((r.body as { status: string }).status !== 'running') break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const list = await call(
    'GET',
    '/v1/publicity?policyId=job-retention-refund&department=hrss&limit=100',
  );
  expect(list.status).toBe(200);
  const entry = (list.body as { items: { id: string; name: string }[] }).items.find(
    (e) => e.name === NAME,
  );
  if (!entry) throw new Error(`${NAME} is not in 公示`);
  return entry.id;
}

/** A fresh phone, optionally with a larger browser font (what "system font large" is on H5). */
async function newPage(fontPx?: number): Promise<Page> {
  return (await newPhone(browser, fontPx)).page;
}

let grantId: string;

beforeAll(async () => {
  browser = await launch();
  grantId = await grantInPublicity();
});
afterAll(async () => {
  await browser.close();
});

test('the 公示 page needs no login; a stranger objects from it and follows the outcome', async () => {
  const page = await newPage();
  await open(page, H5, '/pages/publicity/index');
  const card = page.locator(`[data-testid="publicity-card"][data-id="${grantId}"]`);
  await card.waitFor();
  const text = (await card.textContent()) ?? '';
  expect(text).toContain(NAME);
  expect(text).toContain('失业保险稳岗返还');
  expect(text).toMatch(/¥[\d,]+\.\d\d/);
  expect(text).toMatch(/公示期：\d{4}年\d+月\d+日 至 \d{4}年\d+月\d+日/);
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'publicity-list');

  await card.getByTestId(`object-${grantId}`).click();
  await card.locator('[data-testid="objection-phone"] input').fill('13912340000');
  await card
    .locator('[data-testid="objection-text"] textarea')
    .fill('该企业新招员工并非本县户籍，请核查');
  await card.getByTestId('objection-submit').click();
  const receipt = card.getByTestId('objection-receipt');
  await receipt.waitFor();
  const receiptText = (await receipt.textContent()) ?? '';
  expect(receiptText).toContain('核实中');
  const objectionId = /异议编号：(obj_\w+)/.exec(receiptText)?.[1];
  const code = /查询码：([A-Z2-9]{10})/.exec(receiptText)?.[1];
  expect(objectionId).toBeDefined();
  expect(code).toBeDefined();
  await receipt.scrollIntoViewIfNeeded();
  await shot(page, 'publicity-objected');

  // the objector, on the same page, sees their own objection's outcome with the number and code
  const lookup = page.getByTestId('objection-lookup');
  const inputs = lookup.locator('input');
  await inputs.nth(0).fill(objectionId ?? '');
  await inputs.nth(1).fill(code ?? '');
  await button(lookup, '查询').click();
  const outcome = lookup.getByTestId('objection-outcome');
  await outcome.waitFor();
  await expect(outcome.textContent()).resolves.toContain('核实中');
  await lookup.scrollIntoViewIfNeeded();
  await shot(page, 'publicity-outcome');
  await page.context().close();
});

test('the 公示 page at a large font', async () => {
  const page = await newPage(24);
  await open(page, H5, '/pages/publicity/index');
  await page.locator(`[data-testid="publicity-card"][data-id="${grantId}"]`).waitFor();
  await shot(page, 'publicity-list-large-font');
  await page.context().close();
});
