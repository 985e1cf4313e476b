/** Headless Chromium as a phone (PROBES.md "Chromium E2E"), and small helpers for Taro H5 pages. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { chromiumPath } from '../../../infra/local/preflight';

export const SCREENSHOTS = path.resolve(__dirname, '../screenshots');
/** The screenshots README shows (committed). */
export const DOCS_SHOTS = path.resolve(__dirname, '../../../docs/screenshots');

/** Files a person picks in the upload tests: the smallest PNG and PDF there are. */
export const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export function launch(): Promise<Browser> {
  return chromium.launch({
    // the one npm test's preflight found (or installed): `chromium` on PATH
    executablePath: chromiumPath() ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh phone: its own storage, so each person logs in on their own device. */
export async function phone(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  // a first call to a Lambda under serverless-offline, on 2 cores shared with the other test
  // projects, can take longer than playwright's 30 s default
  context.setDefaultTimeout(60_000);
  // what the browser saw go wrong, in the test output (a failing flow is otherwise a bare timeout)
  context.on('response', (r) => {
    if (r.status() >= 500 || (r.status() >= 400 && !r.url().includes('/v1/')))
      console.log(`browser got ${r.status()} for ${r.request().method()} ${r.url()}`);
  });
  context.on('console', (m) => {
    if (m.type() === 'error') console.log(`browser console error: ${m.text().slice(0, 500)}`);
  });
  context.on('weberror', (e) =>
    console.log(`browser page error: ${e.error().message.slice(0, 500)}`),
  );
  return context;
}

/** The page's own view, at 390 px wide (small PNGs that are committed). */
export async function shot(page: Page, name: string, dir = SCREENSHOTS): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await page.waitForTimeout(300); // let NutUI transitions settle
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false });
}

/** The same, into docs/screenshots (the ones README shows). */
export function docShot(page: Page, name: string): Promise<void> {
  return shot(page, name, DOCS_SHOTS);
}

/**
 * A fresh phone and its page; with `fontPx` the browser's font is that large (what "system
 * font large" is on H5: 长辈版 comes on by itself).
 */
export async function newPhone(
  browser: Browser,
  fontPx?: number,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await phone(browser);
  const page = await context.newPage();
  if (fontPx) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: fontPx, fixed: fontPx } });
  }
  return { context, page };
}

/**
 * Waits for `target`; when the page shows its load error instead (a Lambda's first load on 2
 * shared cores can time out), taps 重试 as a person would, a few times.
 */
export async function untilShown(page: Page, target: Locator): Promise<void> {
  const retry = page.getByText('重试', { exact: true }).locator('visible=true');
  for (let i = 0; i < 5; i++) {
    await target.or(retry).first().waitFor();
    if (await target.first().isVisible()) return;
    await retry.first().click();
  }
  await target.first().waitFor();
}

/**
 * Logs in on the dev login page as the demo user with this name. With `retry`, a failed load
 * of the demo list is retried (untilShown) before the tap. Then it waits until the login has
 * moved the page on by itself (a reviewer to the queue) so that the caller's next page is not
 * overtaken: until `landed` holds for the URL (by default: off the login page), or, with
 * `landed: false`, not at all (the caller waits for what it expects).
 */
export async function loginAs(
  page: Page,
  base: string,
  name: string,
  options: { retry?: boolean; landed?: ((url: URL) => boolean) | false } = {},
): Promise<void> {
  await open(page, base, '/pages/login/index');
  // NutUI's cell takes the tap (its title lets pointer events through to it)
  const user = page.locator('.login__user').filter({ has: page.getByText(name, { exact: true }) });
  if (options.retry) await untilShown(page, user);
  await user.click();
  const landed = options.landed ?? ((url: URL) => !url.hash.includes('/pages/login/'));
  if (landed) {
    await page.waitForURL(landed);
    // the address moves before the page it names is shown (see settled)
    await settled(page);
  }
}

/** The session token the page stored (Taro H5 wraps storage values as {data}). */
export async function tokenOf(page: Page): Promise<string> {
  const raw = await page.evaluate(() =>
    (
      globalThis as unknown as { localStorage: { getItem(k: string): string | null } }
    ).localStorage.getItem('zhida.session'),
  );
  const parsed = JSON.parse(raw ?? '{}') as { data?: { token?: string }; token?: string };
  const token = parsed.data?.token ?? parsed.token;
  if (!token) throw new Error('no session stored');
  return token;
}

/** Whether 长辈版 is on (the root element's class). */
export function isElder(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    (
      globalThis as unknown as {
        document: { documentElement: { classList: { contains(name: string): boolean } } };
      }
    ).document.documentElement.classList.contains('elder-mode'),
  );
}

/**
 * The local s3rver answers no CORS preflight (infra/local/s3.ts configures no CORS rules),
 * so a browser's pre-signed PUT from the H5 origin is blocked. Until the stack configures
 * CORS, the test forwards uploads to s3rver from Node (same URL, headers and bytes, so the
 * signature and SHA-256 are still checked by s3rver) and adds the CORS headers.
 */
export async function forwardUploadsAroundMissingCors(page: Page): Promise<void> {
  await page.route(/^http:\/\/127\.0\.0\.1:\d+\/zhida-local-uploads\//, async (route) => {
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': '*',
    };
    if (route.request().method() === 'OPTIONS')
      return route.fulfill({ status: 204, headers: cors });
    const answer = await route.fetch();
    await route.fulfill({ response: answer, headers: { ...answer.headers(), ...cors } });
  });
}

/**
 * Picks a file with the upload button (上传文件 / 重新上传) inside the element with this test
 * id, and waits until it says 已上传 (unless `uploaded: false`). With `first`, the first such
 * button (the scope may hold several).
 */
export async function uploadFile(
  page: Page,
  scopeTestId: string,
  file: { name: string; mimeType: string; buffer: Buffer },
  options: { first?: boolean; uploaded?: boolean } = {},
): Promise<void> {
  const scope = page.getByTestId(scopeTestId);
  const upload = button(scope, /上传文件|重新上传/);
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    (options.first ? upload.first() : upload).click(),
  ]);
  await chooser.setFiles(file);
  if (options.uploaded ?? true) await scope.getByText(`已上传：${file.name}`).waitFor();
}

/**
 * Runs the flow; on a failure, saves every open page as `<prefix>-<n>.png` (a bare timeout
 * says little) and fails as it did.
 */
export async function screenshotsOnFailure(
  browser: Browser,
  prefix: string,
  flow: () => Promise<void>,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  try {
    await flow();
  } catch (e) {
    for (const [i, p] of browser
      .contexts()
      .flatMap((c) => c.pages())
      .entries())
      await p
        .screenshot({
          path: `${prefix}-${String(i)}.png`,
          ...(options.fullPage ? { fullPage: true } : {}),
        })
        .catch(() => undefined);
    throw e;
  }
}

/** Opens a Taro H5 route (hash router). */
export async function open(page: Page, base: string, route: string): Promise<void> {
  await page.goto(`${base}#${route}`);
  await settled(page);
}

/**
 * Waits until the page Taro shows is the page the address names. A new address only asks Taro's
 * router for a page; the page's code may arrive seconds later, and it is then shown over whatever
 * was opened meanwhile. CI saw it: a tapped notice asked for 办件详情, the test went back to 消息,
 * and 办件详情 arrived on top and took the next tap; that state never clears, as the address
 * already names 消息. So `open` and `loginAs` wait for it, and a test waits for it after a tap
 * that navigates. Without a hash (the entry) any page counts.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const w = globalThis as unknown as {
      location: { hash: string };
      document: { querySelectorAll(selector: string): ArrayLike<{ id: string }> };
      getComputedStyle(element: unknown): { display: string };
    };
    const route = w.location.hash.replace(/^#/, '').split('?')[0] ?? '';
    const shown = Array.from(w.document.querySelectorAll('.taro_page')).filter(
      (p) => w.getComputedStyle(p).display !== 'none',
    );
    return shown.length > 0 && (!route || shown.every((p) => p.id.split('?')[0] === route));
  });
}

/** Taps the visible element with exactly this text (Taro renders Views as divs). */
export async function tap(
  page: Page,
  text: string,
  options: { exact?: boolean } = {},
): Promise<void> {
  await page
    .getByText(text, { exact: options.exact ?? true })
    .locator('visible=true')
    .first()
    .click();
}

/** A NutUI button by its exact label: the button element takes the tap, not its inner text. */
export function button(scope: Page | Locator, label: string | RegExp): Locator {
  const text = typeof label === 'string' ? new RegExp(`^\\s*${label}\\s*$`) : label;
  return scope.locator('.nut-button').filter({ hasText: text });
}
