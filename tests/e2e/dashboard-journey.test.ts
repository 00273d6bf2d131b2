import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoEvents } from '../../src/seed/demo-events.js';
import { backend } from '../helpers/harness.js';
import { clickNav, login, SHOTS, startBrowserSession } from './browser.js';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

describe(`browser: the command dashboard, drilled from the city to a township (${backend})`, () => {
  let s: Awaited<ReturnType<typeof startBrowserSession>>;
  let township: string;
  beforeAll(async () => {
    s = await startBrowserSession({ now: '2026-11-27T03:00:00Z' });
    const rt = s.t.runtime;
    await seedDemoEvents(
      rt.database.db,
      { clock: s.t.clock, cipher: rt.cipher, audit: rt.services.audit, calendar: rt.services.calendar.calendar },
      s.t.config.demoSeed,
      { events: 2000 },
    );
    await rt.rollup();
    const r = await sql<{
      code: string;
    }>`select substr(grid_code, 1, 9) as code from event where grid_code like '620702%' group by 1 order by count(*) desc, 1 limit 1`.execute(
      rt.database.db,
    );
    township = r.rows[0]!.code;
  }, 240_000);
  afterAll(() => s?.close());

  /** The figures on screen are the API's figures for the same area. */
  const expectScreenMatchesApi = async (page: Page, code: string) => {
    await expect.poll(() => page.getAttribute('[data-testid=dashboard]', 'data-testid')).toBe('dashboard');
    const token = await s.t.login('demo-city');
    const d = (await s.t.api('GET', `/api/dashboard/${code}?period=month&trendDays=30`, { token })).body;
    await expect.poll(() => page.textContent('[data-testid=db-area]')).toBe(d.area.name);
    const kpi = (k: string) => page.textContent(`[data-testid=kpi-${k}] b`);
    expect(await kpi('today')).toBe(String(d.received.today));
    expect(await kpi('week')).toBe(String(d.received.week));
    expect(await kpi('month')).toBe(String(d.received.month));
    expect(await kpi('open')).toBe(String(d.open.total));
    expect(await kpi('overdue')).toBe(String(d.open.overdue));
    expect(await kpi('onTime')).toBe(pct(d.rates.onTime.rate));
    expect(await kpi('satisfaction')).toBe(pct(d.rates.satisfaction.rate));
    const rows = await page.$$eval('[data-testid=db-children] tr.db-drill', (trs) =>
      trs.map((tr) => [
        tr.getAttribute('data-code'),
        tr.querySelector('[data-k=received]')!.textContent,
        tr.querySelector('[data-k=open]')!.textContent,
      ]),
    );
    expect(rows).toEqual(
      d.children.map((c: { code: string; received: number; open: number }) => [
        c.code,
        String(c.received),
        String(c.open),
      ]),
    );
    return d;
  };

  it('opens as demo-city, drills city → county → township by clicking, and shows the API numbers at each level', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1440, height: 1100 } });
    await login(page, s.base, 'demo-city');
    await page.waitForSelector('.mainnav');
    await clickNav(page, '指挥看板');
    await page.waitForURL(`${s.base}/dashboard/620700`);
    const city = await expectScreenMatchesApi(page, '620700');
    expect(city.received.month).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/dashboard-city.png`, fullPage: true });
    await page.click('[data-testid=db-children] tr[data-code="620702"]');
    await page.waitForURL(/\/dashboard\/620702\?/);
    await expectScreenMatchesApi(page, '620702');
    await page.click(`[data-testid=db-children] tr[data-code="${township}"]`);
    await page.waitForURL(new RegExp(`/dashboard/${township}\\?`));
    const d = await expectScreenMatchesApi(page, township);
    expect(d.path.map((p: { code: string }) => p.code)).toEqual(['620700', '620702', township]);
    expect(await page.textContent('[data-testid=db-lag]')).toContain('统计截至');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}/dashboard-township.png`, fullPage: true });

    // An export downloads the same table.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-children]')]);
    expect(download.suggestedFilename()).toMatch(/下级区域.*\.xlsx$/);
    await page.close();
  });

  it('has a dark 1920×1080 big-screen mode for the command hall that refreshes itself', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await login(page, s.base, 'demo-city');
    await page.waitForSelector('.mainnav');
    // A controlled clock: the screen's 30-second refresh is run forward instead of waited for.
    await page.clock.install();
    let fetches = 0;
    page.on('request', (r) => {
      if (r.url().includes('/api/dashboard/620702?')) fetches++;
    });
    await page.goto(`${s.base}/dashboard/620702?screen=big`);
    await page.waitForSelector('.db-big [data-testid=kpi-today]');
    expect(await page.$('.topbar')).toBeNull();
    const bg = await page.$eval('.db-big', (el) => getComputedStyle(el).backgroundImage);
    expect(bg).toContain('gradient');
    await expectScreenMatchesApi(page, '620702');
    await s.shot(page, 'dashboard-big-screen');
    const seen = fetches;
    await page.clock.runFor(31_000);
    await expect.poll(() => fetches).toBeGreaterThan(seen);
    await page.close();
  });
});
