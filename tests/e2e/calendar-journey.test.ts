import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../helpers/harness.js';
import { clickNav, login, startBrowserSession } from './browser.js';

describe(`browser: an administrator edits the working-day calendar (${backend})`, () => {
  let s: Awaited<ReturnType<typeof startBrowserSession>>;
  beforeAll(async () => {
    s = await startBrowserSession();
  });
  afterAll(() => s?.close());

  it('shows the year with holidays and make-up days, makes a Monday a holiday and clears it again', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, s.base, 'demo-city');
    await clickNav(page, '工作日历');
    await page.waitForURL(`${s.base}/admin/calendar`);
    await page.waitForSelector('[data-testid=working-days]');
    // The page opens on the current year in Shanghai; show 2026 whatever the machine's date.
    for (let i = 0; i < 5 && (await page.textContent('[data-testid=calendar-year]')) !== '2026'; i++) {
      const y = Number(await page.textContent('[data-testid=calendar-year]'));
      await page.click(`[aria-label="${y > 2026 ? '上一年' : '下一年'}"]`);
    }
    await expect.poll(() => page.textContent('[data-testid=working-days]')).toBe('全年工作日 248 天');
    expect(await page.getAttribute('[data-date="2026-10-01"]', 'class')).toContain('holiday');
    expect(await page.getAttribute('[data-date="2026-10-01"]', 'title')).toContain('国庆节');
    expect(await page.getAttribute('[data-date="2026-02-14"]', 'class')).toContain('workday');
    expect(await page.getAttribute('[data-date="2026-11-28"]', 'class')).toContain('weekend');
    await s.shot(page, 'calendar-year');

    await page.click('[data-date="2026-12-07"]');
    await page.waitForSelector('.cal-editor');
    expect(await page.isChecked('.cal-editor input[type=radio] >> nth=0')).toBe(true); // a weekday suggests a holiday
    await page.fill('.cal-editor input[aria-label^="名称"]', '临时休假');
    await page.click('.cal-editor >> text=保存');
    await page.waitForSelector('.cal-editor [role=status]');
    await expect.poll(() => page.getAttribute('[data-date="2026-12-07"]', 'class')).toContain('holiday');
    await expect.poll(() => page.textContent('[data-testid=working-days]')).toBe('全年工作日 247 天');
    expect(
      await s.t.runtime.database.db
        .selectFrom('calendar_day')
        .select(['kind', 'name'])
        .where('day', '=', '2026-12-07')
        .executeTakeFirst(),
    ).toEqual({ kind: 'holiday', name: '临时休假' });
    await s.shot(page, 'calendar-edited');

    await page.click('.cal-editor >> text=按周末规则');
    await page.click('.cal-editor >> text=保存');
    await expect.poll(() => page.textContent('[data-testid=working-days]')).toBe('全年工作日 248 天');
    expect(await page.getAttribute('[data-date="2026-12-07"]', 'class')).not.toContain('holiday');
    await page.close();
  });

  it('is not offered to an operator', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, s.base, 'demo-ganzhou');
    await page.waitForSelector('.mainnav a');
    expect(await page.locator('nav >> text=工作日历').count()).toBe(0);
    await page.goto(`${s.base}/admin/calendar`);
    await expect.poll(() => page.textContent('main')).toContain('未找到');
    await page.close();
  });

  it('fits the link into the top bar of a wide screen', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1600, height: 700 } });
    await login(page, s.base, 'demo-city');
    await clickNav(page, '工作日历');
    await page.waitForSelector('[data-testid=working-days]');
    const nav = (await page.locator('.mainnav').boundingBox())!;
    const search = (await page.locator('.topsearch').boundingBox())!;
    expect(nav.x + nav.width).toBeLessThanOrEqual(search.x);
    await s.shot(page, 'calendar-wide');
    await page.close();
  });
});
