/**
 * Issue #10 case 5 in headless Chromium against the whole local platform: 李秀英 has no
 * receiving account on file. She applies for 有组织输转贫困劳动力一次性交通补贴 and gives one
 * in the apply form's account step (户名 prefilled, a mistyped card number refused under its
 * field by the shared Luhn check), 人社局 approves, 公示 closes and disburse runs (invoked on
 * the offline Lambda port "as of" after the 公示 ends, as the subsidy flow does), and she sees
 * 已到账 with the account shown masked. Screenshots go to test/e2e/screenshots.
 */
import type { Browser, Page } from 'playwright-core';
import { call, invoke, login } from './support/api';
import {
  button,
  forwardUploadsAroundMissingCors,
  launch,
  loginAs,
  open,
  phone,
  PNG_1PX,
  shot,
  uploadFile,
} from './support/browser';

const H5 = process.env.E2E_H5!;
const POLICY = '有组织输转贫困劳动力一次性交通补贴';

let browser: Browser;
const started = Date.now();
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await (browser as Browser | undefined)?.close(); // undefined when launch() failed
  console.log(`receiving account flow: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

async function upload(page: Page, rowTestId: string, name: string): Promise<void> {
  await uploadFile(page, rowTestId, { name, mimeType: 'image/png', buffer: PNG_1PX });
}

/** Types into a NutUI Input inside the account step's field. */
async function fill(
  page: Page,
  field: 'accountName' | 'bankName' | 'accountNumber',
  value: string,
): Promise<void> {
  await page.getByTestId(`account-${field}`).locator('input').fill(value);
  // the number is typed twice (issue 17's read-back): the second box gets the same digits
  if (field === 'accountNumber')
    await page.getByTestId('account-accountNumberRepeat').locator('input').fill(value);
}

test('case 5: an applicant with no account on file gives one in the apply form, and after review, 公示 and disburse sees 已到账', async () => {
  const li = await (await phone(browser)).newPage();
  const errors: string[] = [];
  li.on('pageerror', (e) => errors.push(e.message));
  await forwardUploadsAroundMissingCors(li);
  try {
    // --- login → the policy matched → apply ----------------------------------------
    await loginAs(li, H5, '李秀英（务工人员）', { landed: false });
    const card = li.getByTestId('match').filter({ hasText: POLICY });
    await card.waitFor();
    await button(card, '立即申请').click();
    await li.getByText('名称：李秀英').waitFor();

    await upload(li, 'material-id_card', 'id-card.png');
    await upload(li, 'material-travel_tickets', 'tickets.png');

    // --- the account step: none on file, so the form is open, 户名 prefilled -------------
    const step = li.getByTestId('account-step');
    await step.getByText('您还没有登记收款账户', { exact: false }).waitFor();
    await expect(li.getByTestId('account-accountName').locator('input').inputValue()).resolves.toBe(
      '李秀英',
    );
    await step.scrollIntoViewIfNeeded();
    await shot(li, 'apply-account');

    await fill(li, 'bankName', '中国农业银行高台县支行');
    await fill(li, 'accountNumber', '6228480123456780015'); // last digit mistyped
    await li.getByTestId('pledge').click();
    await button(li, '提交申请').click();
    const numberField = li.getByTestId('account-accountNumber');
    await numberField.getByText('银行卡号校验位不正确，请核对卡号').waitFor();
    await step.scrollIntoViewIfNeeded();
    await shot(li, 'apply-account-error');

    await fill(li, 'accountNumber', '6228 4801 2345 6780 014');
    await expect(numberField.textContent()).resolves.not.toContain('校验位不正确'); // cleared as she types
    await button(li, '提交申请').click();

    const done = li.getByTestId('apply-done');
    await done.waitFor();
    await expect(li.getByTestId('apply-done-account').textContent()).resolves.toBe(
      '收款账户：中国农业银行高台县支行 ****0014',
    );
    await button(done, '查看办理进度').click();
    await li.getByTestId('account').waitFor();
    await expect(li.getByTestId('account').textContent()).resolves.toContain(
      '中国农业银行高台县支行 ****0014',
    );
    await expect(li.getByTestId('status').textContent()).resolves.toBe('已提交');
    await li.getByText('提供收款账户：中国农业银行高台县支行 ****0014').waitFor(); // the timeline, masked
    await expect(li.content()).resolves.not.toContain('6228480123456780014');
    const applicationUrl = li.url();
    const id = new URL(applicationUrl.replace('#', '')).searchParams.get('id')!;

    // --- 人社局 approves (one level), 公示 closes, disburse pays ---------------------------
    const lixy = await login('usr_lixy01');
    const submitted = await call<{ requestedFen: number; account: unknown }>(
      'GET',
      `/v1/applications/${id}`,
      lixy,
    );
    expect(submitted.status).toBe(200);
    expect(submitted.body.account).toEqual({
      accountMasked: '****0014',
      bankName: '中国农业银行高台县支行',
    });
    const reviewer = await login('usr_hrssl1');
    const approved = await call<{ status: string; publicityEndsAt: string }>(
      'POST',
      `/v1/applications/${id}/decision`,
      reviewer,
      {
        kind: 'approve',
        amountFen: submitted.body.requestedFen,
      },
    );
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('publicity');
    const after = new Date(Date.parse(approved.body.publicityEndsAt) + 3600_000).toISOString();
    console.log('closePublicity →', JSON.stringify(await invoke('closePublicity', after)));
    let status = '';
    for (let i = 0; i < 6 && status !== 'paid'; i++) {
      console.log(
        `disburse #${i + 1} →`,
        JSON.stringify(
          await invoke('disburse', new Date(Date.parse(after) + (i + 1) * 3600_000).toISOString()),
        ),
      );
      status = (await call<{ status: string }>('GET', `/v1/applications/${id}`, lixy)).body.status;
    }
    expect(status).toBe('paid');

    // --- she sees 已到账, to the account she gave ---------------------------------------------
    await li.goto(applicationUrl);
    await li.reload();
    await li.getByTestId('status').getByText('已到账').waitFor();
    await expect(li.getByTestId('account').textContent()).resolves.toContain('****0014');
    await shot(li, 'account-paid');
    await open(li, H5, '/pages/payments/index');
    const payment = li.getByTestId('payment-row').filter({ hasText: POLICY });
    await payment.waitFor();
    await expect(payment.textContent()).resolves.toContain('已到账');
    await expect(payment.textContent()).resolves.toContain('****0014');
  } catch (e) {
    await li.screenshot({ path: '/tmp/e2e-account-failure.png' }).catch(() => undefined);
    throw e;
  }
  expect(errors).toEqual([]);
});
