import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../helpers/harness.js';
import { clickNav, login, startBrowserSession } from './browser.js';

// A 1×1 PNG for the upload on the event page.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe(`browser: the operator's work queue (${backend})`, { timeout: 180_000 }, () => {
  let s: Awaited<ReturnType<typeof startBrowserSession>>;
  beforeAll(async () => {
    s = await startBrowserSession({ now: '2026-11-30T02:00:00Z', env: { SWEEP_INTERVAL_SECONDS: '0' } });
  });
  afterAll(() => s?.close());

  it('filters by deadline colour and category, loads more with the cursor, and dispatches a selection in bulk to a chosen unit', async () => {
    const db = s.t.runtime.database.db;
    let op = await s.t.login('demo-ganzhou');
    const township = (
      await db
        .selectFrom('app_user')
        .select('scope_code')
        .where('username', '=', 'demo-handler')
        .executeTakeFirstOrThrow()
    ).scope_code;
    const grids = await db
      .selectFrom('area')
      .select(['center_lng', 'center_lat'])
      .where('code', 'like', `${township}%`)
      .where('level', '=', 'grid')
      .orderBy('code')
      .limit(60)
      .execute();
    const make = async (i: number, categoryCode: string) => {
      const g = grids[i % grids.length]!;
      const r = await s.t.api('POST', '/api/events', {
        token: op,
        body: {
          channel: 'hotline',
          categoryCode,
          description: `热线来电第${i + 1}件:路灯损坏`,
          location: { lng: g.center_lng, lat: g.center_lat },
        },
      });
      expect(r.status).toBe(201);
      return r.body as { id: string; number: string };
    };
    // Three safety hazards (0302, one working day) that will run late, then 52 requests about roads.
    const late = [];
    for (let i = 0; i < 3; i++) late.push(await make(i, '0302'));
    s.t.clock.set('2026-12-02T03:00:00Z');
    await s.t.runtime.sweep();
    op = await s.t.login('demo-ganzhou'); // two days on, the first session has expired
    const roads = [];
    for (let i = 3; i < 55; i++) roads.push(await make(i, '0402'));
    for (const e of roads.slice(-3))
      expect(
        (await s.t.api('POST', `/api/events/${e.id}/transitions`, { token: op, body: { action: 'accept' } })).status,
      ).toBe(200);

    const page = await s.browser.newPage({ viewport: { width: 1360, height: 900 } });
    await login(page, s.base, 'demo-ganzhou');
    await page.waitForURL(/\/areas\/620702$/);
    await page.goto(`${s.base}/events`);
    await expect.poll(() => page.locator('table.queue tbody tr').count()).toBe(50);
    await page.click('.more button');
    await expect.poll(() => page.locator('table.queue tbody tr').count()).toBe(55);

    await page.click('[data-deadline-filter=red]');
    await page.waitForURL(/deadline=red/);
    await expect.poll(() => page.locator('table.queue tbody tr').count()).toBe(3);
    for (const e of late)
      expect(await page.locator(`tr[data-event-id="${e.id}"]`).getAttribute('class')).toBe('deadline-red');
    await s.shot(page, 'queue-red');
    await page.click('text=清除筛选');
    await page.selectOption('select[name=areaCode]', township);
    await page.waitForURL(new RegExp(`areaCode=${township}`));
    await expect.poll(() => page.locator('table.queue tbody tr').count()).toBe(50);
    const other = township.slice(0, 6) + String(Number(township.slice(6)) + 1).padStart(3, '0');
    await page.selectOption('select[name=areaCode]', other);
    await page.waitForURL(new RegExp(`areaCode=${other}`));
    await expect.poll(() => page.textContent('.table-card')).toContain('暂无');
    await page.click('text=清除筛选');
    await page.selectOption('select[name="filter-category-main"]', '04');
    await page.waitForURL(/categoryCode=04/);
    await page.click('.more button');
    await expect.poll(() => page.locator('table.queue tbody tr').count()).toBe(52);

    // Bulk dispatch: the three accepted road requests go to the township's centre.
    await page.click('.tabs a:text-is("已受理")');
    await page.waitForURL(/status=accepted/);
    await expect.poll(() => page.locator('table.queue tbody tr').count()).toBe(3);
    await page.check('table.queue thead input[type=checkbox]');
    await expect.poll(() => page.textContent('[data-testid=bulk-bar]')).toContain('已选 3');
    const centre = await db
      .selectFrom('unit')
      .select(['id', 'name'])
      .where('area_code', '=', township)
      .where('kind', '=', 'centre')
      .executeTakeFirstOrThrow();
    await page.waitForSelector(`select[name=bulkUnitId] option[value="${centre.id}"]`, { state: 'attached' });
    await page.selectOption('select[name=bulkUnitId]', centre.id);
    await s.shot(page, 'queue-bulk-selected');
    await page.click('[data-testid=bulk-bar] button:text-is("批量派遣")');
    await expect.poll(() => page.textContent('[data-testid=bulk-bar]')).toContain('已派遣 3');
    await expect.poll(() => page.locator('table.queue tbody tr').count()).toBe(0);
    for (const e of roads.slice(-3)) {
      const row = await db
        .selectFrom('event')
        .select(['status', 'lead_unit_id'])
        .where('id', '=', e.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'dispatched', lead_unit_id: centre.id });
    }
    await page.close();
  });

  it('flags a duplicate on the event page, merges it into the original, and takes an attachment', async () => {
    const db = s.t.runtime.database.db;
    const op = await s.t.login('demo-ganzhou');
    const g = await db
      .selectFrom('area')
      .select(['center_lng', 'center_lat'])
      .where('code', 'like', '620702002%')
      .where('level', '=', 'grid')
      .orderBy('code')
      .limit(1)
      .executeTakeFirstOrThrow();
    const body = (d: string) => ({
      channel: 'hotline',
      categoryCode: '0401',
      description: d,
      location: { lng: g.center_lng, lat: g.center_lat },
    });
    const original = (await s.t.api('POST', '/api/events', { token: op, body: body('小区停水两天,无人通知') })).body;
    const dup = (await s.t.api('POST', '/api/events', { token: op, body: body('又一户反映小区停水') })).body;
    expect(dup.possibleDuplicateOf?.id).toBe(original.id);

    const page = await s.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, s.base, 'demo-ganzhou');
    await page.waitForURL(/\/areas\/620702$/);
    await page.goto(`${s.base}/events/${dup.id}`);
    await expect.poll(() => page.textContent('[data-testid=duplicate-notice]')).toContain(original.number);
    await page.setInputFiles('[data-testid=attachments] input[type=file]', {
      name: 'water.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await expect.poll(() => page.textContent('[data-testid=attachments]')).toContain('water.png');
    await s.shot(page, 'event-duplicate');
    await page.click('[data-testid=duplicate-notice] button:text-is("合并到该事件")');
    await page.fill('input[name=mergeNote]', '同一停水事件,并案办理');
    await page.click('[data-testid=duplicate-notice] button[type=submit]');
    await expect.poll(() => page.textContent('[data-testid=merged-into]')).toContain(original.number);
    expect(await page.textContent('[data-testid=event-status]')).toBe('已办结');
    await page.click('[data-testid=merged-into] a');
    await page.waitForURL(`${s.base}/events/${original.id}`);
    await expect.poll(() => page.textContent('[data-testid=event-timeline]')).toContain('同一停水事件');
    await s.shot(page, 'event-merged-original');
    await page.close();
  });

  it('takes a hotline call: the caller first, the place clicked on the map', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, s.base, 'demo-ganzhou');
    await page.waitForURL(/\/areas\/620702$/);
    await page.goto(`${s.base}/events`);
    await page.click('a[href="/events/new?channel=hotline"]');
    await page.waitForSelector('form[data-channel=hotline]');
    // On the hotline the caller's fields come before the category.
    const order = await page.$$eval('form[data-channel=hotline] input, form[data-channel=hotline] select', (els) =>
      els.map((e) => e.getAttribute('name')),
    );
    expect(order.indexOf('reporter.phone')).toBeLessThan(order.indexOf('categoryCode'));
    await page.fill('input[name="reporter.phone"]', '13900001234');
    await page.waitForSelector('select[name=categoryCode-main] option[value="06"]', { state: 'attached' });
    await page.selectOption('select[name=categoryCode-main]', '06');
    await page.selectOption('select[name=categoryCode]', '0601');
    await page.fill('textarea[name=description]', '独居老人家中水管爆裂,需上门维修');
    await page.waitForSelector('[data-testid=point-map][data-map-ready=true]');
    await page.waitForTimeout(300);
    const box = (await page.locator('[data-testid=point-map]').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=created-number]');
    await page.click('text=查看事件');
    await expect.poll(() => page.textContent('.facts')).toContain('热线电话');
    expect(await page.textContent('.facts')).toContain('139****1234');
    await s.shot(page, 'intake-hotline-event');
    await page.close();
  });
  it("opens a department handler's queue on their unit's events, with a switch to everything in scope; an operator still sees everything", async () => {
    const db = s.t.runtime.database.db;
    const handler = await db
      .selectFrom('app_user')
      .select(['unit_id', 'scope_code'])
      .where('username', '=', 'demo-handler')
      .executeTakeFirstOrThrow();
    const g = await db
      .selectFrom('area')
      .select(['center_lng', 'center_lat'])
      .where('code', 'like', `${handler.scope_code}%`)
      .where('level', '=', 'grid')
      .orderBy('code')
      .limit(1)
      .executeTakeFirstOrThrow();
    const op = await s.t.login('demo-ganzhou');
    const make = async (description: string) => {
      const r = await s.t.api('POST', '/api/events', {
        token: op,
        body: {
          channel: 'desk',
          categoryCode: '0102',
          description,
          location: { lng: g.center_lng, lat: g.center_lat },
        },
      });
      expect(r.status).toBe(201);
      return r.body as { id: string; number: string };
    };
    const ours = await make('邻里噪音纠纷,需司法所调解');
    const other = await make('楼道堆物,物业未处理');
    for (const [action, extra] of [
      ['accept', {}],
      ['dispatch', { unitId: handler.unit_id }],
    ] as const) {
      expect(
        (await s.t.api('POST', `/api/events/${ours.id}/transitions`, { token: op, body: { action, ...extra } })).status,
      ).toBe(200);
    }
    const handlerToken = await s.t.login('demo-handler');
    const all = (await s.t.api('GET', '/api/events?limit=200', { token: handlerToken })).body as {
      items: Array<{ id: string }>;
    };
    const mine = (await s.t.api('GET', '/api/events?limit=200&mine=true', { token: handlerToken })).body as {
      items: Array<{ id: string }>;
    };
    expect(mine.items.map((e) => e.id)).toContain(ours.id);
    expect(mine.items.map((e) => e.id)).not.toContain(other.id);
    expect(all.items.map((e) => e.id)).toContain(other.id);

    const page = await s.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, s.base, 'demo-handler');
    await page.waitForURL(/\/areas\//);
    await clickNav(page, '事件办理');
    await page.waitForURL(/\/events$/);
    // The switch says which events are shown; the queue holds the unit's event and not the other one.
    await expect
      .poll(() => page.getAttribute('[data-testid=queue-scope] button[data-scope=mine]', 'aria-pressed'))
      .toBe('true');
    await expect.poll(() => page.locator(`tr[data-event-id="${ours.id}"]`).count()).toBe(1);
    expect(await page.locator(`tr[data-event-id="${other.id}"]`).count()).toBe(0);
    await expect.poll(() => page.locator('table.queue tbody tr').count()).toBe(Math.min(mine.items.length, 50));
    await s.shot(page, 'queue-handler-mine');
    // Everything in scope, by mouse; the choice is in the URL, so it survives a reload.
    await page.click('[data-testid=queue-scope] button[data-scope=all]');
    await page.waitForURL(/mine=false/);
    // The first page of everything in scope, as the API orders it (events made at one instant order by id, so the
    // other event need not be on it).
    const firstPage = all.items.slice(0, 50).map((e) => e.id);
    const shown = () =>
      page.locator('table.queue tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-event-id')));
    await expect.poll(shown, { timeout: 15_000 }).toEqual(firstPage);
    expect(await page.getAttribute('[data-testid=queue-scope] button[data-scope=all]', 'aria-pressed')).toBe('true');
    await page.reload();
    await expect.poll(shown, { timeout: 15_000 }).toEqual(firstPage);
    await s.shot(page, 'queue-handler-all');
    // And back by keyboard.
    await page.focus('[data-testid=queue-scope] button[data-scope=mine]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(`tr[data-event-id="${other.id}"]`).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('mine')).toBeNull();
    await page.close();

    // The operator, who belongs to no unit, opens on everything and has the plain "my unit" filter, off.
    const opPage = await s.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(opPage, s.base, 'demo-ganzhou');
    await opPage.waitForURL(/\/areas\//);
    await clickNav(opPage, '事件办理');
    // The first page of everything in the operator's scope, as the API orders it: both events are in scope, but
    // events made at one instant order by id, so either need not be on the first page.
    const opFirst = (
      (await s.t.api('GET', '/api/events?limit=50', { token: op })).body as { items: Array<{ id: string }> }
    ).items.map((e) => e.id);
    const opShown = () =>
      opPage.locator('table.queue tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-event-id')));
    await expect.poll(opShown, { timeout: 15_000 }).toEqual(opFirst);
    expect(await opPage.locator('[data-testid=queue-scope]').count()).toBe(0);
    expect(await opPage.isChecked('input[name=mine]')).toBe(false);
    await opPage.close();
  });
});
