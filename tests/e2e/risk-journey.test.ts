import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRisk } from '../../src/seed/demo-risk.js';
import { backend } from '../helpers/harness.js';
import { login, SHOTS, startBrowserSession } from './browser.js';

const TITLE = '城南村集体土地征收及房屋拆迁项目';

describe(`browser: a land-acquisition matter from registration to decision and follow-up (${backend})`, () => {
  let s: Awaited<ReturnType<typeof startBrowserSession>>;
  beforeAll(async () => {
    // Monday 2026-11-30 10:00 in Shanghai.
    // WEB_DIST may point at a private build, so a concurrent `npm run build:web` cannot empty it mid-run.
    s = await startBrowserSession({
      now: '2026-11-30T02:00:00Z',
      env: { SWEEP_INTERVAL_SECONDS: '0', ...(process.env.WEB_DIST ? { WEB_DIST: process.env.WEB_DIST } : {}) },
    });
    await seedDemoRisk(s.t.runtime.database.db, { clock: s.t.clock }, 2026);
  });
  afterAll(() => s?.close());

  const step = (p: Page) => p.locator('[data-testid=risk-step]');
  const missing = (p: Page) => p.locator('[data-testid=risk-missing] li').allTextContents();
  const advance = async (p: Page, to: string) => {
    await p.click(`[data-testid=risk-step] button:has-text("进入下一环节")`);
    await expect.poll(() => p.locator('.risk-stepper li.current').textContent()).toContain(to);
  };
  const addPoint = async (
    p: Page,
    v: { dim: string; text: string; l: number; i: number; people: number; measure?: string; owner?: string },
  ) => {
    const f = p.locator('form[aria-label="添加风险点"]');
    await f.locator('select[name=dimension]').selectOption(v.dim);
    await f.locator('select[name=likelihood]').selectOption(String(v.l));
    await f.locator('select[name=impact]').selectOption(String(v.i));
    await f.locator('input[name=affectedPeople]').fill(String(v.people));
    await f.locator('input[name=description]').fill(v.text);
    if (v.measure) await f.locator('input[name=mitigation]').fill(v.measure);
    if (v.owner) await f.locator('input[name=mitigationOwner]').fill(v.owner);
    const rows = await p.locator('[data-testid=risk-points] tbody tr').count();
    await f.locator('button:has-text("保存")').click();
    await expect.poll(() => p.locator('[data-testid=risk-points] tbody tr').count()).toBe(rows + 1);
  };

  it('operator registers and walks the steps; a high result blocks the leader until mitigated and re-assessed; the report downloads and opens; measures are followed up', async () => {
    const db = s.t.runtime.database.db;
    const op = await s.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await login(op, s.base, 'demo-ganzhou');
    await op.waitForURL(/\/areas\//);
    // The top bar or the side menu shows the link, depending on the width the other links leave.
    await op.click('nav a[href="/risk"] >> visible=true');
    await op.waitForSelector('[data-testid=risk-list]');
    await s.shot(op, 'risk-01-list');

    // 确定事项
    await op.click('text=新建评估事项');
    await op.fill('input[name=title]', TITLE);
    await op.selectOption('select[name=type]', 'project');
    await op.fill('input[name=decidingBody]', '甘州区人民政府常务会议');
    await op.fill('input[name=implementingBody]', '甘州区自然资源局');
    await op.waitForSelector('select[aria-label="区域 1"] option >> nth=1', { state: 'attached' });
    await op.selectOption('select[aria-label="区域 1"]', { index: 1 });
    await op.waitForSelector('select[aria-label="区域 2"] option >> nth=1', { state: 'attached' });
    await op.selectOption('select[aria-label="区域 2"]', { index: 1 });
    await op.click('button:has-text("添加区域")');
    await op.fill('textarea[name=background]', '为建设城南大道,拟征收集体土地并拆迁地上房屋。');
    await s.shot(op, 'risk-02-new');
    await op.click('button:has-text("登记事项")');
    await op.waitForURL(/\/risk\/[0-9a-f-]{36}$/);
    const id = op.url().split('/').pop()!;
    await expect.poll(() => missing(op)).toEqual(['未填写计划实施时间', '重大项目须填写投资额']);
    expect(await op.isDisabled('[data-testid=risk-step] button:has-text("进入下一环节")')).toBe(true);
    expect(await op.textContent('[data-testid=risk-matter-areas]')).toMatch(/实有人口 \d+/);
    await s.shot(op, 'risk-03-identify-missing');
    await op.click('section[aria-label="确定事项"] button:has-text("修改")');
    await op.fill('input[name=budget]', '18600');
    await op.fill('input[name=scheduleStart]', '2027-03-01');
    await op.click('section[aria-label="确定事项"] button:has-text("保存")');
    await op.waitForSelector('[data-testid=risk-step].ready');
    await advance(op, '制定方案');

    // 制定方案: a firm tied to the implementing body is refused.
    const firms = await db.selectFrom('risk_firm').select(['id', 'name', 'ties', 'status']).orderBy('name').execute();
    const tied = firms.find((f) => (f.ties as Array<{ name: string }>).some((x) => x.name === '甘州区自然资源局'))!;
    const free = firms.find((f) => (f.ties as unknown[]).length === 0 && f.status === 'active')!;
    await op.waitForSelector(`select[aria-label="选择评估机构"] option[value="${tied.id}"]`, { state: 'attached' });
    await op.selectOption('select[aria-label="选择评估机构"]', tied.id);
    await op.click('button:has-text("委托")');
    await expect.poll(() => op.textContent('[data-testid=risk-firm-error]')).toContain('应当回避');
    await s.shot(op, 'risk-04-conflict');
    await op.selectOption('select[aria-label="选择评估机构"]', free.id);
    await op.click('button:has-text("委托")');
    await expect.poll(() => op.textContent('[data-testid=risk-firm]')).toBe(free.name);
    await op.fill('input[name=leadAssessor]', '王建国');
    await op.fill('textarea[name=plan]', '公示、入户走访、听证会;按可能性×影响程度定级。');
    await op.click('section[aria-label="制定方案"] button:has-text("保存")');
    await op.waitForSelector('[data-testid=risk-step].ready');
    await advance(op, '调查论证');

    // 调查论证: three ways of consulting, one opinion not adopted with the reason.
    const consult = async (method: string, date: string, n: number, who: string, opinions: string) => {
      const f = op.locator('form[aria-label="记录一次征求意见"]');
      await f.locator('select[name=method]').selectOption(method);
      await f.locator('input[name=heldOn]').fill(date);
      await f.locator('input[name=participants]').fill(String(n));
      await f.locator('input[name=consulted]').fill(who);
      await f.locator('textarea[name=opinions]').fill(opinions);
      const before = await op.locator('.risk-consultation').count();
      await f.locator('button:has-text("保存")').click();
      await expect.poll(() => op.locator('.risk-consultation').count()).toBe(before + 1);
    };
    await consult('notice', '2026-11-20', 320, '全体被征收户', '补偿标准低于相邻项目');
    await consult('visit', '2026-11-23', 86, '被征收户', '希望就近安置');
    await consult('hearing', '2026-11-26', 40, '被征收户代表、人大代表', '');
    expect(await missing(op)).toEqual(['有意见尚未答复是否采纳']);
    const opinions = op.locator('[data-testid=risk-opinion]');
    await opinions.nth(0).locator('input').fill('已按区片综合地价上限执行,超出部分无政策依据');
    await opinions.nth(0).locator('button:has-text("不采纳")').click();
    await expect.poll(() => opinions.nth(0).textContent()).toContain('不采纳');
    await opinions.nth(1).locator('button:has-text("采纳")').first().click();
    await op.waitForSelector('[data-testid=risk-step].ready');
    await s.shot(op, 'risk-05-investigate');
    await advance(op, '风险识别与定级');

    // 风险识别与定级: four dimensions; two high points → 高风险.
    await addPoint(op, { dim: 'legality', text: '征收公告程序瑕疵', l: 2, i: 3, people: 100 });
    await addPoint(op, {
      dim: 'reasonableness',
      text: '补偿标准不一引发攀比',
      l: 4,
      i: 4,
      people: 800,
      measure: '统一区片综合地价,公开测算依据',
      owner: '区自然资源局',
    });
    await addPoint(op, { dim: 'feasibility', text: '安置房建设滞后', l: 2, i: 2, people: 300 });
    await addPoint(op, {
      dim: 'controllability',
      text: '拒迁户聚集上访',
      l: 4,
      i: 5,
      people: 120,
      measure: '组建包户工作组,一户一策',
      owner: '乡镇党委',
    });
    expect(await missing(op)).toEqual(['风险点有变化,须重新定级']);
    await op.click('button:has-text("按评分规则定级")');
    await expect.poll(() => op.locator('[data-testid=risk-gradings] li').count()).toBe(1);
    expect(await op.locator('h1 + .risk').getAttribute('data-level')).toBe('high');
    await s.shot(op, 'risk-06-graded-high');
    await advance(op, '评估报告');
    await op.fill('textarea[name=conclusion]', '综合评定为高风险,建议落实化解措施后重新评估。');
    await op.fill('textarea[name=contingency]', '成立应急处置组,发生聚集时属地乡镇第一时间到场。');
    await op.click('section[aria-label="评估报告"] button:has-text("保存")');
    await op.click('button[aria-label="4"]');
    await op.waitForSelector('[data-testid=risk-rating]');
    await op.waitForSelector('[data-testid=risk-step].ready');
    await advance(op, '集体研究决策');
    await s.shot(op, 'risk-07-to-decision');

    // 集体研究决策: the leader cannot approve high risk as it is.
    const leader = await s.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await login(leader, s.base, 'demo-leader');
    await leader.waitForURL(/\/areas\//);
    await leader.goto(`${s.base}/risk/${id}`);
    await expect.poll(() => leader.textContent('[data-testid=risk-blockers]')).toContain('高风险事项不得决策实施');
    await leader.fill('input[name=decidedOn]', '2026-11-30');
    await leader.click('button:has-text("记录决策")');
    await expect
      .poll(() => leader.textContent('[data-testid=risk-decision-error]'))
      .toContain('高风险事项不得决策实施:须落实化解措施并重新评估');
    await s.shot(leader, 'risk-08-leader-blocked');
    expect(
      await db.selectFrom('risk_matter').select(['stage', 'decision']).where('id', '=', id).executeTakeFirstOrThrow(),
    ).toEqual({ stage: 'decide', decision: null });

    // Re-assessment after the measures: the two high points fall to medium likelihood.
    await op.reload();
    await op.fill('input[aria-label="重新评估理由"]', '包户工作组已与拒迁户签订意向协议,补偿标准已统一');
    await op.click('button:has-text("落实措施后重新评估")');
    await expect.poll(() => op.locator('.risk-stepper li.current').textContent()).toContain('风险识别与定级');
    for (const row of [1, 3]) {
      await op.locator('[data-testid=risk-points] tbody tr').nth(row).locator('button:has-text("修改")').click();
      await op.locator('form[aria-label="添加风险点"] select[name=likelihood]').selectOption('2');
      await op.locator('form[aria-label="添加风险点"] button:has-text("保存")').click();
      await expect
        .poll(() => op.locator('[data-testid=risk-points] tbody tr').nth(row).locator('td').nth(2).textContent())
        .toMatch(/^2 /);
    }
    await op.click('button:has-text("按评分规则定级")');
    await expect.poll(() => op.locator('[data-testid=risk-gradings] li').count()).toBe(2);
    expect(await op.locator('h1 + .risk').getAttribute('data-level')).toBe('medium');
    await s.shot(op, 'risk-09-reassessed');
    await advance(op, '评估报告');
    await advance(op, '集体研究决策');

    await leader.reload();
    await leader.waitForSelector('form button:has-text("记录决策")');
    expect(await leader.locator('[data-testid=risk-blockers]').count()).toBe(0);
    await leader.fill('input[name=decidedOn]', '2026-11-30');
    await leader.click('button:has-text("记录决策")');
    await expect.poll(() => leader.textContent('[data-testid=risk-decision]')).toContain('实施');
    await expect.poll(() => leader.locator('.risk-stepper li.current').textContent()).toContain('跟踪监控');
    await s.shot(leader, 'risk-10-decided');

    // The report downloads as DOCX and PDF and opens.
    const save = async (label: string, file: string) => {
      const [dl] = await Promise.all([leader.waitForEvent('download'), leader.click(`button:has-text("${label}")`)]);
      const to = path.join(SHOTS, file);
      await dl.saveAs(to);
      return { to, name: dl.suggestedFilename() };
    };
    const docx = await save('下载 Word', 'risk-report.docx');
    expect(docx.name).toMatch(/^稳评-620702-\d{4}-\d{4}\.docx$/);
    const xml = execFileSync('unzip', ['-p', docx.to, 'word/document.xml']).toString('utf8');
    for (const text of [
      `${TITLE}社会稳定风险评估报告`,
      '四、意见征集情况',
      '拒迁户聚集上访',
      '第 2 轮',
      '决策结果:实施',
    ])
      expect(xml).toContain(text);
    const pdf = await save('下载 PDF', 'risk-report.pdf');
    const bytes = fs.readFileSync(pdf.to);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await new PDFParse({ data: new Uint8Array(bytes) }).getText();
    expect(text.total).toBeGreaterThanOrEqual(2);
    const flat = text.text.replace(/\s+/g, ''); // long lines wrap in the PDF
    for (const t of [`${TITLE}社会稳定风险评估报告`, '可控性', '中风险', '拒迁户聚集上访', '组建包户工作组'])
      expect(flat).toContain(t);

    // 跟踪监控: events reported in the area show up; measures are completed and the matter closes.
    const matter = await db
      .selectFrom('risk_matter')
      .select('area_codes')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const grid = await db
      .selectFrom('area')
      .select(['center_lng', 'center_lat'])
      .where('code', 'like', `${matter.area_codes[0]}%`)
      .where('level', '=', 'grid')
      .limit(1)
      .executeTakeFirstOrThrow();
    const token = await s.t.login('demo-ganzhou');
    for (let k = 0; k < 3; k++) {
      const r = await s.t.api('POST', '/api/events', {
        token,
        body: {
          categoryCode: '0102',
          description: '征地补偿纠纷,群众到村委会反映',
          location: { lng: grid.center_lng, lat: grid.center_lat },
          reporter: { name: '李某', phone: `1390000300${k}` },
        },
      });
      expect(r.status).toBe(201);
    }
    await op.reload();
    await expect.poll(() => op.locator('[data-testid=risk-signals] .risk-events li').count()).toBe(3);
    expect(await op.locator('.risk-week-count').allTextContents()).toEqual(['3']);
    expect(await missing(op)).toEqual(['化解措施尚未全部落实']);
    for (const label of ['补偿标准不一引发攀比', '拒迁户聚集上访']) {
      await op.fill(`input[aria-label="落实情况 ${label}"]`, '已落实');
      await op
        .locator('[data-testid=risk-measures] tr', { hasText: label })
        .locator('button:has-text("已落实")')
        .click();
      await expect
        .poll(() => op.locator('[data-testid=risk-measures] tr', { hasText: label }).locator('.badge').count())
        .toBe(1);
    }
    await s.shot(op, 'risk-11-follow-up');
    await op.click(`[data-testid=risk-step] button:has-text("进入下一环节")`);
    await expect.poll(() => op.locator('.risk-stepper li.current').textContent()).toContain('已办结');
    expect(await op.locator('[data-testid=risk-steps] tbody tr').count()).toBe(10);
    await s.shot(op, 'risk-12-closed');

    // The overview of the county counts the matter among the demo's.
    await op.goto(`${s.base}/risk/overview`);
    await op.waitForSelector('[data-testid=risk-overdue] tbody tr');
    await s.shot(op, 'risk-13-overview');
    const closed = await db
      .selectFrom('risk_matter')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('area_code', 'like', '620702%')
      .where('stage', '=', 'closed')
      .executeTakeFirstOrThrow();
    expect(await op.locator('[data-testid=risk-by-stage] [data-key=closed] .num').textContent()).toBe(String(closed.n));
    await op.goto(`${s.base}/risk/firms`);
    await op.waitForSelector('[data-testid=risk-firms] tbody tr >> nth=33');
    await s.shot(op, 'risk-14-firms');
  });
});
