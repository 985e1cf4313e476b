/**
 * 创业担保贷款 end to end (issue 13), in headless Chromium against the whole local platform:
 * 张建军 (a veteran; no other e2e file uses him) opens the policy, taps 申请贷款, sees the
 * ceiling and his key group, is stopped above ¥200,000, applies for ¥200,000 with the group
 * certificate missing (容缺) and supplements it → the 人社局 reviewer approves from the reviewer
 * queue → the guarantee company approves with a fee within the cap shown → the bank approves
 * with the contract (LPR + spread, dates, schedule) → 张建军 sees the loan 已放款 · 还款中 with
 * the contract and schedule. Each staff member lands on their own queue after login. The demo's
 * own loans wait at every stage, so rows are picked by 张建军's name. Screenshots (loans-*.png)
 * at 390×844, the borrower's and the staff's last pages also with a large browser font (长辈版).
 */
import type { Browser, Page } from 'playwright-core';
import { call } from './support/api';
import {
  button,
  forwardUploadsAroundMissingCors,
  isElder,
  launch,
  loginAs,
  newPhone as phoneWithFont,
  PDF,
  PNG_1PX,
  shot,
  tokenOf,
  uploadFile,
} from './support/browser';

const H5 = process.env.E2E_H5!;
const BORROWER = '张建军';

let browser: Browser;
const started = Date.now();

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await (browser as Browser | undefined)?.close();
  console.log(`loan flow: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

/** A fresh phone; with `fontPx` the browser's font is large (长辈版 comes on by itself). */
async function newPhone(label: string, fontPx?: number): Promise<Page> {
  const { page } = await phoneWithFont(browser, fontPx);
  page.on('console', (m) => m.type() === 'error' && console.log(`[${label}] ${m.text()}`));
  await forwardUploadsAroundMissingCors(page);
  return page;
}

/** Picks a PDF or a PNG (by its name) with the first upload button in the scope. */
async function upload(page: Page, scopeTestId: string, name: string): Promise<void> {
  await uploadFile(
    page,
    scopeTestId,
    name.endsWith('.pdf')
      ? { name, mimeType: 'application/pdf', buffer: PDF }
      : { name, mimeType: 'image/png', buffer: PNG_1PX },
    { first: true },
  );
}

/** Types into the input or textarea inside the element with this test id. */
async function fill(page: Page, testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).locator('input, textarea').first().fill(value);
}

test('apply for ¥200,000 → 人社 → 担保 → 银行 → the borrower sees the loan active with the contract', async () => {
  // --- the borrower applies -------------------------------------------------------------
  const borrower = await newPhone('borrower');
  await loginAs(borrower, H5, '张建军（退役军人创业）');
  const card = borrower
    .getByTestId('match')
    .filter({ hasText: '创业担保贷款', hasNotText: '贴息' });
  await card.waitFor();
  await button(card, '申兑指南').click();
  await borrower.getByText('享受对象与条件').waitFor();
  await shot(borrower, 'loans-policy-detail');
  await button(borrower, '申请贷款').last().click();

  await borrower.getByText('个人最高可贷').waitFor();
  await expect(borrower.getByText('个人最高可贷').textContent()).resolves.toContain('¥200,000.00');
  const verdict = borrower.getByTestId('loan-verdict');
  await expect(verdict.textContent()).resolves.toContain('您属于重点群体');
  await expect(verdict.getByTestId('condition').count()).resolves.toBeGreaterThan(1);

  // above the ceiling: refused before sending, with the ceiling named
  await fill(borrower, 'loan-amount', '200001');
  await fill(borrower, 'loan-purpose', '开设退役军人便民餐馆，购置厨房设备');
  await fill(borrower, 'loan-business', '建军便民餐馆');
  await button(borrower.getByTestId('loan-industry'), '餐饮').click();
  await upload(borrower, 'material-id_card', 'id-card.png');
  await upload(borrower, 'material-business_licence', 'licence.pdf');
  await upload(borrower, 'material-business_plan', 'plan.pdf');
  // no account on file: the repayment account is typed (户名 = his registered name)
  if ((await borrower.getByTestId('account-new-form').count()) > 0) {
    await fill(borrower, 'account-bankName', '甘肃银行高台支行');
    await fill(borrower, 'account-accountNumber', '6230 2701 2345 6780 030');
    // typed twice: the account form reads it back before money can go there (issue 17)
    await fill(borrower, 'account-accountNumberRepeat', '6230 2701 2345 6780 030');
  }
  await borrower.getByTestId('pledge').click();
  await button(borrower, '提交贷款申请').click();
  await borrower.getByText('贷款金额不能超过个人最高额度 ¥200,000.00').waitFor();

  await fill(borrower, 'loan-amount', '200000');
  await shot(borrower, 'loans-apply-form');
  await button(borrower, '提交贷款申请').click();

  // --- 容缺: accepted; the certificate follows ------------------------------------------
  await borrower.getByTestId('loan-detail').waitFor();
  await borrower.getByTestId('loan-supplement').waitFor();
  await expect(borrower.getByTestId('loan-status').textContent()).resolves.toBe('已提交');
  await upload(borrower, 'loan-supplement', 'veteran-certificate.png');
  await button(borrower, '提交补交材料').click();
  await borrower.getByTestId('loan-supplement').waitFor({ state: 'detached' });
  await shot(borrower, 'loans-submitted');
  const loanUrl = borrower.url();

  // --- 人社局: the eligibility review from the reviewer queue ----------------------------
  const hrss = await newPhone('hrss');
  await loginAs(hrss, H5, '人社局 初审 陈科员');
  const hrssRow = hrss
    .getByTestId('loan-eligibility-queue')
    .getByTestId('loan-row')
    .filter({ hasText: BORROWER });
  await hrssRow.waitFor();
  await shot(hrss, 'loans-hrss-queue');
  await hrssRow.click();
  await hrss.getByTestId('eligibility-form').waitFor();
  await button(hrss, '资格审核通过').click();
  await button(hrss, '确认通过，转担保公司').click();
  await hrss.getByTestId('eligibility-form').waitFor({ state: 'detached' });
  await expect(hrss.getByTestId('loan-status').textContent()).resolves.toBe('担保审核中');

  // --- 担保公司: lands on its queue; the fee cap that applies is shown ----------------------
  const guarantor = await newPhone('guarantor');
  await loginAs(guarantor, H5, '县担保公司 孙经理');
  expect(guarantor.url()).toContain('/guarantor/queue/index');
  const gRow = guarantor.getByTestId('loan-row').filter({ hasText: BORROWER });
  await gRow.waitFor();
  await shot(guarantor, 'loans-guarantor-queue');
  await gRow.click();
  const gForm = guarantor.getByTestId('guarantee-form');
  await gForm.waitFor();
  await button(gForm, '同意担保').click();
  await gForm.getByText('适用上限 2.00%：担保公司标准费率上限').waitFor();
  await fill(guarantor, 'fee-rate', '2.5');
  await button(gForm, '确认同意担保').click();
  await gForm.getByText('担保费率不能超过 2.00%（担保公司标准费率上限）').waitFor();
  await fill(guarantor, 'fee-rate', '1.00');
  await shot(guarantor, 'loans-guarantee-form');
  await button(gForm, '确认同意担保').click();
  await gForm.waitFor({ state: 'detached' });
  await expect(guarantor.getByTestId('loan-status').textContent()).resolves.toBe('银行放款审核中');

  // --- 合作银行: lands on its queue; approves with the contract -----------------------------
  const bank = await newPhone('bank');
  await loginAs(bank, H5, '甘肃银行高台支行 钱信贷员');
  expect(bank.url()).toContain('/bank/queue/index');
  const bRow = bank.getByTestId('loan-row').filter({ hasText: BORROWER });
  await bRow.waitFor();
  await shot(bank, 'loans-bank-queue');
  await bRow.click();
  const lForm = bank.getByTestId('lending-form');
  await lForm.waitFor();
  await button(lForm, '同意放款').click();
  await fill(bank, 'contract-no', 'GSB-2020-0615');
  await fill(bank, 'lpr', '3.85');
  await fill(bank, 'spread', '0.50');
  await expect(bank.getByTestId('annual-rate').textContent()).resolves.toContain(
    '4.35%（LPR 3.85% + 0.50%）',
  );
  await fill(bank, 'start-on', '2020-12-15');
  await fill(bank, 'maturity-on', '2022-12-15');
  await bank.getByTestId('schedule-preview').getByText('第2期 2022年12月15日').waitFor();
  await fill(bank, 'bank-account-name', '甘肃银行股份有限公司高台支行');
  await fill(bank, 'bank-name', '甘肃银行高台支行');
  await fill(bank, 'bank-account-number', '9550880012345678');
  await shot(bank, 'loans-bank-contract');
  await button(lForm, '确认放款并登记合同').click();
  await bank.getByTestId('bank-event-form').waitFor();
  await expect(bank.getByTestId('loan-status').textContent()).resolves.toBe('还款中');

  // --- the borrower sees the loan active with the contract --------------------------------
  await borrower.goto(loanUrl);
  await borrower.reload();
  await borrower.getByTestId('loan-contract').waitFor();
  await expect(borrower.getByTestId('loan-status').textContent()).resolves.toBe('还款中');
  await borrower.getByText('已放款 · 还款中（当前）').waitFor();
  const contract = await borrower.getByTestId('loan-contract').textContent();
  expect(contract).toContain('GSB-2020-0615');
  expect(contract).toContain('¥200,000.00');
  expect(contract).toContain('4.35%（LPR 3.85% + 0.50%）');
  expect(contract).toContain('2020年12月15日');
  expect(contract).toContain('2022年12月15日');
  await expect(borrower.getByTestId('loan-schedule').textContent()).resolves.toContain(
    '¥100,000.00',
  );
  await expect(borrower.getByTestId('loan-interest').textContent()).resolves.toContain('贴息');
  await shot(borrower, 'loans-active');

  // the API agrees: one active loan of ¥200,000 for 张建军
  const res = await call<{ items: { status: string; principalFen: number }[] }>(
    'GET',
    '/v1/loans',
    await tokenOf(borrower),
  );
  expect(res.status).toBe(200);
  expect(res.body.items).toEqual([
    expect.objectContaining({ status: 'active', principalFen: 20_000_000 }),
  ]);

  // --- large font (长辈版): the borrower's loan and the bank's page -----------------------
  const elder = await newPhone('borrower-elder', 24);
  await loginAs(elder, H5, '张建军（退役军人创业）');
  await elder.goto(loanUrl);
  await elder.reload();
  await elder.getByTestId('loan-contract').waitFor();
  await expect(isElder(elder)).resolves.toBe(true);
  await shot(elder, 'loans-active-elder');
  await elder.getByTestId('loan-contract').scrollIntoViewIfNeeded();
  await shot(elder, 'loans-contract-elder');

  const bankElder = await newPhone('bank-elder', 24);
  await loginAs(bankElder, H5, '甘肃银行高台支行 钱信贷员');
  await bankElder.getByTestId('loan-row').first().waitFor();
  await shot(bankElder, 'loans-bank-queue-elder');
});
