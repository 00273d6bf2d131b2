import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../helpers/harness.js';
import { clickNav, login, startBrowserSession } from './browser.js';

// A 1×1 PNG: the handler's photo of the result.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe(`browser: one door from the desk to the resident's rating (${backend})`, { timeout: 180_000 }, () => {
  let s: Awaited<ReturnType<typeof startBrowserSession>>;
  beforeAll(async () => {
    s = await startBrowserSession();
  });
  afterAll(() => s?.close());

  // A step's POST is awaited and must succeed, so a refused step fails here with the server's answer rather than as a
  // status that never changes.
  const press = async (page: Page, label: string, expected: string) => {
    const answer = page.waitForResponse((r) => r.request().method() === 'POST' && /\/transitions$/.test(r.url()));
    await page.click(`.actions button:text-is("${label}")`);
    const r = await answer;
    expect(r.status(), `${label}: ${await r.text()}`).toBeLessThan(300);
    await expect.poll(() => page.textContent('[data-testid=event-status]')).toBe(expected);
  };
  const logout = async (page: Page) => {
    await page.click('text=退出');
    await page.waitForURL(`${s.base}/login`);
  };

  it('records a dispute at the desk by address with parties; accepts, dispatches to the chosen unit, handles, verifies, closes; the resident rates it', async () => {
    const db = s.t.runtime.database.db;
    const handler = await db
      .selectFrom('app_user')
      .select(['unit_id', 'scope_code'])
      .where('username', '=', 'demo-handler')
      .executeTakeFirstOrThrow();
    const township = handler.scope_code;
    // A house of the handler's township whose address is unique, so the server's geocoding lands there.
    const house = await db
      .selectFrom('house')
      .select('address')
      .where('grid_code', 'like', `${township}%`)
      .where('lng', 'is not', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('house as h2')
              .select('h2.id')
              .whereRef('h2.address', '=', 'house.address')
              .whereRef('h2.id', '<>', 'house.id'),
          ),
        ),
      )
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();

    const page = await s.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, s.base, 'demo-ganzhou');
    await page.waitForURL(/\/areas\/620702$/);
    await clickNav(page, '事件办理');
    await page.click('a[href="/events/new?channel=desk"]');
    await page.waitForSelector('form[data-channel=desk]');
    await page.waitForSelector('select[name=categoryCode-main] option[value="01"]', { state: 'attached' });
    await page.selectOption('select[name=categoryCode-main]', '01');
    await page.selectOption('select[name=categoryCode]', '0102');
    await page.fill('textarea[name=description]', '楼上邻居深夜噪音扰民,多次协商未果');
    await page.fill('input[name="reporter.name"]', '王建国');
    await page.fill('input[name="reporter.phone"]', '13800138000');
    await page.click('text=添加当事人');
    await page.click('text=添加当事人');
    await page.fill('input[name="parties.0.name"]', '王建国');
    await page.fill('input[name="parties.0.phone"]', '13800138000');
    await page.fill('input[name="parties.1.name"]', '李明');
    await page.fill('input[name=address]', house.address);
    await s.shot(page, 'intake-desk');
    await page.click('button[type=submit]');
    const number = (await page.locator('[data-testid=created-number]').textContent())!;
    const code = (await page.locator('[data-testid=created-code]').textContent())!;
    expect(number).toMatch(/^SJ-620702-/);
    await s.shot(page, 'intake-created');

    await page.click('text=查看事件');
    await expect.poll(() => page.textContent('[data-testid=event-status]')).toBe('已上报');
    const parties = (await page.textContent('[data-testid=parties]'))!;
    expect(parties).toContain('申请人');
    expect(parties).not.toContain('王建国');
    expect(parties).not.toContain('13800138000');
    await page.click('.actions button:text-is("不予受理")');
    await expect.poll(() => page.textContent('.field-error')).toBe('请填写原因');
    await press(page, '受理', '已受理');
    // The unit picker offers the township's units first, the routing rule's suggestion marked.
    await expect
      .poll(() => page.locator('select[name=unitId] optgroup[label="本乡镇"] option').allTextContents())
      .toContainEqual(expect.stringMatching(/司法所 \(推荐\)$/));
    await page.selectOption('select[name=unitId]', handler.unit_id!);
    await page.fill('textarea[name=note]', '请司法所先行调处');
    await press(page, '派遣', '已派遣');
    await expect.poll(() => page.textContent('.facts')).toContain('司法所');
    await s.shot(page, 'event-dispatched');
    await logout(page);

    await login(page, s.base, 'demo-handler');
    await page.waitForURL(/\/areas\//);
    const id = (await db.selectFrom('event').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;
    await page.goto(`${s.base}/events/${id}`);
    await press(page, '开始处置', '处置中');
    await page.fill('textarea[name=note]', '已上门调解,双方达成谅解');
    await page.setInputFiles('input[name=actionFile]', { name: 'result.png', mimeType: 'image/png', buffer: PNG });
    await press(page, '反馈', '已反馈');
    await expect.poll(() => page.textContent('[data-testid=event-timeline] li.tl-feedback')).toContain('result.png');
    await s.shot(page, 'event-feedback-photo');
    await logout(page);

    await login(page, s.base, 'demo-ganzhou');
    await page.waitForURL(/\/areas\/620702$/);
    await page.goto(`${s.base}/events/${id}`);
    await press(page, '核查通过', '已核查');
    await press(page, '结案', '已办结');
    const timeline = await page.textContent('[data-testid=event-timeline]');
    for (const step of ['上报', '受理', '派遣', '开始处置', '反馈', '核查通过', '结案'])
      expect(timeline).toContain(step);
    await s.shot(page, 'event-closed');
    await page.close();

    const resident = await s.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await resident.goto(`${s.base}/track/${code}`);
    await expect.poll(() => resident.textContent('[data-testid=track-status]')).toBe('已办结');
    await resident.click('text=基本满意');
    await expect.poll(() => resident.textContent('[data-testid=track-status]')).toBe('已评价');
    expect((await db.selectFrom('event').select('rating').where('id', '=', id).executeTakeFirstOrThrow()).rating).toBe(
      'basically_satisfied',
    );
    await resident.close();
  });
});
