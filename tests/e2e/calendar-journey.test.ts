import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedOfficialCalendar } from '../../src/modules/calendar/official-dataset.js';
import { backend } from '../helpers/harness.js';
import { clickNav, login, startBrowserSession } from './browser.js';

describe(`browser: an administrator edits the working-day calendar (${backend})`, () => {
  let s: Awaited<ReturnType<typeof startBrowserSession>>;
  beforeAll(async () => {
    // Saturday 28 Nov 2026, with the dataset as released without 2027: the warning is due.
    s = await startBrowserSession({
      now: '2026-11-28T02:00:00Z',
      officialCalendar: shippedOfficialCalendar().upTo(2026),
    });
  });
  afterAll(() => s?.close());

  const goToYear = async (page: Page, target: number) => {
    for (let i = 0; i < 5 && (await page.textContent('[data-testid=calendar-year]')) !== String(target); i++) {
      const y = Number(await page.textContent('[data-testid=calendar-year]'));
      await page.click(`[aria-label="${y > target ? '上一年' : '下一年'}"]`);
    }
  };

  it('shows the year with holidays and make-up days, makes a Monday a holiday and clears it again', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, s.base, 'demo-city');
    await clickNav(page, '工作日历');
    await page.waitForURL(`${s.base}/admin/calendar`);
    await page.waitForSelector('[data-testid=working-days]');
    // The page opens on the current year in Shanghai; show 2026 whatever the machine's date.
    await goToYear(page, 2026);
    await expect.poll(() => page.textContent('[data-testid=working-days]')).toBe('全年工作日 248 天');
    expect(await page.getAttribute('[data-date="2026-10-01"]', 'class')).toContain('holiday');
    expect(await page.getAttribute('[data-date="2026-10-01"]', 'title')).toBe('2026-10-01 · 国庆节 · 国务院安排');
    expect(await page.getAttribute('[data-date="2026-10-01"]', 'data-source')).toBe('official');
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
    expect(await page.getAttribute('[data-date="2026-12-07"]', 'class')).toContain('override');
    expect(await page.getAttribute('[data-date="2026-12-07"]', 'title')).toBe(
      '2026-12-07 · 临时休假 · 本地调整(国务院安排中为普通日期)',
    );
    expect(
      await s.t.runtime.database.db
        .selectFrom('calendar_day')
        .select(['kind', 'name'])
        .where('day', '=', '2026-12-07')
        .executeTakeFirst(),
    ).toEqual({ kind: 'holiday', name: '临时休假' });
    await s.shot(page, 'calendar-edited');

    await page.click('.cal-editor >> text=按国务院安排');
    await page.click('.cal-editor >> text=保存');
    await expect.poll(() => page.textContent('[data-testid=working-days]')).toBe('全年工作日 248 天');
    expect(await page.getAttribute('[data-date="2026-12-07"]', 'class')).not.toContain('holiday');
    await page.close();
  });

  it('cancels an official make-up day with an override, and removes it to fall back to the dataset', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, s.base, 'demo-city');
    await page.waitForSelector('.mainnav a');
    await page.goto(`${s.base}/admin/calendar`);
    await page.waitForSelector('[data-testid=working-days]');
    await goToYear(page, 2026);
    await expect.poll(() => page.getAttribute('[data-date="2026-10-10"]', 'class')).toContain('workday');
    await page.click('[data-date="2026-10-10"]');
    expect(await page.textContent('[data-testid=cal-editor-title]')).toBe('2026-10-10 · 国庆节调休上班 · 国务院安排');
    expect(await page.isChecked('.cal-editor input[type=radio] >> nth=0')).toBe(true); // suggests a holiday
    await page.fill('.cal-editor input[aria-label^="名称"]', '取消调休');
    await page.click('.cal-editor >> text=保存');
    await expect.poll(() => page.getAttribute('[data-date="2026-10-10"]', 'class')).toContain('holiday override');
    await expect
      .poll(() => page.textContent('[data-testid=cal-editor-title]'))
      .toBe('2026-10-10 · 取消调休 · 本地调整(国务院安排为 国庆节调休上班)');
    expect(await page.textContent('[data-testid=working-days]')).toBe('全年工作日 247 天');
    await page.locator('[data-date="2026-10-10"]').scrollIntoViewIfNeeded();
    await s.shot(page, 'calendar-override');
    await page.click('.cal-editor >> text=按国务院安排');
    await page.click('.cal-editor >> text=保存');
    await expect.poll(() => page.getAttribute('[data-date="2026-10-10"]', 'data-source')).toBe('official');
    expect(await page.getAttribute('[data-date="2026-10-10"]', 'class')).toContain('workday');
    expect(await page.textContent('[data-testid=working-days]')).toBe('全年工作日 248 天');
    await page.close();
  });

  it('warns the administrator on the dashboard that 2027 is missing, until they enter 元旦 2027', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, s.base, 'demo-city');
    await page.waitForSelector('.mainnav a');
    await page.goto(`${s.base}/dashboard/620700`);
    const banner = page.locator('[data-testid=calendar-warning]');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('2027 年的节假日安排尚未收录');
    expect(await banner.textContent()).toContain('收录至 2026 年');
    await s.shot(page, 'calendar-warning-dashboard');
    await page.click('header >> text=English');
    await expect.poll(() => banner.textContent()).toContain('The holidays of 2027 are not loaded yet');
    await s.shot(page, 'calendar-warning-dashboard-en');
    await page.click('header >> text=中文');
    await expect.poll(() => banner.textContent()).toContain('尚未收录');
    await banner.locator('a').click();
    await page.waitForURL(`${s.base}/admin/calendar`);
    await page.waitForSelector('[data-testid=working-days]');
    await goToYear(page, 2027);
    await page.waitForSelector('[data-testid=calendar-year-missing]');
    expect(await page.textContent('[data-testid=calendar-year-missing]')).toContain('尚未收录 2027 年');
    await page.click('[data-date="2027-01-01"]');
    await page.fill('.cal-editor input[aria-label^="名称"]', '元旦');
    await page.click('.cal-editor >> text=保存');
    await expect.poll(() => page.getAttribute('[data-date="2027-01-01"]', 'class')).toContain('holiday override');
    await s.shot(page, 'calendar-2027-entered');
    await page.goto(`${s.base}/dashboard/620700`);
    await page.waitForSelector('[data-testid=dashboard]');
    await page.waitForSelector('[data-testid=kpi-today]');
    expect(await page.locator('[data-testid=calendar-warning]').count()).toBe(0);
    // Back to the state without 2027 for the next test.
    const token = await s.t.login('demo-city');
    await s.t.api('PUT', '/api/calendar/2027-01-01', { token, body: { kind: null } });
    await page.close();
  });

  it('is not offered to an operator', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, s.base, 'demo-ganzhou');
    await page.waitForSelector('.mainnav a');
    expect(await page.locator('nav >> text=工作日历').count()).toBe(0);
    await page.goto(`${s.base}/admin/calendar`);
    await expect.poll(() => page.textContent('main')).toContain('未找到');
    // Nor is the missing year's warning, which they could not act on.
    await page.goto(`${s.base}/dashboard/620702`);
    await page.waitForSelector('[data-testid=kpi-today]');
    expect((await s.t.api('GET', '/api/health')).body.detail.calendar.warning).toBe('next-year-missing');
    expect(await page.locator('[data-testid=calendar-warning]').count()).toBe(0);
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
