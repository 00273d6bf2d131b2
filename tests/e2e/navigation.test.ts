import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../helpers/harness.js';
import { clickNav, login, startBrowserSession } from './browser.js';

describe(`browser: the top navigation in sections (${backend})`, { timeout: 120_000 }, () => {
  let s: Awaited<ReturnType<typeof startBrowserSession>>;
  beforeAll(async () => {
    s = await startBrowserSession();
  });
  afterAll(() => s?.close());

  it("groups an administrator's screens into a few dropdowns that fit the header, work with mouse and keyboard and mark the current section", async () => {
    const page = await s.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await login(page, s.base, 'demo-city');
    await page.waitForURL(/\/areas\/620700$/);
    await page.waitForSelector('.mainnav');
    // A handful of sections instead of a dozen links, and nothing scrolls sideways.
    const tops = await page.locator('.mainnav > .nav-top, .mainnav > .nav-group > .nav-top').allTextContents();
    expect(tops.map((x) => x.replace(/[▾\d]/g, '').trim())).toEqual([
      '区划网格',
      '事件中心',
      '基础信息',
      '研判分析',
      '稳评',
      '系统设置',
    ]);
    const nav = page.locator('.mainnav');
    expect(await nav.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    const navBox = (await nav.boundingBox())!;
    const searchBox = (await page.locator('.topsearch').boundingBox())!;
    expect(navBox.x + navBox.width).toBeLessThanOrEqual(searchBox.x);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    // The areas link is current on the home page.
    expect(await page.getAttribute('.mainnav > a.nav-top.active', 'href')).toBe('/areas/620700');

    // Mouse: the events section opens a panel with its four screens; a click goes there and closes the panel.
    const events = page.locator('.nav-group[data-group=events]');
    await events.locator('button').click();
    expect(await events.locator('button').getAttribute('aria-expanded')).toBe('true');
    expect(await events.locator('.nav-panel a').allTextContents()).toEqual([
      '事件办理',
      '消息待办',
      '矛盾调解',
      '挂牌督办',
    ]);
    await s.shot(page, 'nav-events-open');
    // Clicking elsewhere closes it.
    await page.mouse.click(900, 600);
    await expect.poll(() => events.locator('button').getAttribute('aria-expanded')).toBe('false');
    await events.locator('button').click();
    await events.locator('.nav-panel a', { hasText: '矛盾调解' }).click();
    await page.waitForURL(/\/mediation$/);
    expect(await events.locator('.nav-panel').isVisible()).toBe(false);
    // The section holding the current screen is marked, in the header and inside its panel.
    expect(await events.locator('button').getAttribute('class')).toContain('active');
    expect(await page.locator('.mainnav .nav-top.active').count()).toBe(1);
    expect(await events.locator('.nav-panel a[aria-current=page]').getAttribute('href')).toBe('/mediation');

    // Keyboard: Tab to the analysis section, Enter opens it with the focus on its first screen, ↓ moves, Enter follows.
    const analysis = page.locator('.nav-group[data-group=analysis] button');
    await analysis.focus();
    await page.keyboard.press('Enter');
    expect(await analysis.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('民情地图');
    // The focus is visible.
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    await s.shot(page, 'nav-keyboard');
    // Escape closes it and gives the focus back to the section's button.
    await page.keyboard.press('Escape');
    expect(await analysis.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('nav-button-analysis');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('民情地图');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('指挥看板');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/reports\/situation$/);
    expect(await analysis.getAttribute('class')).toContain('active');

    // Every existing screen is still reachable from the sections.
    for (const [text, url] of [
      ['实有人口', /\/people$/],
      ['导入导出', /\/import$/],
      ['工作日历', /\/admin\/calendar$/],
      ['事件设置', /\/admin\/event-settings$/],
      ['稳评', /\/risk/],
      ['逾期走访', /\/overdue$/],
    ] as const) {
      await clickNav(page, text);
      await page.waitForURL(url);
    }
    expect(await page.locator('.nav-group[data-group=registry] button.active').count()).toBe(1);

    // In English the sections are named in English.
    await page.click('.topbar button.link >> text=English');
    await expect.poll(() => page.locator('.nav-group[data-group=settings] button').textContent()).toContain('Settings');
    await page.locator('.nav-group[data-group=settings] button').click();
    await s.shot(page, 'nav-settings-en');
    await page.click('.topbar button.link >> text=中文');
    await page.close();
  });

  it('on a phone, the menu button opens a panel with the sections under headings, the current one marked', async () => {
    const page = await s.browser.newPage({ viewport: { width: 375, height: 760 }, isMobile: true, hasTouch: true });
    await login(page, s.base, 'demo-city');
    await page.waitForURL(/\/areas\/620700$/);
    expect(await page.isVisible('.mainnav')).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.click('.menu-button');
    await page.waitForTimeout(300);
    expect(await page.locator('.sidenav .sidenav-heading').allTextContents()).toEqual([
      '事件中心',
      '基础信息',
      '研判分析',
      '系统设置',
    ]);
    await page.tap('.sidenav a:has-text("挂牌督办")');
    await page.waitForURL(/\/supervision$/);
    await page.click('.menu-button');
    await page.waitForTimeout(300);
    expect(await page.textContent('.sidenav-group.current .sidenav-heading')).toBe('事件中心');
    expect(await page.getAttribute('.sidenav a[aria-current=page]', 'href')).toBe('/supervision');
    await s.shot(page, 'nav-phone');
    await page.close();
  });

  it('shows a grid worker only the sections of their own screens', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await login(page, s.base, 'demo-grid');
    await page.waitForSelector('.mainnav');
    expect(await page.locator('.nav-group[data-group=settings]').count()).toBe(0);
    await page.close();
  });
});
