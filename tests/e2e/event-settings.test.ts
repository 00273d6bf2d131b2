import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/factories.js';
import { backend } from '../helpers/harness.js';
import { clickNav, login, SHOTS, startBrowserSession } from './browser.js';

describe(`browser: an administrator sets routing rules, time limits and mediation levels (${backend})`, () => {
  let s: Awaited<ReturnType<typeof startBrowserSession>>;
  let page: Page;
  beforeAll(async () => {
    s = await startBrowserSession();
    page = await s.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, s.base, 'demo-city');
    await clickNav(page, '事件设置');
    await page.waitForURL(`${s.base}/admin/event-settings`);
  });
  afterAll(async () => {
    await page?.close();
    await s?.close();
  });

  it('adds a rule for 0104 劳资纠纷 in 甘州区 to the county 人社局; a new event there suggests that unit; an edit retires the old version', async () => {
    const db = s.t.runtime.database.db;
    const rsj = await db
      .selectFrom('unit')
      .select(['id', 'name'])
      .where('code', '=', '620702-RSJ')
      .executeTakeFirstOrThrow();
    await page.waitForSelector('[data-testid=routing-rules] tbody tr');
    // The defaults from the migration apply city-wide; the city's administrator owns them, so they are editable.
    const defaultRow = page.locator('tr[data-rule="01@"]');
    await expect.poll(() => defaultRow.textContent()).toContain('矛盾纠纷');
    expect(await defaultRow.textContent()).toContain('全部区域');
    expect(await defaultRow.textContent()).not.toContain('上级默认');
    expect(await defaultRow.locator('button').count()).toBe(2);
    await s.shot(page, 'settings-routing');

    await page.click('text=+ 新增规则');
    await page.waitForSelector('select[name=categoryPrefix-main] option[value="01"]', { state: 'attached' });
    await page.selectOption('select[name=categoryPrefix-main]', '01');
    await page.selectOption('select[name=categoryPrefix]', '0104');
    expect(await page.inputValue('select[name=centre]')).toBe('dispute'); // follows the category group
    await page.selectOption('select[name=unitKindFilter]', 'department');
    // A new rule starts as one for all areas; the county narrows it.
    expect(await page.inputValue('select[name=areaPrefix-county]')).toBe('');
    await page.waitForSelector('select[name=areaPrefix-county] option[value="620702"]', { state: 'attached' });
    await page.selectOption('select[name=areaPrefix-county]', '620702');
    await page.waitForSelector(`select[name=unitId] option[value="${rsj.id}"]`, { state: 'attached' });
    await page.selectOption('select[name=unitId]', rsj.id);
    await page.fill('input[name=note]', '劳资纠纷由区人社局劳动监察办理');
    await s.shot(page, 'settings-rule-form');
    await page.click('.rule-form button[type=submit]');
    const row = page.locator('tr[data-rule="0104@620702"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('劳资纠纷');
    expect(await row.textContent()).toContain('甘州区');
    expect(await row.locator('[data-testid=rule-unit]').textContent()).toBe(rsj.name);
    await page.waitForSelector('text=规则已保存');

    const op = await s.t.login('demo-ganzhou');
    const g = await db
      .selectFrom('area')
      .select(['code', 'center_lng', 'center_lat'])
      .where('code', 'like', '620702%')
      .where('level', '=', 'grid')
      .orderBy('code')
      .limit(1)
      .executeTakeFirstOrThrow();
    const reported = await s.t.api('POST', '/api/events', {
      token: op,
      body: {
        categoryCode: '0104',
        description: '工地拖欠农民工工资三个月',
        location: { lng: g.center_lng, lat: g.center_lat },
      },
    });
    expect(reported.status).toBe(201);
    expect(reported.body.gridCode).toBe(g.code);
    expect(reported.body.suggestedUnit).toEqual({ id: rsj.id, name: rsj.name, kind: 'department' });
    const firstRule = await db
      .selectFrom('event')
      .select('routing_rule_id')
      .where('id', '=', reported.body.id)
      .executeTakeFirstOrThrow();

    // Editing shows that it applies to new events only, and keeps the routed event on the old version.
    await row.locator('text=编辑').click();
    await page.waitForSelector('.rule-form >> text=旧规则停用');
    await page.fill('input[name=note]', '劳资纠纷:区人社局');
    await page.click('.rule-form button[type=submit]');
    await expect.poll(() => row.locator('.note-cell').textContent()).toBe('劳资纠纷:区人社局');
    const versions = await db
      .selectFrom('routing_rule')
      .select(['id', 'retired_at', 'note'])
      .where('category_prefix', '=', '0104')
      .where('area_prefix', '=', '620702')
      .orderBy('created_at')
      .execute();
    expect(versions.map((v) => [v.id === firstRule.routing_rule_id, v.retired_at !== null, v.note])).toEqual([
      [true, true, '劳资纠纷由区人社局劳动监察办理'],
      [false, false, '劳资纠纷:区人社局'],
    ]);
  });

  it('edits a city-wide default and adds a rule for the whole city; a county administrator sees both read-only', async () => {
    const db = s.t.runtime.database.db;
    await page.goto(`${s.base}/admin/event-settings`);
    const accident = page.locator('tr[data-rule="0108@"]');
    await accident.waitFor();
    await accident.locator('text=编辑').click();
    await page.waitForSelector('.rule-form >> text=旧规则停用');
    expect(await page.inputValue('select[name=areaPrefix-county]')).toBe('');
    await page.fill('input[name=note]', '交通事故纠纷:全市由派出所调处');
    await page.click('.rule-form button[type=submit]');
    await expect.poll(() => accident.locator('.note-cell').textContent()).toBe('交通事故纠纷:全市由派出所调处');
    const live = await db
      .selectFrom('routing_rule')
      .select(['area_prefix', 'note'])
      .where('category_prefix', '=', '0108')
      .where('retired_at', 'is', null)
      .execute();
    expect(live).toEqual([{ area_prefix: '', note: '交通事故纠纷:全市由派出所调处' }]);

    // The city itself, picked by name: stored as the city's prefix, shown as the city.
    await page.click('text=+ 新增规则');
    await page.waitForSelector('select[name=categoryPrefix-main] option[value="06"]', { state: 'attached' });
    await page.selectOption('select[name=categoryPrefix-main]', '06');
    await page.selectOption('select[name=areaPrefix-county]', '620700');
    expect(await page.locator('.rule-form select[name=areaPrefix]').count()).toBe(0); // no township under the whole city
    await page.click('.rule-form .segmented label:has(input[value=kind])');
    await page.selectOption('select[name=unitKind]', 'department');
    await page.fill('input[name=note]', '便民服务:全市由部门办理');
    await s.shot(page, 'settings-rule-city');
    await page.click('.rule-form button[type=submit]');
    const cityRow = page.locator('tr[data-rule="06@620700"]');
    await cityRow.waitFor();
    await expect.poll(() => cityRow.textContent()).toContain('张掖市');
    expect(await cityRow.locator('button').count()).toBe(2);
    expect(
      (
        await db
          .selectFrom('routing_rule')
          .select('area_prefix')
          .where('note', '=', '便民服务:全市由部门办理')
          .executeTakeFirstOrThrow()
      ).area_prefix,
    ).toBe('6207');

    // A county's administrator sees the city's rules as defaults from above, with nothing to press.
    const admin = await createUser(s.t, ['admin'], '620702', 'Test@Pass2026');
    const other = await s.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(other, s.base, admin.username, 'Test@Pass2026');
    await other.waitForURL(/\/areas\//);
    await other.goto(`${s.base}/admin/event-settings`);
    for (const rule of ['0108@', '06@620700']) {
      const row = other.locator(`tr[data-rule="${rule}"]`);
      await expect.poll(() => row.textContent()).toContain('上级默认');
      expect(await row.locator('button').count()).toBe(0);
    }
    await s.shot(other, 'settings-routing-county');
    await other.close();
  });

  it("changes a category's limit: saved, shown after a reload, and existing events keep their deadline", async () => {
    const db = s.t.runtime.database.db;
    const before = await db
      .selectFrom('event_category')
      .select('limit_working_days')
      .where('code', '=', '0104')
      .executeTakeFirstOrThrow();
    const event = await db
      .selectFrom('event')
      .select(['id', 'due_at'])
      .where('category_code', '=', '0104')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const next = before.limit_working_days === 20 ? 25 : 20;
    await page.click('.tabs >> text=办理时限');
    await page.waitForURL(`${s.base}/admin/event-settings?tab=limits`);
    const input = page.locator('input[name=limit-0104]');
    await expect.poll(() => input.inputValue()).toBe(String(before.limit_working_days));
    await input.fill(String(next));
    await page.click('tr[data-category="0104"] button[type=submit]');
    await page.waitForSelector('tr[data-category="0104"] [role=status]');
    expect(
      (
        await db
          .selectFrom('event_category')
          .select('limit_working_days')
          .where('code', '=', '0104')
          .executeTakeFirstOrThrow()
      ).limit_working_days,
    ).toBe(next);
    expect(
      (await db.selectFrom('event').select('due_at').where('id', '=', event.id).executeTakeFirstOrThrow()).due_at,
    ).toEqual(event.due_at);
    // Out of range: the browser's own check is bypassed by the server's field error.
    await page.fill('input[name=limit-0105]', '91');
    await page.$eval('tr[data-category="0105"] form', (f) => ((f as HTMLFormElement).noValidate = true));
    await page.click('tr[data-category="0105"] button[type=submit]');
    await page.waitForSelector('tr[data-category="0105"] .field-error');
    await s.shot(page, 'settings-limits');

    await page.reload();
    await expect.poll(() => page.locator('input[name=limit-0104]').inputValue()).toBe(String(next));
    expect(await page.textContent('[data-testid=stage-limits] tr[data-prefix=default]')).toContain('默认');
    expect(await page.inputValue('input[name=default-accept]')).toBe('4');

    // A stage override for 0104 only: accept within 2 hours; the other stages keep the default.
    await page.selectOption('select[name=stagePrefix-main]', '01');
    await page.selectOption('select[name=stagePrefix]', '0104');
    await page.click('text=+ 新增类别设置');
    await page.fill('input[name="0104-accept"]', '2');
    await page.click('tr[data-prefix="0104"] >> text=保存');
    await page.waitForSelector('tr[data-prefix="0104"] [role=status]');
    expect(
      await db
        .selectFrom('stage_limit')
        .select(['stage', 'amount', 'unit'])
        .where('category_prefix', '=', '0104')
        .execute(),
    ).toEqual([{ stage: 'accept', amount: 2, unit: 'hours' }]);
    await page
      .locator('.card:has([data-testid=stage-limits])')
      .screenshot({ path: path.join(SHOTS, 'settings-stage-limits.png') });
    await page.click('tr[data-prefix="0104"] >> text=删除');
    await expect.poll(() => page.locator('tr[data-prefix="0104"]').count()).toBe(0);
    expect(await db.selectFrom('stage_limit').select('stage').where('category_prefix', '=', '0104').execute()).toEqual(
      [],
    );
  });

  it('edits the mediation levels: the total updates as you type, a duplicate key is refused, and the saved policy is shown', async () => {
    const db = s.t.runtime.database.db;
    await page.click('.tabs >> text=调解层级');
    const total = page.locator('[data-testid=policy-total]');
    await expect.poll(() => total.textContent()).toBe('共 7 个工作日');
    expect(await page.locator('.policy-level').count()).toBe(4);
    await page.fill('input[name="levels.0.workingDays"]', '2');
    await expect.poll(() => total.textContent()).toBe('共 8 个工作日');

    await page.click('text=+ 增加层级');
    await page.fill('input[name="levels.4.name"]', '县级矛调中心');
    await page.fill('input[name="levels.4.nameEn"]', 'County dispute centre');
    await page.fill('input[name="levels.4.workingDays"]', '3');
    await page.selectOption('select[name="levels.4.unitKind"]', 'centre');
    await page.fill('input[name="levels.4.key"]', 'village');
    await expect.poll(() => total.textContent()).toBe('共 11 个工作日');
    await page.click('.policy-form button[type=submit]');
    await expect
      .poll(() => page.textContent('.policy-level[data-level=village] >> nth=1'))
      .toContain('调解层级设置有误');

    await page.fill('input[name="levels.4.key"]', 'county_centre');
    // Swap the last two: the county centre stays last only if moved back, so move it up then down.
    await page.click('[aria-label="上移 5"]');
    expect(await page.inputValue('input[name="levels.3.name"]')).toBe('县级矛调中心');
    await page.click('[aria-label="下移 4"]');
    await page.click('.policy-form button[type=submit]');
    await page.waitForSelector('.policy-form [role=status]');
    await s.shot(page, 'settings-mediation');

    const saved = await db
      .selectFrom('mediation_policy')
      .select(['levels'])
      .where('area_prefix', '=', '6207')
      .executeTakeFirstOrThrow();
    const levels = (typeof saved.levels === 'string' ? JSON.parse(saved.levels) : saved.levels) as Array<{
      key: string;
      workingDays: number;
    }>;
    expect(levels.map((l) => `${l.key}:${l.workingDays}`)).toEqual([
      'grid:2',
      'village:2',
      'justice_office:2',
      'township_centre:2',
      'county_centre:3',
    ]);
    await page.reload();
    await expect.poll(() => page.textContent('[data-testid=policy-total]')).toBe('共 11 个工作日');
    expect(await page.textContent('.policy-head')).toContain('本区域设置');
    await page.click('text=English');
    await expect.poll(() => page.textContent('[data-testid=policy-total]')).toBe('Total 11 working days');
    await s.shot(page, 'settings-mediation-en');
    await page.click('text=中文');
    // On a phone the level fields fold into two columns and the total stays in view above them.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => page.locator('[data-testid=policy-total]').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.waitForTimeout(400); // the sidebar slides off as a drawer when the layout narrows
    await s.shot(page, 'settings-mediation-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('is not offered to an operator', async () => {
    const other = await s.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(other, s.base, 'demo-ganzhou');
    await other.waitForSelector('.mainnav a');
    expect(await other.locator('nav >> text=事件设置').count()).toBe(0);
    await other.goto(`${s.base}/admin/event-settings`);
    await expect.poll(() => other.textContent('main')).toContain('未找到');
    await other.close();
  });
});
