import fs from 'node:fs';
import JSZip from 'jszip';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../helpers/harness.js';
import { clickNav, login, startBrowserSession } from './browser.js';

/**
 * 形势研判 and 挂牌督办 on screen, as demo-city: the county's quarterly report with its charts and
 * summary, downloaded as PDF and DOCX and opened; then a flag confirmed into a case and closed.
 */
describe(`browser: situation report and supervision list (${backend})`, () => {
  let s: Awaited<ReturnType<typeof startBrowserSession>>;
  const county = '620702';

  beforeAll(async () => {
    s = await startBrowserSession();
    const t = s.t;
    const db = t.runtime.database.db;
    const grids = await db
      .selectFrom('area')
      .select(['code', 'center_lng', 'center_lat'])
      .where('code', 'like', `${county}%`)
      .where('level', '=', 'grid')
      .orderBy('code')
      .limit(4)
      .execute();
    const make = async (at: string, categoryCode: string, g: (typeof grids)[number], dx = 0) => {
      t.clock.set(at);
      // Sessions expire as the clock jumps: log in at each instant.
      const op = await t.login('demo-ganzhou');
      const r = await t.api('POST', '/api/events', {
        token: op,
        body: {
          categoryCode,
          description: '群众反映的问题,需要处理',
          location: { lng: g.center_lng! + dx, lat: g.center_lat! },
        },
      });
      expect(r.status).toBe(201);
    };
    // Last year's Q3, this year's Q2 and Q3: neighbour disputes and hazards rise.
    await make('2025-08-05T02:00:00Z', '0102', grids[0]!);
    await make('2026-05-06T02:00:00Z', '0403', grids[1]!);
    for (let i = 0; i < 3; i++) await make(`2026-07-0${i + 6}T02:00:00Z`, '0201', grids[0]!);
    for (let i = 0; i < 3; i++) await make(`2026-08-1${i}T02:00:00Z`, '0102', grids[i + 1]!, 0.0004 * i);
    await make('2026-09-08T02:00:00Z', '0403', grids[2]!);
    t.clock.set('2026-11-27T02:00:00Z');
    const rule = await t.api('POST', '/api/supervision/rules', {
      token: await t.login('demo-city'),
      body: {
        name: '同一地点反复报警',
        areaCode: county,
        level: 'village',
        measure: 'repeat_place',
        threshold: 3,
        minEvents: 3,
      },
    });
    expect(rule.status).toBe(201);
  });
  afterAll(() => s?.close());

  it('opens the county report for a quarter and downloads it as PDF and DOCX', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1366, height: 1000 } });
    await login(page, s.base, 'demo-city');
    await clickNav(page, '形势研判');
    await page.waitForURL(/\/reports\/situation/);
    await page.waitForSelector('[data-testid=report-summary]');
    await page.selectOption('[data-testid=report-area]', county);
    await page.selectOption('[data-testid=report-year]', '2026');
    await page.selectOption('[data-testid=report-quarter]', '3');
    await expect.poll(() => page.textContent('[data-testid=report-summary] h2')).toBe('甘州区 · 2026年第三季度');
    const summary = (await page.locator('.report-sentence').first().textContent())!;
    expect(summary).toBe('2026年第三季度,甘州区共受理事件7件,环比上升600.0%,同比上升600.0%(上期1件,去年同期1件)。');
    await page.waitForSelector('[data-testid=chart-categories] canvas');
    await page.waitForSelector('[data-testid=chart-trend] canvas');
    expect(await page.locator('[data-testid=report-rising] tbody tr').count()).toBeGreaterThanOrEqual(2);
    await s.shot(page, 'situation-report');
    await page.locator('[data-testid=report-tables], .report-tables').first().scrollIntoViewIfNeeded();
    await s.shot(page, 'situation-report-tables');

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-pdf]')]);
    expect(pdf.suggestedFilename()).toBe('甘州区2026年第三季度社会治理形势研判报告.pdf');
    const pdfBytes = fs.readFileSync((await pdf.path())!);
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
    const parsed = await new PDFParse({ data: new Uint8Array(pdfBytes) }).getText();
    expect(parsed.total).toBeGreaterThanOrEqual(2);
    expect(parsed.text.replace(/\s+/g, '')).toContain(summary.replace(/\s+/g, ''));

    const [docx] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-docx]')]);
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    const zip = await JSZip.loadAsync(fs.readFileSync((await docx.path())!));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain(summary);
    expect(xml).toContain('热点网格');
    await page.close();
  });

  it('raises a flag, confirms it into a case and follows it to closure on screen', async () => {
    const page = await s.browser.newPage({ viewport: { width: 1366, height: 1000 } });
    await login(page, s.base, 'demo-city');
    await clickNav(page, '挂牌督办');
    await page.waitForURL(/\/supervision/);
    await page.click('[data-testid=sv-evaluate]');
    await page.waitForSelector('[data-testid=sv-message]');
    const flag = page.locator('[data-testid=sv-flag]', { hasText: '同一地点反复报警' });
    await flag.waitFor();
    await s.shot(page, 'supervision-flags');
    await flag.locator('input[type=number]').fill('10');
    await flag.locator('[data-testid=sv-confirm]').click();
    await page.waitForSelector('[data-testid=sv-case]');
    await expect.poll(() => page.textContent('[data-testid=sv-status]')).toBe('挂牌');
    expect(await page.textContent('[data-testid=sv-deadline]')).toBe('正常');
    await page.click('[data-testid=sv-act-start]');
    await expect.poll(() => page.textContent('[data-testid=sv-status]')).toBe('整改中');
    // Asking to close without a note is refused with the field named.
    await page.click('[data-testid=sv-act-request_close]');
    await page.waitForSelector('.sv-actions [role=alert]');
    await page.fill('[data-testid=sv-note]', '已在路口增设照明和巡逻点位');
    await page.click('[data-testid=sv-act-request_close]');
    await expect.poll(() => page.textContent('[data-testid=sv-status]')).toBe('申请销号');
    await s.shot(page, 'supervision-requested');
    await page.click('[data-testid=sv-act-approve]');
    await expect.poll(() => page.textContent('[data-testid=sv-status]')).toBe('销号');
    expect(await page.locator('[data-testid=sv-history] li').count()).toBe(4);
    await expect.poll(() => page.locator('[data-testid=sv-case-row]').first().textContent()).toContain('销号');
    await s.shot(page, 'supervision-closed');
    await page.close();
  });
});
