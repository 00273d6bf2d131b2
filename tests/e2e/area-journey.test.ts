import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../helpers/harness.js';
import { login, startBrowserSession } from './browser.js';

describe(`browser: sign in, see only your county, open a township and its map (${backend})`, () => {
  let s: Awaited<ReturnType<typeof startBrowserSession>>;
  beforeAll(async () => {
    s = await startBrowserSession();
  });
  afterAll(() => s?.close());

  it('refuses a wrong password with a clear message', async () => {
    const page = await s.browser.newPage();
    await login(page, s.base, 'demo-ganzhou', 'wrong-Pass1');
    await expect.poll(() => page.textContent('[role=alert]')).toBe('用户名或密码错误');
    await s.shot(page, 'login-error');
    await page.close();
  });

  it('demo-ganzhou sees 甘州区 only, opens a township and sees its map', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await login(page, s.base, 'demo-ganzhou');
    await page.waitForURL(`${s.base}/areas/620702`);
    await page.waitForSelector('.map[data-map-ready=true]');
    await expect.poll(() => page.textContent('.page-head h1')).toBe('甘州区');
    const tree = await page.textContent('.sidebar');
    expect(tree).toContain('甘州区');
    expect(tree).not.toContain('高台县');
    expect(tree).not.toContain('张掖市');
    await s.shot(page, 'county');

    // Open the first township from the children table.
    const township = await page.$eval('.table.children tbody tr a', (a) => ({
      name: a.textContent ?? '',
      href: a.getAttribute('href') ?? '',
    }));
    // The tree lists the county's townships under it.
    expect(await page.textContent('.sidebar .tree')).toContain(township.name);
    await page.click('.table.children tbody tr a');
    await page.waitForURL(`${s.base}${township.href}`);
    await expect.poll(() => page.textContent('.page-head h1')).toBe(township.name);
    const code = township.href.split('/').pop()!;
    const api = await s.t.api('GET', `/api/areas/${code}`, { token: await s.t.login('demo-ganzhou') });
    await page.waitForSelector('.map[data-map-ready=true]');
    expect(Number(await page.getAttribute('.map', 'data-feature-count'))).toBe(api.body.children.length + 1);
    expect(await page.textContent('.breadcrumbs')).toContain('甘州区');
    expect(await page.textContent('.tree-row.current')).toContain(township.name);
    // The map really drew: the canvas has non-background pixels.
    const painted = await page.$eval('.map canvas', (c) => (c as HTMLCanvasElement).toDataURL().length);
    expect(painted).toBeGreaterThan(5000);
    await s.shot(page, 'township');
    // Hovering a village shows its name; the villages tile the township, so the map's centre is one of them.
    const b = (await page.locator('.map canvas').boundingBox())!;
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await page.waitForSelector('.map-tip');
    const villages = (api.body.children as Array<{ name: string }>).map((c) => c.name);
    expect(villages).toContain(await page.textContent('.map-tip'));
    await s.shot(page, 'township-hover');

    // Another county by URL: the API answers 404 and the page says so.
    await page.goto(`${s.base}/areas/620724`);
    await expect.poll(() => page.textContent('[role=alert]')).toBe('未找到,或不在您的管辖范围内');
    await s.shot(page, 'other-county-404');

    // English, then sign out.
    await page.goto(`${s.base}/areas/620702`);
    await page.click('text=English');
    await expect.poll(() => page.textContent('.sidebar-title')).toBe('Areas and grids');
    await page.waitForSelector('.map[data-map-ready=true]');
    // The longer English labels still fit in the header.
    expect(await page.$eval('.topbar', (e) => e.scrollWidth - e.clientWidth)).toBe(0);
    await s.shot(page, 'county-en');
    await page.click('text=Sign out');
    await page.waitForURL(`${s.base}/login`);
    expect(await page.evaluate(() => localStorage.getItem('fq.token'))).toBeNull();
    await page.close();
  });

  it('works on a phone: the tree is a drawer', async () => {
    const page = await s.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await login(page, s.base, 'demo-grid');
    await page.waitForSelector('.map[data-map-ready=true]');
    expect(await page.isVisible('.menu-button')).toBe(true);
    // The tree is a closed drawer, off the screen to the left, until the menu button opens it.
    expect(await page.$eval('.sidebar', (e) => e.getBoundingClientRect().right)).toBeLessThanOrEqual(0);
    // Nothing is wider than the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await s.shot(page, 'mobile-grid');
    await page.click('.menu-button');
    await page.waitForTimeout(300);
    expect(await page.$eval('.sidebar', (e) => e.getBoundingClientRect().left)).toBe(0);
    await s.shot(page, 'mobile-drawer');
    expect(await page.textContent('.sidebar')).toContain('网格');
    await page.close();

    // A township on a phone: the map stacks under the facts, and the children list still fits.
    const phone = await s.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await login(phone, s.base, 'demo-ganzhou');
    await phone.waitForURL(`${s.base}/areas/620702`);
    await phone.click('.table.children tbody tr a');
    await phone.waitForSelector('.breadcrumbs a');
    await phone.waitForSelector('.map[data-map-ready=true]');
    const facts = (await phone.locator('.card.facts').boundingBox())!;
    const map = (await phone.locator('.map-card').boundingBox())!;
    expect(map.y).toBeGreaterThanOrEqual(facts.y + facts.height);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await s.shot(phone, 'mobile-township');
    await phone.close();
  });
});
