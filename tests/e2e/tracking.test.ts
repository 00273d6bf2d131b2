import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../helpers/harness.js';
import { startBrowserSession } from './browser.js';

describe(`browser: a resident reports, tracks and rates an event without an account (${backend})`, {
  timeout: 180_000,
}, () => {
  let s: Awaited<ReturnType<typeof startBrowserSession>>;
  beforeAll(async () => {
    // Two public reports per phone a day, so the third shows the throttle.
    s = await startBrowserSession({ env: { PUBLIC_REPORTS_PER_PHONE_PER_DAY: '2' } });
  });
  afterAll(() => s?.close());

  it('reports on /report with a map point, gets a tracking code, follows it on /track, and is told nicely when reporting too often', async () => {
    const page = await s.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    // The door for residents is linked from the sign-in page.
    await page.goto(`${s.base}/login`);
    await page.click('text=群众反映问题');
    await page.waitForURL(`${s.base}/report`);
    await page.waitForSelector('select[name=categoryCode-main] option[value="04"]', { state: 'attached' });
    await page.selectOption('select[name=categoryCode-main]', '04');
    await page.selectOption('select[name=categoryCode]', '0403');
    await page.fill('textarea[name=description]', '小区门口垃圾堆放多日无人清运');
    await page.waitForSelector('[data-testid=point-map][data-map-ready=true]');
    // The map opens over 甘州区; its centre is inside a grid.
    const box = (await page.locator('[data-testid=point-map]').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.textContent('.point-map .map-note')).toMatch(/^\d+\.\d+, \d+\.\d+$/);
    await page.fill('input[name=name]', '钱先生');
    await page.fill('input[name=phone]', '13700001111');
    await s.shot(page, 'report-form');
    await page.click('button[type=submit]');
    const code = (await page.locator('[data-testid=tracking-code]').textContent())!;
    expect(code).toMatch(/^[A-Z0-9]{6,16}$/);
    await s.shot(page, 'report-sent');

    await page.click('text=查看办理进度');
    await page.waitForURL(`${s.base}/track/${code}`);
    await expect.poll(() => page.textContent('[data-testid=track-status]')).toBe('已上报');
    const text = await page.textContent('body');
    expect(text).not.toContain('钱先生');
    expect(text).not.toContain('13700001111');

    // The same phone again: the second report passes, the third is throttled with a clear message.
    for (const round of [1, 2]) {
      await page.goto(`${s.base}/report`);
      await page.waitForSelector('select[name=categoryCode-main] option[value="04"]', { state: 'attached' });
      await page.selectOption('select[name=categoryCode-main]', '04');
      await page.selectOption('select[name=categoryCode]', '0403');
      await page.fill('textarea[name=description]', `路灯不亮,夜间行走不便(第${round}次)`);
      const h = await s.t.runtime.database.db
        .selectFrom('house')
        .select('address')
        .where('grid_code', 'like', '620702%')
        .where('lng', 'is not', null)
        .orderBy('id')
        .limit(1)
        .executeTakeFirstOrThrow();
      await page.fill('input[name=address]', h.address);
      await page.fill('input[name=phone]', '13700001111');
      await page.click('button[type=submit]');
      if (round === 1) await page.waitForSelector('[data-testid=tracking-code]');
    }
    await page.waitForSelector('[data-testid=rate-limited]');
    expect(await page.textContent('[data-testid=rate-limited]')).toContain('提交过于频繁');
    await s.shot(page, 'report-rate-limited');
    await page.close();
  });

  it('shows the public timeline with no personal data and takes one rating', async () => {
    const op = await s.t.login('demo-ganzhou');
    const db = s.t.runtime.database.db;
    // The event lies in the demo handler's township, so its justice office can take it.
    const { unit_id: unitId, scope_code: township } = await db
      .selectFrom('app_user')
      .select(['unit_id', 'scope_code'])
      .where('username', '=', 'demo-handler')
      .executeTakeFirstOrThrow();
    const g = await db
      .selectFrom('area')
      .select(['center_lng', 'center_lat'])
      .where('code', 'like', `${township}%`)
      .where('level', '=', 'grid')
      .orderBy('code')
      .limit(1)
      .executeTakeFirstOrThrow();
    const e = (
      await s.t.api('POST', '/api/events', {
        token: op,
        body: {
          categoryCode: '0403',
          description: '小区垃圾多日未清运',
          location: { lng: g.center_lng, lat: g.center_lat },
          reporter: { name: '赵女士', phone: '13911112222' },
        },
      })
    ).body;
    const handler = await s.t.login('demo-handler');
    for (const [action, token] of [
      ['accept', op],
      ['dispatch', op],
      ['start', handler],
      ['feedback', handler],
      ['verify', op],
      ['close', op],
    ] as const) {
      const body = action === 'dispatch' ? { action, unitId } : { action };
      expect((await s.t.api('POST', `/api/events/${e.id}/transitions`, { token, body })).status).toBe(200);
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
  it("shows a merged duplicate's resident the surviving event's number and status, never its tracking code", async () => {
    const op = await s.t.login('demo-ganzhou');
    const g = await s.t.runtime.database.db
      .selectFrom('area')
      .select(['center_lng', 'center_lat'])
      .where('code', 'like', '620702001%')
      .where('level', '=', 'grid')
      .orderBy('code')
      .limit(1)
      .executeTakeFirstOrThrow();
    const report = async (description: string) =>
      (
        await s.t.api('POST', '/api/events', {
          token: op,
          body: { categoryCode: '0402', description, location: { lng: g.center_lng, lat: g.center_lat } },
        })
      ).body as { id: string; number: string; trackingCode: string };
    const original = await report('小区路灯不亮');
    const dup = await report('门口路灯坏了');
    const merged = await s.t.api('POST', `/api/events/${dup.id}/merge`, {
      token: op,
      body: { intoId: original.id, note: '同一路灯' },
    });
    expect(merged.status).toBe(200);
    const page = await s.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await page.goto(`${s.base}/track/${dup.trackingCode}`);
    await expect.poll(() => page.textContent('[data-testid=track-merged]')).toContain(original.number);
    expect(await page.textContent('[data-testid=track-merged]')).toContain('已上报');
    expect(await page.content()).not.toContain(original.trackingCode);
    expect(await page.locator('.rate').count()).toBe(0);
    await s.shot(page, 'track-merged');
    await page.close();
  });
  it('shows the grid outlines on the public report map, from the platform alone (no internet tiles)', async () => {
    const page = await s.browser.newPage({ viewport: { width: 375, height: 760 }, isMobile: true, hasTouch: true });
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(s.base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
        foreign.push(r.url());
    });
    await page.goto(`${s.base}/report`);
    await page.waitForSelector('[data-testid=point-map][data-map-ready=true]');
    // The opening view asks for the grids in its box.
    await expect
      .poll(async () => Number(await page.getAttribute('[data-testid=point-map]', 'data-outlines')))
      .toBeGreaterThan(0);
    // The outlines are drawn: zoomed in, the map shows grid lines under the tap.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    const box = (await page.locator('[data-testid=point-map]').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.textContent('.point-map .map-note')).toMatch(/^\d+\.\d+, \d+\.\d+$/);
    for (let i = 0; i < 3; i++) {
      await page.click('.point-map .maplibregl-ctrl-zoom-in');
      await page.waitForTimeout(400);
    }
    const lines = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=point-map] canvas');
      return canvas ? canvas.width : 0;
    });
    expect(lines).toBeGreaterThan(0);
    // Zoomed in, it draws the grids in view: as many as the API answers for the view's box. The box and the count
    // are read together, since a zoom still settling moves the box again after a first answer.
    const drawn = () =>
      page.evaluate(() => {
        const m = document.querySelector('[data-testid=point-map]')!;
        return { bbox: m.getAttribute('data-outline-bbox'), outlines: Number(m.getAttribute('data-outlines')) };
      });
    let answered = 0;
    await expect
      .poll(async () => {
        const now = await drawn();
        if (!now.bbox || !/^[\d.]+,[\d.]+,[\d.]+,[\d.]+$/.test(now.bbox)) return 'no box yet';
        const r = await s.t.api('GET', `/api/public/grid-outlines?bbox=${now.bbox}`);
        expect(r.status).toBe(200);
        expect(Object.keys(r.body.features[0]?.properties ?? {}).sort()).toEqual(['code', 'name']);
        answered = r.body.features.length;
        return answered === now.outlines ? 'same' : `${now.bbox}: drew ${now.outlines}, API ${answered}`;
      })
      .toBe('same');
    expect(answered).toBeGreaterThan(0);
    await s.shot(page, 'report-grid-outlines');
    // Public: no account, and nothing fetched from outside the platform.
    expect(foreign).toEqual([]);
    // The box is bounded: a whole-province box is refused with a field message, a missing one too.
    const wide = await s.t.api('GET', '/api/public/grid-outlines?bbox=97,37,103,41');
    expect(wide.status).toBe(400);
    expect(JSON.stringify(wide.body)).toContain('bbox');
    expect((await s.t.api('GET', '/api/public/grid-outlines')).status).toBe(400);
    await page.close();
  });
});
