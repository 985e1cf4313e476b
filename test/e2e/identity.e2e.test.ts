/**
 * Who is who (issue 12) end to end, in headless Chromium against the whole local platform:
 * a new WeChat user (the fake WeChat login, an openid nobody has bound) binds as an
 * enterprise's legal representative after agreeing to the privacy notice, sees what the
 * enterprise can get, and invites a 经办人; the operator (another new openid) joins with the
 * code and applies; the representative removes the operator, whose next request is refused
 * (the page says so in Chinese and offers the login). An admin creates a 财政局 reviewer
 * account on the staff page; the person claims it with the code and sees their department's
 * queue, which holds the operator's application (an 人社局 reviewer's does not).
 * Screenshots (390×844, and at a large font) go to test/e2e/screenshots.
 */
import type { Browser, Page } from 'playwright-core';
import { leaseRegistry, lease, marketRegistry } from '../../shared/facts/examples';
import { usccCheckChar, idNumberCheckChar } from '../../shared/subject';
import { call, env, login } from './support/api';
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

const H5 = env('E2E_H5');

/** The text of an element that must have some. */
async function textOf(locator: { textContent(): Promise<string | null> }): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

const POLICY = '承租国有房屋服务业小微企业和个体工商户房租减免';

// a market entity of the demo county that no one has bound (not in the seed)
const USCC = (() => {
  const first17 = '91620724MA7E2E001';
  return first17 + usccCheckChar(first17);
})();
const BAD_USCC = USCC.slice(0, 17) + (USCC.endsWith('0') ? '1' : '0');
const LEGAL_REP_ID = (() => {
  const first17 = '62072419800202123';
  return first17 + idNumberCheckChar(first17);
})();
const run = Date.now().toString(36); // fresh openids on every run

let browser: Browser;
const started = Date.now();
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
  console.log(`identity flow: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

/** The same page at a large font: the root size (Taro H5 sizes everything in rem) ×1.3. */
async function shotLarge(page: Page, name: string): Promise<void> {
  await page.evaluate(() => {
    const html = (
      globalThis as unknown as { document: { documentElement: { style: { fontSize: string } } } }
    ).document.documentElement;
    const size = parseFloat(
      (
        globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }
      ).getComputedStyle(html).fontSize,
    );
    html.style.fontSize = `${String(size * 1.3)}px`;
  });
  await shot(page, `${name}-large-font`);
  await page.evaluate(() => {
    (
      globalThis as unknown as { document: { documentElement: { style: { fontSize: string } } } }
    ).document.documentElement.style.fontSize = '';
  });
}

/** A new phone logs in with the fake WeChat login as an openid nobody has bound: the binding page opens. */
async function newWeChatUser(label: string): Promise<Page> {
  const page = await (await phone(browser)).newPage();
  page.on('pageerror', (e) => {
    console.log(`[${label}] page error: ${e.message}`);
  });
  await forwardUploadsAroundMissingCors(page);
  await open(page, H5, '/pages/login/index');
  // the fake WeChat login shows once the local demo list answered; on a loaded machine its
  // first answer can fail (the page then offers 重试)
  const input = page.locator('.login__wechat-id input');
  for (let attempt = 0; attempt < 3; attempt++) {
    await input.or(button(page, '重试')).first().waitFor();
    if (await input.isVisible()) break;
    await button(page, '重试').click();
  }
  await input.fill(`${label}-${run}`);
  await button(page, '模拟微信登录').click();
  await page.getByText('首次使用，请选择您的身份完成绑定：').waitFor();
  return page;
}

const field = (page: Page, key: string) => page.getByTestId(`field-${key}`).locator('input');

let operatorApplicationId: string | undefined;

/** On a failure, every open page as /tmp/e2e-identity-failure-<n>.png (a bare timeout says little). */
const withFailureShots = (flow: () => Promise<void>) =>
  screenshotsOnFailure(browser, '/tmp/e2e-identity-failure', flow);

test('a legal representative binds, invites an operator who applies, then removes them', () =>
  withFailureShots(enterpriseFlow));

async function enterpriseFlow(): Promise<void> {
  // the registry feed knows the enterprise before anyone binds it (facts come from government data)
  const admin = await login('usr_admin01');
  const feed = [
    marketRegistry(
      { name: '高台县直达测试餐馆', kind: 'individual_business', industry: 'catering' },
      USCC,
    ),
    leaseRegistry(
      [lease({ leaseId: 'L-E2E-1', landlordKind: 'state', monthlyRentFen: 200_000 })],
      USCC,
    ),
  ];
  const imported = await call('POST', '/v1/admin/facts:import', admin, {
    format: 'jsonl',
    content: feed.map((f) => JSON.stringify(f)).join('\n'),
  });
  expect(imported.status).toBe(200);

  // --- the legal representative: choose, consent, bind ------------------------------------
  const boss = await newWeChatUser('boss');
  await shot(boss, 'bind-choose');
  await shotLarge(boss, 'bind-choose');
  await boss.getByTestId('choose-enterprise').click();
  await boss.getByText('《个人信息保护告知》').first().waitFor();
  expect(await boss.getByText('法定代表人身份证号').count()).toBe(0); // no ID number before consent
  await shot(boss, 'bind-privacy');
  await boss.getByTestId('privacy-consent').click();
  await button(boss, '同意并继续').click();
  await field(boss, 'uscc').fill(BAD_USCC);
  await field(boss, 'legalRepName').fill('冯法人');
  await field(boss, 'legalRepIdNumber').fill(LEGAL_REP_ID);
  await field(boss, 'phone').fill('13600136000');
  await button(boss, '核验并绑定').click();
  await boss.getByText('统一社会信用代码无效（应为18位，校验位正确）').waitFor();
  await shot(boss, 'bind-enterprise-error');
  await shotLarge(boss, 'bind-enterprise-error');
  await field(boss, 'uscc').fill(USCC);
  await button(boss, '核验并绑定').click();

  // --- signed in: the home says what the enterprise can get ---------------------------------
  const card = boss.getByTestId('match').filter({ hasText: POLICY });
  await card.waitFor();
  await expect(card.textContent()).resolves.toContain('¥6,000.00');
  await shot(boss, 'bind-home-matches');

  // --- invite a 经办人 ----------------------------------------------------------------------
  await open(boss, H5, '/pages/me/index');
  await boss.locator('.nut-cell').filter({ hasText: '经办人管理' }).click();
  await button(boss, '邀请经办人').click();
  const code = await textOf(boss.getByTestId('invite-code'));
  expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
  await expect(boss.getByTestId('invite-link').textContent()).resolves.toContain(
    `#/pages/bind/index?code=${code}`,
  );
  await shot(boss, 'members-invite');
  await shotLarge(boss, 'members-invite');

  // --- the operator joins with the code and applies -----------------------------------------
  const op = await newWeChatUser('operator');
  await op.getByTestId('choose-code').click();
  await field(op, 'code').fill(code);
  await field(op, 'name').fill('陈经办');
  await field(op, 'phone').fill('13500135000');
  await shot(op, 'bind-operator');
  await button(op, '确认绑定').click();
  const opCard = op.getByTestId('match').filter({ hasText: POLICY });
  await opCard.waitFor();
  await button(opCard, '立即申请').click();
  await op.getByText('申请主体').waitFor();
  await uploadFile(op, 'material-lease_contract', {
    name: 'lease.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await uploadFile(op, 'material-rent_receipts', {
    name: 'receipt.png',
    mimeType: 'image/png',
    buffer: PNG_1PX,
  });
  await op.getByTestId('account-bankName').locator('input').fill('甘肃银行高台支行');
  await op.getByTestId('account-accountNumber').locator('input').fill('310012345678901');
  await op.getByTestId('account-accountNumberRepeat').locator('input').fill('310012345678901');
  await op.getByTestId('pledge').click();
  await button(op, '提交申请').click();
  await op.getByTestId('apply-done').waitFor();
  const opToken = await tokenOf(op);
  const mine = await call<{ items: { id: string; status: string }[] }>(
    'GET',
    '/v1/applications',
    opToken,
  );
  expect(mine.status).toBe(200);
  expect(mine.body.items).toHaveLength(1);
  const [submitted] = mine.body.items;
  expect(submitted?.status).toBe('submitted');
  operatorApplicationId = submitted?.id;

  // --- the representative removes the operator (after a confirmation) ------------------------
  await open(boss, H5, '/pages/members/index');
  const member = boss.getByTestId('member').filter({ hasText: '陈经办' });
  await member.waitFor();
  await expect(member.textContent()).resolves.toContain('135****5000');
  await shot(boss, 'members-list');
  await button(member, '移除').click();
  await boss.locator('.taro-modal__foot div').filter({ hasText: '确认移除' }).click();
  await boss.getByText('已移除经办人「陈经办」').waitFor();
  await member.waitFor({ state: 'detached' });
  await boss.getByTestId('member').filter({ hasText: '冯法人' }).waitFor();
  await expect(boss.getByTestId('member').count()).resolves.toBe(1);
  await shot(boss, 'members-removed');

  // --- the operator's next request is refused: the page says so and offers the login -------
  await open(op, H5, '/pages/index/index');
  await op.getByText('登录已失效（已退出、身份已变更或已被移除），请重新登录').waitFor();
  await shot(op, 'operator-removed');
  await shotLarge(op, 'operator-removed');
  const after = await call<{ error: { details: { reason: string } } }>('GET', '/v1/me', opToken);
  expect(after.status).toBe(401);
  expect(after.body.error.details.reason).toBe('SESSION_REVOKED');
  await button(op, '去登录').click();
  await op.getByText('模拟微信登录（本地环境）').waitFor();
}

test('a staff member claims a 财政局 reviewer account made on the admin page and sees only that queue', () =>
  withFailureShots(staffFlow));

async function staffFlow(): Promise<void> {
  expect(operatorApplicationId).toBeDefined();
  // --- the admin creates the account: the claim code is shown once -------------------------
  const adminPage = await (await phone(browser)).newPage();
  await loginAs(adminPage, H5, '平台管理员', { landed: false });
  await adminPage.getByText('工作人员', { exact: true }).click();
  await adminPage.getByTestId('create-staff').waitFor();
  await adminPage.getByTestId('create-staff').locator('input').fill('孙审核');
  await adminPage.getByTestId('new-dept-finance').click();
  await adminPage.getByTestId('new-level-1').click();
  await shot(adminPage, 'admin-staff-create');
  await shotLarge(adminPage, 'admin-staff-create');
  await button(adminPage, '创建并生成认领码').click();
  const claimCode = await textOf(adminPage.getByTestId('claim-code'));
  expect(claimCode).toMatch(/^[A-HJ-NP-Z2-9]{10}$/);
  await adminPage.getByTestId('staff').filter({ hasText: '孙审核' }).getByText('待认领').waitFor();
  await shot(adminPage, 'admin-staff-claim-code');

  // --- the person claims it on their own phone -----------------------------------------------
  const staff = await newWeChatUser('staff');
  await staff.getByTestId('choose-code').click();
  await field(staff, 'code').fill(claimCode);
  await button(staff, '确认绑定').click();
  // the stack is shared by the e2e files: the accessibility file's 便民餐饮店 may wait in this queue too
  const row = staff.getByTestId('queue-row').filter({ hasText: POLICY, hasNotText: '便民餐饮店' });
  await row.waitFor();
  await shot(staff, 'staff-claimed-queue');

  // the queue is the department's: 财政局 holds the operator's application, 人社局 does not
  const token = await tokenOf(staff);
  const me = await call<{ role: string; department: string; reviewLevel: number }>(
    'GET',
    '/v1/me',
    token,
  );
  expect(me.status).toBe(200);
  expect(me.body).toMatchObject({ role: 'reviewer', department: 'finance', reviewLevel: 1 });
  const queue = await call<{ items: { applicationId: string }[] }>(
    'GET',
    '/v1/review/queue',
    token,
  );
  expect(queue.status).toBe(200);
  expect(queue.body.items.map((i) => i.applicationId)).toContain(operatorApplicationId);
  const hrss = await call<{ items: { applicationId: string }[] }>(
    'GET',
    '/v1/review/queue',
    await login('usr_hrssl1'),
  );
  expect(hrss.status).toBe(200);
  expect(hrss.body.items.map((i) => i.applicationId)).not.toContain(operatorApplicationId);

  // the admin's list now shows the account in use
  await adminPage.reload();
  await adminPage.getByTestId('staff').filter({ hasText: '孙审核' }).getByText('使用中').waitFor();
}
