import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { OfficialCalendar } from '../../src/kernel/official-calendar.js';
import { startTestApp, type TestApp } from '../helpers/harness.js';

export const SHOTS = path.resolve('.tmp/screenshots');

/** The app on a real port with the built web app, and Debian's Chromium driven by Playwright. */
export async function startBrowserSession(
  opts: { now?: string; env?: Record<string, string>; officialCalendar?: OfficialCalendar } = {},
) {
  if (!fs.existsSync('web/dist/index.html'))
    throw new Error('web/dist is missing: run `npm run build:web` (npm test does)');
  const t: TestApp = await startTestApp({
    env: { WEB_DIST: 'web/dist', ...opts.env },
    now: opts.now,
    ...(opts.officialCalendar ? { officialCalendar: opts.officialCalendar } : {}),
  });
  await t.runtime.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.runtime.app.server.address() as AddressInfo;
  const browser: Browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
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
  fs.mkdirSync(SHOTS, { recursive: true });
  return {
    t,
    browser,
    base: `http://127.0.0.1:${port}`,
    shot: (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) }),
    close: async () => {
      await browser.close();
      await t.close();
    },
  };
}

export async function login(page: Page, base: string, username: string, password = 'Demo@2026') {
  await page.goto(`${base}/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}

/**
 * Follows a link of the app's navigation as a user would: on a wide screen through its section's dropdown in the
 * header, on a phone through the drawer the menu button opens.
 */
export async function clickNav(page: Page, text: string) {
  await page.locator('.mainnav:visible, .menu-button:visible').first().waitFor();
  const top = page.locator('.mainnav');
  if (await top.isVisible()) {
    const link = top.locator('a', { hasText: text }).first();
    if (!(await link.isVisible()))
      await top
        .locator('.nav-group', { has: page.locator('a', { hasText: text }) })
        .locator('button')
        .click();
    await link.click();
    return;
  }
  const link = page.locator('.sidenav a', { hasText: text }).first();
  if (!(await link.isVisible())) await page.click('.menu-button');
  await link.click();
}
