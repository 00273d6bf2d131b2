import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../helpers/harness.js';
import { startBrowserSession } from './browser.js';

describe(`browser: a resident tracks and rates an event without an account (${backend})`, () => {
  let s: Awaited<ReturnType<typeof startBrowserSession>>;
  beforeAll(async () => {
    s = await startBrowserSession();
  });
  afterAll(() => s?.close());

  it('shows the public timeline with no personal data and takes one rating', async () => {
    const op = await s.t.login('demo-ganzhou');
    const g = await s.t.runtime.database.db.selectFrom('area').select(['center_lng', 'center_lat']).where('code', 'like', '620702001%').where('level', '=', 'grid').orderBy('code').limit(1).executeTakeFirstOrThrow();
    const e = (await s.t.api('POST', '/api/events', { token: op, body: { categoryCode: '0403', description: '小区垃圾多日未清运', location: { lng: g.center_lng, lat: g.center_lat }, reporter: { name: '赵女士', phone: '13911112222' } } })).body;
    const handler = await s.t.login('demo-handler');
    for (const [action, token] of [['accept', op], ['dispatch', op], ['start', handler], ['feedback', handler], ['verify', op], ['close', op]] as const) {
      expect((await s.t.api('POST', `/api/events/${e.id}/transitions`, { token, body: { action } })).status).toBe(200);
    }
    const page = await s.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await page.goto(`${s.base}/track/${e.trackingCode}`);
    await expect.poll(() => page.textContent('[data-testid=track-status]')).toBe('已办结');
    const text = await page.textContent('body');
    expect(text).toContain(e.number);
    expect(text).toContain('已派遣至承办单位');
    expect(text).not.toContain('赵女士');
    expect(text).not.toContain('13911112222');
    await s.shot(page, 'track-closed');
    await page.click('text=满意');
    await expect.poll(() => page.textContent('[role=status]')).toBe('感谢您的评价');
    await expect.poll(() => page.textContent('[data-testid=track-status]')).toBe('已评价');
    await s.shot(page, 'track-rated');
    expect((await s.t.api('GET', `/api/events/${e.id}`, { token: op })).body.rating).toBe('satisfied');
    await page.close();
  });
});
