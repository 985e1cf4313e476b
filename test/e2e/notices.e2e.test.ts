/**
 * Issue 14 (message centre) in headless Chromium against the whole local platform: 惠民商贸
 * (used by no other e2e file) applies for a policy and withdraws at once, through the API (so
 * no department queue keeps its row); the notice of the submission is written with the
 * transition and delivered by the notice sender reading DynamoDB Local's stream. In the H5 app
 * the 消息 tab shows the unread count; opening the message centre lists the notice as unread,
 * tapping it marks it read, and the badge clears. At 390×844 and with a large font.
 * Screenshots go to test/e2e/screenshots (notices-*.png).
 */
import type { Browser, Page } from 'playwright-core';
import { applyWithEveryMaterial, call, login } from './support/api';
import { launch, loginAs, newPhone, open, settled, shot } from './support/browser';

const H5 = process.env.E2E_H5!;
const NAME = '惠民商贸（企业经办人）';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await (browser as Browser | undefined)?.close();
});

type Notices = {
  items: { id: string; kind: string; aboutId?: string; read: boolean }[];
  unread: number;
};

/** 惠民商贸 applies for the first policy it can apply for, then withdraws: one notice (已提交). */
async function submitAndWithdraw(token: string): Promise<string> {
  const matches = await call('GET', '/v1/me/matches', token);
  expect(matches.status).toBe(200);
  const match = (matches.body as { items: { policyId: string; canApply: boolean }[] }).items.find(
    (m) => m.canApply,
  );
  if (!match) throw new Error('惠民商贸 has no policy to apply for');
  const app = await applyWithEveryMaterial(
    token,
    match.policyId,
    'notices',
    `notices-e2e-${String(Date.now())}`,
  );
  const id = (app as { id: string }).id;
  const withdrawn = await call(
    'POST',
    `/v1/applications/${id}/withdraw`,
    token,
    { reason: '演示：消息中心' },
    { 'idempotency-key': `notices-e2e-w-${String(Date.now())}` },
  );
  expect(withdrawn.status).toBe(200);
  return id;
}

const messagesTab = (page: Page) =>
  page.locator('.weui-tabbar__item').filter({ hasText: '消息' }).locator('visible=true');

describe('message centre (issue 14)', () => {
  it('shows a delivered notice as unread with the tab badge, and clears both when it is read', async () => {
    const token = await login('usr_trading01');
    const applicationId = await submitAndWithdraw(token);
    // a second one, so the loop below always goes back to 消息 after a notice opened a page
    await submitAndWithdraw(token);

    // the notice is in the message centre (written with the transition)
    const before = await call('GET', '/v1/me/notices', token);
    expect(before.status).toBe(200);
    const notices = before.body as Notices;
    const ours = notices.items.find((n) => n.aboutId === applicationId);
    expect(ours).toMatchObject({ kind: 'application', read: false });
    expect(notices.unread).toBeGreaterThanOrEqual(1);

    // the first mark-read starts its Lambda under serverless-offline (slow on shared cores): warm it
    // with a refused one, so the app's tap is not the cold start
    const warm = await call('POST', '/v1/me/notices/not-an-id/read', token, {});
    expect(warm.status).toBe(400);

    const { context, page } = await newPhone(browser);
    // a refused mark-read would otherwise be a bare timeout below
    page.on('response', (r) => {
      if (r.url().includes('/v1/me/notices') && r.status() >= 400)
        void r.text().then((t) => {
          console.log(`message centre got ${String(r.status())} for ${r.url()}: ${t}`);
        });
    });
    try {
      await loginAs(page, H5, NAME);
      const badge = messagesTab(page).locator('.taro-tabbar-badge');
      await expect(badge.textContent()).resolves.toBe(String(notices.unread));
      await shot(page, 'notices-badge');

      await messagesTab(page).click();
      const row = page.locator(`[data-notice-id="${ours?.id ?? ''}"]`).locator('visible=true');
      await row.getByText('未读', { exact: true }).waitFor();
      await shot(page, 'notices-centre');

      // as on a loaded machine, the code of the page a notice opens arrives late; the next
      // navigation must wait for it (see `settled`), or that page covers 消息 and takes its tap
      await page.route(/\/(js|css)\/[^/]+\.(js|css)$/, async (chunk) => {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        await chunk.continue();
      });
      // read every unread notice. The page marks a notice read before it opens what the notice is
      // about (every notice here is about something), so leaving the message centre is the sign
      // the mark-read landed; the row's 已读 shows before the page asks for the next one, so it is
      // not. (The 消息 tab is not on the page a notice opens, and a fixed pause let the next
      // navigation abort the mark-read.)
      for (const n of notices.items.filter((x) => !x.read)) {
        await open(page, H5, '/pages/messages/index');
        const unreadRow = page.locator(`[data-notice-id="${n.id}"]`).locator('visible=true');
        await unreadRow.getByText('未读', { exact: true }).waitFor();
        await unreadRow.click();
        await page.waitForURL((url) => !url.hash.includes('/pages/messages/'));
        await settled(page);
      }
      // every mark-read landed on the server (the truth the page shows) …
      let unreadLeft = -1;
      for (const end = Date.now() + 30_000; Date.now() < end;) {
        const r = await call('GET', '/v1/me/notices', token);
        unreadLeft = r.status === 200 ? (r.body as Notices).unread : -1;
        if (unreadLeft === 0) break;
        await page.waitForTimeout(500);
      }
      expect(unreadLeft).toBe(0);
      // … and the message centre shows it. After a notice opened a tab page (a grant opens the
      // grants list), the hash navigation back may show the kept-alive tab as it was; a reload is what
      // the user's pull-down does, so it is allowed once, never more. Both the row's 已读 and the
      // count's 全部已读 must hold after it (CI once saw the row read and the count stale: a list
      // answer the page had thrown away still set the count; fixed in the page, unit-tested there).
      await open(page, H5, '/pages/messages/index');
      const readShown = row.getByText('已读', { exact: true });
      const allRead = page
        .getByTestId('unread-count')
        .locator('visible=true')
        .getByText('全部已读');
      const shown = await Promise.all([
        readShown.waitFor({ timeout: 10_000 }),
        allRead.waitFor({ timeout: 10_000 }),
      ]).then(
        () => true,
        () => false,
      );
      if (!shown) {
        console.log(
          'message centre: 已读/全部已读 not shown after the hash navigation; reloading once',
        );
        await page.reload();
      }
      await readShown.waitFor();
      await allRead.waitFor();
      await expect(badge.count()).resolves.toBe(0);
      await shot(page, 'notices-read');
      const after = await call('GET', '/v1/me/notices', token);
      expect(after.status).toBe(200);
      expect((after.body as Notices).unread).toBe(0);
    } finally {
      await context.close();
    }

    // a large system font: the message centre still reads (screenshot to look at)
    const large = await newPhone(browser, 24);
    try {
      await loginAs(large.page, H5, NAME);
      await messagesTab(large.page).click();
      await large.page
        .locator(`[data-notice-id="${ours?.id ?? ''}"]`)
        .locator('visible=true')
        .waitFor();
      await shot(large.page, 'notices-centre-large-font');
    } finally {
      await large.context.close();
    }
  });
});
