import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/factories.js';
import { backend } from '../helpers/harness.js';
import { login, startBrowserSession } from './browser.js';

describe(`browser: a joint case waits for its co-handler (${backend})`, { timeout: 180_000 }, () => {
  let s: Awaited<ReturnType<typeof startBrowserSession>>;
  beforeAll(async () => {
    s = await startBrowserSession({ now: '2026-11-30T02:00:00Z', env: { SWEEP_INTERVAL_SECONDS: '0' } });
  });
  afterAll(() => s?.close());

  const press = async (page: Page, label: string, expected: string) => {
    await page.click(`[data-testid=event-actions] button:text-is("${label}")`);
    await expect.poll(() => page.textContent('[data-testid=event-status]')).toBe(expected);
  };
  const logout = async (page: Page) => {
    await page.click('text=退出');
    await page.waitForURL(`${s.base}/login`);
  };
  const setup = async () => {
    const db = s.t.runtime.database.db;
    const handler = await db
      .selectFrom('app_user')
      .select(['unit_id', 'scope_code'])
      .where('username', '=', 'demo-handler')
      .executeTakeFirstOrThrow();
    const police = await db
      .selectFrom('unit')
      .select(['id', 'name'])
      .where('area_code', '=', handler.scope_code)
      .where('kind', '=', 'police')
      .executeTakeFirstOrThrow();
    const g = await db
      .selectFrom('area')
      .select(['center_lng', 'center_lat'])
      .where('code', 'like', `${handler.scope_code}%`)
      .where('level', '=', 'grid')
      .orderBy('code', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    return {
      db,
      township: handler.scope_code,
      justice: handler.unit_id!,
      police,
      location: { lng: g.center_lng, lat: g.center_lat },
    };
  };

  it('dispatches to the justice office with a task for the police station; closing is refused until the station reports back', async () => {
    const { db, township, justice, police, location } = await setup();
    const op = await s.t.login('demo-ganzhou');
    const e = (
      await s.t.api('POST', '/api/events', {
        token: op,
        body: { categoryCode: '0102', description: '两家因停车位多次冲突,曾有推搡', location },
      })
    ).body;

    const page = await s.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, s.base, 'demo-ganzhou');
    await page.waitForURL(/\/areas\/620702$/);
    await page.goto(`${s.base}/events/${e.id}`);
    await press(page, '受理', '已受理');
    await page.waitForSelector(`select[name=unitId] option[value="${justice}"]`, { state: 'attached' });
    await page.selectOption('select[name=unitId]', justice);
    await press(page, '派遣', '已派遣');

    // The co-handler task for the township police station.
    await page.click('text=添加协办任务');
    await page.waitForSelector(`select[name=coUnitId] option[value="${police.id}"]`, { state: 'attached' });
    await page.selectOption('select[name=coUnitId]', police.id);
    await page.fill('input[name=task]', '核实冲突经过,出具情况说明');
    await page.click('.co-add button[type=submit]');
    await expect.poll(() => page.textContent('[data-testid=co-handlers]')).toContain(police.name);
    expect(await page.textContent('[data-testid=co-task]')).toContain('办理中');
    await s.shot(page, 'joint-co-task-added');
    await logout(page);

    // The lead unit handles and reports back.
    await login(page, s.base, 'demo-handler');
    await page.waitForURL(/\/areas\//);
    await page.goto(`${s.base}/events/${e.id}`);
    await press(page, '开始处置', '处置中');
    await page.fill('textarea[name=note]', '已组织双方协商,划定车位');
    await press(page, '反馈', '已反馈');
    await logout(page);

    // The operator verifies; closing is refused while the station's task is open, and the page says why.
    await login(page, s.base, 'demo-ganzhou');
    await page.waitForURL(/\/areas\/620702$/);
    await page.goto(`${s.base}/events/${e.id}`);
    await press(page, '核查通过', '已核查');
    expect(await page.textContent('[data-testid=co-open-warning]')).toContain(police.name);
    await page.click('[data-testid=event-actions] button:text-is("结案")');
    await expect.poll(() => page.textContent('[data-testid=close-blocked]')).toContain('还有协办单位的任务未完成');
    expect(await page.textContent('[data-testid=event-status]')).toBe('已核查');
    await s.shot(page, 'joint-close-refused');
    await logout(page);

    // A handler of the police station reports back on its task.
    const officer = await createUser(s.t, ['handler'], township, 'Test@Pass2026', police.id);
    await login(page, s.base, officer.username, officer.password);
    await page.waitForURL(/\/areas\//);
    await page.goto(`${s.base}/events/${e.id}`);
    await page.fill('[data-testid=co-task] input[name=feedback]', '经查双方均有过激言语,已批评教育');
    await page.click('[data-testid=co-task] button:text-is("提交反馈")');
    await expect.poll(() => page.textContent('[data-testid=co-task]')).toContain('已反馈');
    await s.shot(page, 'joint-co-feedback');
    await logout(page);

    await login(page, s.base, 'demo-ganzhou');
    await page.waitForURL(/\/areas\/620702$/);
    await page.goto(`${s.base}/events/${e.id}`);
    await expect.poll(() => page.textContent('[data-testid=co-task]')).toContain('已反馈');
    expect(await page.locator('[data-testid=co-open-warning]').count()).toBe(0);
    await press(page, '结案', '已办结');
    const timeline = (await page.textContent('[data-testid=event-timeline]'))!;
    expect(timeline).toContain('添加协办');
    expect(timeline).toContain('协办反馈');
    await s.shot(page, 'joint-closed');
    await page.close();
  });

  it('closes with an override and a reason while the co-handler task is still open', async () => {
    const { police, justice, location } = await setup();
    const op = await s.t.login('demo-ganzhou');
    const handler = await s.t.login('demo-handler');
    const e = (
      await s.t.api('POST', '/api/events', {
        token: op,
        body: { categoryCode: '0102', description: '楼道堆放杂物引发邻里争吵', location },
      })
    ).body;
    const step = async (token: string, path: string, body: unknown) =>
      expect((await s.t.api('POST', `/api/events/${e.id}/${path}`, { token, body })).status).toBeLessThan(300);
    await step(op, 'transitions', { action: 'accept' });
    await step(op, 'transitions', { action: 'dispatch', unitId: justice });
    await step(op, 'co-handlers', { unitId: police.id, task: '协助现场清理' });
    await step(handler, 'transitions', { action: 'start' });
    await step(handler, 'transitions', { action: 'feedback', note: '已清理' });
    await step(op, 'transitions', { action: 'verify' });

    const page = await s.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, s.base, 'demo-ganzhou');
    await page.waitForURL(/\/areas\/620702$/);
    await page.goto(`${s.base}/events/${e.id}`);
    await page.click('[data-testid=event-actions] button:text-is("结案")');
    await page.waitForSelector('[data-testid=close-blocked] input[name=override]');
    await page.check('[data-testid=close-blocked] input[name=override]');
    await page.click('[data-testid=event-actions] button:text-is("结案")');
    await expect.poll(() => page.textContent('[data-testid=event-actions] .field-error')).toBe('请填写原因');
    await page.fill('textarea[name=note]', '杂物已清理完毕,派出所任务不再需要');
    await s.shot(page, 'joint-override');
    await press(page, '结案', '已办结');
    expect(await page.textContent('[data-testid=event-timeline]')).toContain('派出所任务不再需要');
    await page.close();
  });
});
