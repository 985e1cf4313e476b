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
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForTimeout(300); // let NutUI transitions settle
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** Opens a Taro H5 route (hash router). */
export async function open(page: Page, base: string, route: string): Promise<void> {
  await page.goto(`${base}#${route}`);
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
