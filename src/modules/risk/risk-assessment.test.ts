import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';
import { creditCodeProblem } from '../../kernel/credit-code.js';
import { seedDemoRisk } from '../../seed/demo-risk.js';

const DAY = 86_400_000;

describe(`risk assessment: a land-acquisition matter from registration to follow-up (${backend})`, () => {
  let t: TestApp;
  let op: string;
  let leader: string;
  let gaotai: string;
  let grid: { code: string; center_lng: number | null; center_lat: number | null };
  let id: string;
  const api = (method: string, url: string, token: string, body?: unknown) => t.api(method, url, { token, body });

  beforeAll(async () => {
    t = await startTestApp();
    await seedDemoRisk(t.runtime.database.db, { clock: t.clock }, 2026);
    [op, leader, gaotai] = await Promise.all([t.login('demo-ganzhou'), t.login('demo-leader'), t.login('demo-gaotai')]);
    grid = await t.runtime.database.db
      .selectFrom('area')
      .select(['code', 'center_lng', 'center_lat'])
      .where('code', 'like', '620702%')
      .where('level', '=', 'grid')
      .orderBy('code')
      .limit(1)
      .executeTakeFirstOrThrow();
  });
  afterAll(() => t?.close());

  it('seeds 34 firms with valid credit codes and four dozen matters at every step, some overdue', async () => {
    const firms = (await api('GET', '/api/risk/firms', op)).body;
    expect(firms).toHaveLength(34);
    for (const f of firms) expect(creditCodeProblem(f.creditCode), f.creditCode).toBeNull();
    const o = (await api('GET', '/api/risk/overview', leader)).body;
    const stages = Object.fromEntries(o.byStage.map((r: { key: string; n: number }) => [r.key, r.n]));
    expect(Object.keys(stages).sort()).toEqual([
      'closed',
      'decide',
      'grade',
      'identify',
      'investigate',
      'monitor',
      'plan',
      'report',
    ]);
    expect(Object.values(stages).reduce((a: number, b) => a + (b as number), 0)).toBe(48);
    expect(o.byLevel.map((r: { key: string }) => r.key)).toEqual(
      expect.arrayContaining(['high', 'medium', 'low', 'ungraded']),
    );
    expect(o.byDecision.map((r: { key: string }) => r.key).sort()).toEqual([
      'implement',
      'pending',
      'postpone',
      'reject',
    ]);
    expect(o.overdue.length).toBeGreaterThan(3);
    for (const r of o.overdue) expect(r.overdueWorkingDays).toBeGreaterThanOrEqual(0);
    expect(o.firms.some((f: { ratings: number }) => f.ratings > 0)).toBe(true);
    // A county operator sees only matters of the county; the overview of another county is 404.
    const mine = (await api('GET', '/api/risk/matters', op)).body.items;
    expect(mine.length).toBe(8);
    expect(mine.every((m: { areaCode: string }) => m.areaCode.startsWith('620702'))).toBe(true);
    expect((await api('GET', '/api/risk/overview?areaCode=620724', op)).status).toBe(404);
  });

  it('walks the steps, listing what each lacks, and refuses a firm tied to the implementing body', async () => {
    const village = grid.code.slice(0, 12);
    const created = await api('POST', '/api/risk/matters', op, {
      title: '测试村集体土地征收及房屋拆迁项目',
      type: 'project',
      kind: 'special',
      decidingBody: '甘州区人民政府常务会议',
      implementingBody: '甘州区自然资源局',
      areaCodes: [village],
      background: '道路建设征地',
      basis: '《土地管理法》',
    });
    expect(created.status).toBe(201);
    id = created.body.id;
    expect(created.body).toMatchObject({
      stage: 'identify',
      number: expect.stringMatching(/^稳评-620702-\d{4}-\d{4}$/),
      areas: [{ code: village, people: expect.any(Number) }],
    });
    expect(created.body.areas[0].people).toBeGreaterThan(0);
    expect(created.body.missing.map((m: { key: string }) => m.key)).toEqual([
      'risk_missing_schedule',
      'risk_missing_budget',
    ]);
    const refused = await api('POST', `/api/risk/matters/${id}/advance`, op, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.fields.map((f: { message: string }) => f.message)).toEqual([
      '未填写计划实施时间',
      '重大项目须填写投资额',
    ]);
    await api('PATCH', `/api/risk/matters/${id}`, op, { budget: 18600, scheduleStart: '2027-03-01' });
    expect((await api('POST', `/api/risk/matters/${id}/advance`, op, {})).body.stage).toBe('plan');

    const firms = (await api('GET', '/api/risk/firms', op)).body as Array<{
      id: string;
      name: string;
      ties: Array<{ name: string }>;
      status: string;
    }>;
    const tied = firms.find((f) => f.ties.some((x) => x.name === '甘州区自然资源局'))!;
    const bad = await api('POST', `/api/risk/matters/${id}/firm`, op, { firmId: tied.id });
    expect(bad.status).toBe(409);
    expect(bad.body.error.message).toContain('应当回避');
    const free = firms.find((f) => f.ties.length === 0 && f.status === 'active')!;
    const assigned = await api('POST', `/api/risk/matters/${id}/firm`, op, { firmId: free.id });
    expect(assigned.body.firmDetail.name).toBe(free.name);
    expect(assigned.body.stages.at(-1)).toMatchObject({ stage: 'plan', ownerName: free.name });
    await api('PATCH', `/api/risk/matters/${id}`, op, { leadAssessor: '王建国', plan: '公示、走访、听证' });
    expect((await api('POST', `/api/risk/matters/${id}/advance`, op, {})).body.stage).toBe('investigate');

    await api('POST', `/api/risk/matters/${id}/consultations`, op, {
      method: 'notice',
      heldOn: '2026-11-20',
      participants: 300,
      consulted: '全体被征收户',
      opinions: [{ content: '补偿偏低', adopted: null }],
    });
    let d = (
      await api('POST', `/api/risk/matters/${id}/consultations`, op, {
        method: 'visit',
        heldOn: '2026-11-22',
        participants: 80,
        consulted: '被征收户',
        opinions: [],
      })
    ).body;
    expect(d.missing.map((m: { key: string }) => m.key)).toEqual(['risk_missing_hearing', 'risk_opinion_unanswered']);
    d = (
      await api('POST', `/api/risk/matters/${id}/consultations`, op, {
        method: 'hearing',
        heldOn: '2026-11-25',
        participants: 40,
        consulted: '被征收户代表',
        opinions: [],
      })
    ).body;
    const opinion = d.consultations[0].opinions[0].id;
    expect(
      (await api('PUT', `/api/risk/matters/${id}/opinions/${opinion}`, op, { adopted: false })).body.missing.map(
        (m: { key: string }) => m.key,
      ),
    ).toEqual(['risk_opinion_rejected_without_reason']);
    await api('PUT', `/api/risk/matters/${id}/opinions/${opinion}`, op, {
      adopted: false,
      response: '已按区片综合地价上限执行',
    });
    expect((await api('POST', `/api/risk/matters/${id}/advance`, op, {})).body.stage).toBe('grade');
  });

  const points = [
    { dimension: 'legality', description: '征收公告程序瑕疵', likelihood: 2, impact: 3, affectedPeople: 100 },
    {
      dimension: 'reasonableness',
      description: '补偿标准不一引发攀比',
      likelihood: 4,
      impact: 4,
      affectedPeople: 800,
      mitigation: '统一区片综合地价',
      mitigationOwner: '区自然资源局',
    },
    { dimension: 'feasibility', description: '安置房滞后', likelihood: 2, impact: 2, affectedPeople: 300 },
    {
      dimension: 'controllability',
      description: '拒迁户聚集上访',
      likelihood: 4,
      impact: 5,
      affectedPeople: 120,
      mitigation: '包户化解',
      mitigationOwner: '乡镇党委',
    },
  ];

  it('grades high, audits an override only with a reason, and blocks 实施 until mitigated and re-assessed', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: the same loose JSON body the harness returns
    let d: { body: any; status: number } = { body: null, status: 0 };
    for (const p of points) d = await api('POST', `/api/risk/matters/${id}/points`, op, p);
    expect(d.body.missing.map((m: { key: string }) => m.key)).toEqual(['risk_missing_grading']);
    expect(d.body.points.map((p: { level: string }) => p.level)).toEqual(['low', 'high', 'low', 'high']);
    const noReason = await api('POST', `/api/risk/matters/${id}/grading`, op, {
      finalLevel: 'medium',
      overrideReason: '太短',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields[0].path).toBe('overrideReason');
    d = await api('POST', `/api/risk/matters/${id}/grading`, op, {});
    expect(d.body.gradings).toEqual([
      expect.objectContaining({ round: 1, computed: 'high', final: 'high', mitigated: true }),
    ]);
    expect(d.body.level).toBe('high');
    d = await api('POST', `/api/risk/matters/${id}/grading`, op, {
      finalLevel: 'medium',
      overrideReason: '拒迁户已签订意向协议,聚集可能性较低',
    });
    expect(d.body.gradings[1]).toMatchObject({
      computed: 'high',
      final: 'medium',
      overrideReason: '拒迁户已签订意向协议,聚集可能性较低',
    });
    const audit = (await api('GET', `/api/risk/matters/${id}/audit`, op)).body;
    expect(audit.find((a: { action: string }) => a.action === 'risk.override_level')).toMatchObject({
      reason: '拒迁户已签订意向协议,聚集可能性较低',
      after: { level: 'medium' },
    });
    await api('POST', `/api/risk/matters/${id}/grading`, op, {
      finalLevel: 'high',
      overrideReason: '撤回调整,按计算结果定级为高风险',
    });
    expect((await api('POST', `/api/risk/matters/${id}/advance`, op, {})).body.stage).toBe('report');
    expect(
      (await api('POST', `/api/risk/matters/${id}/advance`, op, {})).body.error.fields.map(
        (f: { path: string; message: string }) => f.message,
      ),
    ).toEqual(['未填写评估结论', '中、高风险须有应急处置预案']);
    await api('PATCH', `/api/risk/matters/${id}`, op, { conclusion: '高风险,建议暂缓', contingency: '成立应急处置组' });
    expect((await api('POST', `/api/risk/matters/${id}/rating`, op, { score: 4 })).body.rating).toMatchObject({
      score: 4,
    });
    expect((await api('POST', `/api/risk/matters/${id}/advance`, op, {})).body.stage).toBe('decide');

    const decision = { decision: 'implement', decidedBy: '甘州区人民政府常务会议', decidedOn: '2026-11-28' };
    expect((await api('POST', `/api/risk/matters/${id}/decision`, op, decision)).status).toBe(403);
    const blocked = await api('POST', `/api/risk/matters/${id}/decision`, leader, decision);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.fields.map((f: { message: string }) => f.message)).toEqual([
      '高风险事项不得决策实施:须落实化解措施并重新评估',
    ]);

    d = await api('POST', `/api/risk/matters/${id}/reassess`, op, { reason: '安置方案调整后重新评估' });
    expect(d.body).toMatchObject({ stage: 'grade', round: 2 });
    expect(d.body.missing.map((m: { key: string }) => m.key)).toEqual(['risk_missing_grading']);
    for (const [k, p] of d.body.points.entries()) {
      await api('PUT', `/api/risk/matters/${id}/points/${p.id}`, op, {
        ...points[k],
        likelihood: k === 1 || k === 3 ? 2 : points[k]!.likelihood,
        mitigation: points[k]!.mitigation ?? null,
        mitigationOwner: points[k]!.mitigationOwner ?? null,
      });
    }
    d = await api('POST', `/api/risk/matters/${id}/grading`, op, {});
    expect(d.body.gradings.at(-1)).toMatchObject({ round: 2, computed: 'medium', final: 'medium', mitigated: true });
    await api('POST', `/api/risk/matters/${id}/advance`, op, {});
    expect((await api('POST', `/api/risk/matters/${id}/advance`, op, {})).body.stage).toBe('decide');
    d = await api('POST', `/api/risk/matters/${id}/decision`, leader, decision);
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({
      stage: 'monitor',
      decision: 'implement',
      decidedBy: '甘州区人民政府常务会议',
      implementationStartedAt: t.clock.now().toISOString(),
    });
  });

  it('links events of the affected area by week and tracks the measures to completion', async () => {
    // Implementation started on Saturday 2026-11-28 (Shanghai): one event in each of the next two
    // weeks, five in the third, and the fourth week still running.
    const report = async (n: number) => {
      op = await t.login('demo-ganzhou'); // sessions expire while the clock moves on
      for (let k = 0; k < n; k++) {
        const r = await api('POST', '/api/events', op, {
          categoryCode: '0102',
          description: '征地补偿纠纷,群众到村委会反映',
          location: { lng: grid.center_lng, lat: grid.center_lat },
          reporter: { name: '李某', phone: `1390000${String(2000 + k)}` },
        });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      }
    };
    const quiet = await api('GET', `/api/risk/matters/${id}/signals`, leader);
    expect(quiet.body).toMatchObject({ total: 0, rising: false, weeks: [{ week: '2026-11-23', count: 0 }] });
    t.clock.advance(1 * DAY);
    await report(1);
    t.clock.advance(7 * DAY);
    await report(1);
    t.clock.advance(7 * DAY);
    await report(5);
    t.clock.advance(7 * DAY);
    [op, leader, gaotai] = await Promise.all([t.login('demo-ganzhou'), t.login('demo-leader'), t.login('demo-gaotai')]);
    const s = (await api('GET', `/api/risk/matters/${id}/signals`, leader)).body;
    expect(s.total).toBe(7);
    expect(s.weeks).toEqual([
      { week: '2026-11-23', count: 1 },
      { week: '2026-11-30', count: 1 },
      { week: '2026-12-07', count: 5 },
      { week: '2026-12-14', count: 0 },
    ]);
    expect(s.rising).toBe(true);
    expect(s.events).toHaveLength(7);
    expect((await api('GET', `/api/risk/matters/${id}/signals`, gaotai)).status).toBe(404);

    let d = (await api('POST', `/api/risk/matters/${id}/advance`, op, {})).body;
    expect(d.error.fields.map((f: { message: string }) => f.message)).toEqual(['化解措施尚未全部落实']);
    const detail = (await api('GET', `/api/risk/matters/${id}`, op)).body;
    for (const p of detail.points.filter((x: { mitigation: string | null }) => x.mitigation))
      await api('POST', `/api/risk/matters/${id}/points/${p.id}/done`, op, { note: '已落实' });
    d = (await api('POST', `/api/risk/matters/${id}/advance`, op, {})).body;
    expect(d.stage).toBe('closed');
    expect(d.stages.map((s: { stage: string; round: number }) => `${s.stage}${s.round}`)).toEqual([
      'identify1',
      'plan1',
      'investigate1',
      'grade1',
      'report1',
      'decide1',
      'grade2',
      'report2',
      'decide2',
      'monitor2',
    ]);
  });

  it('writes the report as DOCX and PDF with the matter in it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'risk-report-'));
    const docx = await t.runtime.app.inject({
      method: 'GET',
      url: `/api/risk/matters/${id}/report.docx`,
      headers: { authorization: `Bearer ${leader}` },
    });
    expect(docx.statusCode).toBe(200);
    fs.writeFileSync(path.join(dir, 'r.docx'), docx.rawPayload);
    const xml = execFileSync('unzip', ['-p', path.join(dir, 'r.docx'), 'word/document.xml']).toString('utf8');
    for (const s of [
      '测试村集体土地征收及房屋拆迁项目社会稳定风险评估报告',
      '五、风险识别',
      '拒迁户聚集上访',
      '评估人员调整,理由:拒迁户已签订意向协议',
      '决策结果:实施',
    ])
      expect(xml).toContain(s);
    const pdf = await t.runtime.app.inject({
      method: 'GET',
      url: `/api/risk/matters/${id}/report.pdf`,
      headers: { authorization: `Bearer ${leader}` },
    });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await new PDFParse({ data: new Uint8Array(pdf.rawPayload) }).getText();
    expect(text.total).toBeGreaterThanOrEqual(2);
    // Long lines wrap in the PDF; compare without the line breaks.
    const flat = text.text.replace(/\s+/g, '');
    for (const s of ['测试村集体土地征收及房屋拆迁项目社会稳定风险评估报告', '合法性', '高风险', '包户化解'])
      expect(flat).toContain(s);
    expect((await t.api('GET', `/api/risk/matters/${id}/report.pdf`, { token: gaotai })).status).toBe(404);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
