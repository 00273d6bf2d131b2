import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../helpers/harness.js';
import { clickNav, login, startBrowserSession } from './browser.js';

// A 1×1 PNG: the grid worker's photo of the scene.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe(`browser: a dispute runs out of time in the village and lands at the township justice office (${backend})`, {
  timeout: 180_000,
}, () => {
  let s: Awaited<ReturnType<typeof startBrowserSession>>;
  beforeAll(async () => {
    // Monday 2026-11-30 10:00 in Shanghai; the sweeper runs only when the test says so.
    s = await startBrowserSession({ now: '2026-11-30T02:00:00Z', env: { SWEEP_INTERVAL_SECONDS: '0' } });
  });
  afterAll(() => s?.close());

  it('grid worker reports it by phone with location and photo; two level deadlines pass; the justice office sees it in its inbox, its cases and the steps', async () => {
    const db = s.t.runtime.database.db;
    const worker = await db
      .selectFrom('app_user')
      .select('scope_code')
      .where('username', '=', 'demo-grid')
      .executeTakeFirstOrThrow();
    const grid = await db
      .selectFrom('area')
      .select(['center_lng', 'center_lat'])
      .where('code', '=', worker.scope_code)
      .executeTakeFirstOrThrow();

    // 1. The grid worker, on a phone at the scene, reports a neighbours' dispute (0102).
    const ctx = await s.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      geolocation: { longitude: grid.center_lng!, latitude: grid.center_lat! },
      permissions: ['geolocation'],
    });
    const phone = await ctx.newPage();
    await login(phone, s.base, 'demo-grid');
    await phone.waitForURL(/\/areas\//);
    await phone.goto(`${s.base}/events/new?channel=grid`);
    await phone.waitForSelector('form[data-channel=grid]');
    await phone.waitForSelector('select[name=categoryCode-main] option[value="01"]', { state: 'attached' });
    await phone.selectOption('select[name=categoryCode-main]', '01');
    await phone.selectOption('select[name=categoryCode]', '0102');
    await phone.fill('textarea[name=description]', '两户因宅基地边界砌墙发生争执');
    await phone.click('text=使用我的位置');
    await expect.poll(() => phone.textContent('.point-map .map-note')).toMatch(/^\d+\.\d+, \d+\.\d+$/);
    await phone.setInputFiles('input[name=photo]', { name: 'scene.png', mimeType: 'image/png', buffer: PNG });
    await s.shot(phone, 'intake-grid-phone');
    await phone.click('button[type=submit]');
    const number = (await phone.locator('[data-testid=created-number]').textContent())!;
    await s.shot(phone, 'intake-grid-created');
    const e = await db.selectFrom('event').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
    expect(e.grid_code).toBe(worker.scope_code);
    await phone.click('text=查看事件');
    await expect.poll(() => phone.textContent('[data-testid=attachments]')).toContain('scene.png');
    expect(await phone.textContent('[data-testid=event-timeline] li.tl-report')).toContain('scene.png');
    await expect.poll(() => phone.textContent('[data-testid=mediation-current]')).toContain('网格员/社调解');
    await s.shot(phone, 'event-grid-phone');
    await ctx.close();

    // 2. Nobody resolves it: 1 working day at the grid level, then 2 at the village committee.
    const levelDue = async () =>
      (
        await db
          .selectFrom('mediation_case')
          .select('level_due_at')
          .where('event_id', '=', e.id)
          .executeTakeFirstOrThrow()
      ).level_due_at!;
    const gridDue = await levelDue();
    expect(gridDue.toISOString()).toMatch(/^2026-12-01/);
    s.t.clock.set(new Date(gridDue.getTime() + 60_000));
    await s.t.runtime.sweep();
    const villageDue = await levelDue();
    expect(villageDue.getTime() - gridDue.getTime()).toBeGreaterThanOrEqual(2 * 86_400_000 - 120_000);
    s.t.clock.set(new Date(villageDue.getTime() + 60_000));
    await s.t.runtime.sweep();
    const c = await db
      .selectFrom('mediation_case')
      .select(['level_key', 'status'])
      .where('event_id', '=', e.id)
      .executeTakeFirstOrThrow();
    expect(c).toEqual({ level_key: 'justice_office', status: 'open' });

    // 3. The township justice office's handler sees it in the inbox, the case list and the event's history.
    const page = await s.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, s.base, 'demo-handler');
    await page.waitForURL(/\/areas\//);
    await expect.poll(() => page.locator('[data-testid=unread-count]:visible').count()).toBe(1);
    await clickNav(page, '消息待办');
    await page.waitForSelector('[data-testid=inbox]');
    const inbox = (await page.textContent('[data-testid=inbox]'))!;
    expect(inbox).toContain(number);
    await s.shot(page, 'inbox-handler');

    await clickNav(page, '矛盾调解');
    await page.waitForSelector('[data-testid=mediation-cases]');
    const cases = (await page.textContent('[data-testid=mediation-cases]'))!;
    expect(cases).toContain(number);
    expect(cases).toContain('乡镇司法所');
    await s.shot(page, 'mediation-cases');

    await page.goto(`${s.base}/inbox`);
    await page.click(`[data-testid=inbox] li:has-text("${number}") .inbox-item`);
    await page.waitForURL(`${s.base}/events/${e.id}`);
    // Opening it from the inbox read it: the badge goes.
    await expect.poll(() => page.locator('[data-testid=unread-count]:visible').count()).toBe(0);
    await expect.poll(() => page.textContent('[data-testid=mediation-current]')).toContain('乡镇司法所');
    const steps = await page.locator('[data-testid=mediation-steps] li').allTextContents();
    expect(steps).toHaveLength(3);
    expect(steps[0]).toContain('网格员/社调解');
    expect(steps[0]).toContain('超时升级');
    expect(steps[1]).toContain('村调委会');
    expect(steps[1]).toContain('超时升级');
    expect(steps[2]).toContain('乡镇司法所');
    expect(steps[2]).toContain('进行中');
    expect(await page.textContent('[data-testid=event-timeline]')).toContain('调解升级');
    await s.shot(page, 'mediation-justice-office');

    // 4. The justice office settles it with an agreement; the funnel counts it at its level.
    await page.fill('input[name=outcome]', '双方同意按原界址砌墙,费用各半');
    await page.fill('textarea[name=agreement]', '一、按1998年界址图砌墙;二、费用双方各承担一半。');
    await page.click('[data-testid=mediation] button:text-is("调解成功")');
    await expect.poll(() => page.textContent('[data-testid=mediation-status]')).toBe('调解成功');
    await s.shot(page, 'mediation-resolved');
    await page.goto(`${s.base}/mediation`);
    await expect.poll(() => page.textContent('[data-testid=funnel]')).toContain('乡镇司法所');
    await s.shot(page, 'mediation-funnel');
    await page.close();
  });
});
