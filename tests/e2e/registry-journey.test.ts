import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/kernel/id-number.js';
import { backend } from '../helpers/harness.js';
import { clickNav, login, SHOTS, startBrowserSession } from './browser.js';

describe(`browser: the registry (${backend})`, () => {
  let s: Awaited<ReturnType<typeof startBrowserSession>>;
  beforeAll(async () => {
    s = await startBrowserSession();
  });
  afterAll(() => s?.close());

  it('a grid worker on a phone finds a household, records a visit, updates a person and sees the change in the timeline', async () => {
    const token = await s.t.login('demo-grid');
    const me = await s.t.api('GET', '/api/auth/me', { token });
    const grid = me.body.scope.code as string;
    const household = await s.t.runtime.database.db
      .selectFrom('household')
      .select(['id', 'address'])
      .where('grid_code', '=', grid)
      .orderBy('address')
      .executeTakeFirstOrThrow();
    const fragment = household.address.slice(-6);

    const page = await s.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await login(page, s.base, 'demo-grid');
    await page.waitForURL(`${s.base}/areas/${grid}`);
    // 1. Find the household with the search box.
    await page.fill('.topsearch input', fragment);
    await page.press('.topsearch input', 'Enter');
    await page.waitForSelector('.hits li');
    await s.shot(page, 'registry-search');
    await page.click(`.hits a[href="/households/${household.id}"]`);
    await page.waitForSelector('.members li');
    // 2. Record a visit.
    await page.fill('textarea[name=observed]', '入户走访,家中老人身体健康');
    await page.fill('textarea[name=requests]', '希望村里安装路灯');
    await page.fill('textarea[name=finding]', '村口路灯损坏');
    await page.click('form.form button[type=submit]');
    await expect.poll(() => page.textContent('[role=status]')).toBe('走访已记录');
    await expect.poll(() => page.textContent('.visits')).toContain('希望村里安装路灯');
    // The finding becomes an event with one action.
    await page.selectOption('.handoff select', '0402');
    await page.click('.handoff button');
    await expect.poll(() => page.textContent('.visits')).toContain('已转事件');
    await s.shot(page, 'registry-visit');
    // 3. Update a member: a bad phone first, then a good one.
    await page.click('.members li a');
    await page.waitForSelector('.facts dl');
    await page.click('text=编辑');
    await page.fill('input[name=phone]', '12345');
    await page.click('form.form button[type=submit]');
    await expect.poll(() => page.textContent('.field-error')).toBe('手机号格式不正确');
    await page.fill('input[name=phone]', '13700007777');
    await page.fill('input[name=reason]', '走访核实更新');
    await page.click('form.form button[type=submit]');
    await page.waitForSelector('.facts dl');
    await expect.poll(() => page.textContent('.facts dl')).toContain('137****7777');
    const first = await page.textContent('.timeline > li:first-child');
    expect(first).toContain('修改');
    expect(first).toContain('demo-grid');
    expect(first).toContain('走访核实更新');
    expect(first).not.toContain('13700007777');
    await s.shot(page, 'registry-person-timeline');
    await page.close();
  });

  it('refuses a bad ID number in the registration form with the field message', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1280, height: 860 } });
    await login(page, s.base, 'demo-ganzhou');
    await page.waitForURL(/\/areas\/620702$/);
    await page.goto(`${s.base}/people/new?gridCode=620702001001002`);
    await page.fill('input[name=name]', '测试人');
    await page.fill('input[name=idNumber]', '620702198001010011');
    await page.click('form button[type=submit]');
    await expect.poll(() => page.textContent('.field-error')).toBe('身份证号校验位错误,请核对号码');
    await page.fill('input[name=idNumber]', makeIdNumber('620702', '1980-01-01', 55));
    await page.click('form button[type=submit]');
    await page.waitForURL(/\/people\/[0-9a-f-]{36}$/);
    expect(await page.textContent('.page-head h1')).toBe('测试人');
    await page.close();
  });

  it('imports a spreadsheet with a bad row: the good row goes in and the bad one is reported', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['姓名', '身份证号', '民族', '联系电话', '户籍类型', '网格编码', '户号', '与户主关系', '地址']);
    ws.addRow(['导入甲', makeIdNumber('620702', '1977-07-07', 61), '汉族', '', '户籍', '620702001001003', '', '', '']);
    ws.addRow(['导入乙', '620702197707070000', '汉族', '', '户籍', '620702001001003', '', '', '']);
    const file = path.join(SHOTS, 'import.xlsx');
    fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));

    const page = await s.browser.newPage({ viewport: { width: 1280, height: 860 } });
    await login(page, s.base, 'demo-ganzhou');
    await page.waitForURL(/\/areas\/620702$/);
    await page.goto(`${s.base}/import`);
    await page.setInputFiles('input[type=file]', file);
    await page.click('text=导入有效行');
    await page.waitForSelector('[data-testid=import-result]');
    const result = await page.textContent('[data-testid=import-result]');
    expect(result).toContain('新增 1');
    expect(result).toContain('拒绝 1');
    expect(await page.textContent('[data-testid=import-result] tbody tr')).toContain('身份证号');
    await s.shot(page, 'registry-import');
    await page.close();
  });

  it('edits an organisation: a bad credit code is refused, a good one is saved into the timeline', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1280, height: 860 } });
    await login(page, s.base, 'demo-ganzhou');
    await page.waitForURL(/\/areas\/620702$/);
    await page.goto(`${s.base}/elements/organizations?areaCode=620702001`);
    await page.waitForSelector('.table tbody tr a');
    await page.click('.table tbody tr a');
    await page.waitForSelector('.facts dl');
    await page.click('text=编辑');
    await page.fill('input[name=creditCode]', '91620702MA7TEWT012');
    await page.fill('input[name=contactPhone]', '1380000');
    await page.click('form.form button[type=submit]');
    await expect
      .poll(() => page.$$eval('.field-error', (els) => els.map((e) => e.textContent)))
      .toEqual(['统一社会信用代码校验位错误', '手机号格式不正确']);
    await page.fill('input[name=creditCode]', '');
    await page.fill('input[name=contactPhone]', '13800001234');
    await page.fill('input[name=employeeCount]', '42');
    await page.click('form.form button[type=submit]');
    await page.waitForSelector('.facts dl');
    await expect.poll(() => page.textContent('.timeline > li:first-child')).toContain('employeeCount');
    expect(await page.textContent('.facts dl')).toContain('138****1234');
    await s.shot(page, 'registry-organization');
    await page.close();
  });

  it('shows overdue visits and registry layers on the map', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await login(page, s.base, 'demo-city');
    await page.waitForURL(/\/areas\/620700$/);
    await clickNav(page, '逾期走访');
    await page.waitForSelector('.table tbody tr');
    expect(await page.$$eval('.table tbody tr', (r) => r.length)).toBeGreaterThan(10);
    await s.shot(page, 'registry-overdue');
    await page.goto(`${s.base}/areas/620702001`);
    await page.waitForSelector('.map[data-map-ready=true]');
    await page.check('input[name=layer-cameras]');
    await page.check('input[name=layer-places]');
    await page.waitForTimeout(800);
    await s.shot(page, 'registry-map-layers');
    await page.close();
  });
});
