import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../helpers/harness.js';
import { login, startBrowserSession } from './browser.js';

describe(`browser: an operator and a handler take an event through the loop (${backend})`, () => {
  let s: Awaited<ReturnType<typeof startBrowserSession>>;
  beforeAll(async () => {
    s = await startBrowserSession();
  });
  afterAll(() => s?.close());

  const press = async (page: Page, label: string, expected: string) => {
    await page.click(`.actions button:text-is("${label}")`);
    await expect.poll(() => page.textContent('[data-testid=event-status]')).toBe(expected);
  };

  it('accepts, dispatches, handles, verifies and closes; a reason is required to reject', async () => {
    const op = await s.t.login('demo-ganzhou');
    const g = await s.t.runtime.database.db.selectFrom('area').select(['center_lng', 'center_lat']).where('code', 'like', '620702001%').where('level', '=', 'grid').orderBy('code').limit(1).executeTakeFirstOrThrow();
    const e = (await s.t.api('POST', '/api/events', { token: op, body: { categoryCode: '0102', description: '楼上邻居深夜噪音扰民', location: { lng: g.center_lng, lat: g.center_lat } } })).body;

    const page = await s.browser.newPage({ viewport: { width: 1280, height: 860 } });
    await login(page, s.base, 'demo-ganzhou');
    await page.waitForURL(/\/areas\/620702$/);
    await page.click('a[href="/events"]:visible');
    await page.click(`a[href="/events/${e.id}"]`);
    await expect.poll(() => page.textContent('[data-testid=event-status]')).toBe('已上报');
    await page.click('.actions button:text-is("不予受理")');
    await expect.poll(() => page.textContent('.field-error')).toBe('请填写原因');
    await press(page, '受理', '已受理');
    await press(page, '派遣', '已派遣');
    await s.shot(page, 'event-dispatched');
    await page.click('text=退出');
    await page.waitForURL(`${s.base}/login`);

    await login(page, s.base, 'demo-handler');
    await page.waitForURL(/\/areas\//);
    await page.goto(`${s.base}/events/${e.id}`);
    await press(page, '开始处置', '处置中');
    await press(page, '反馈', '已反馈');
    await page.click('text=退出');
    await page.waitForURL(`${s.base}/login`);

    await login(page, s.base, 'demo-ganzhou');
    await page.waitForURL(/\/areas\/620702$/);
    await page.goto(`${s.base}/events/${e.id}`);
    await press(page, '核查通过', '已核查');
    await press(page, '结案', '已办结');
    const timeline = await page.textContent('.timeline');
    for (const step of ['上报', '受理', '派遣', '开始处置', '反馈', '核查通过', '结案']) expect(timeline).toContain(step);
    await s.shot(page, 'event-closed');
    await page.close();
  });
});
