import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../tests/helpers/factories.js';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';
import { runSupervisionJob } from './supervision-job.js';

/**
 * 挂牌督办: rules evaluated twice raise each flag once; the county confirms a flag into a case, the
 * township rectifies and asks to close, only the county approves; the deadline runs out into 逾期;
 * a sibling township sees nothing (404).
 */
describe(`supervision list (${backend})`, () => {
  let t: TestApp;
  let township: string;
  let sibling: string;
  let point: { lng: number; lat: number };
  let county: string;
  let rules: { overdue: string; repeat: string };
  const db = () => t.runtime.database.db;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-08-10T02:00:00Z' });
    const g = (
      await db()
        .selectFrom('app_user')
        .select('scope_code')
        .where('username', '=', 'demo-grid')
        .executeTakeFirstOrThrow()
    ).scope_code;
    township = g.slice(0, 9);
    sibling = (
      await db()
        .selectFrom('area')
        .select('code')
        .where('parent_code', '=', township.slice(0, 6))
        .where('code', '<>', township)
        .where('level', '=', 'township')
        .orderBy('code')
        .limit(1)
        .executeTakeFirstOrThrow()
    ).code;
    const a = await db()
      .selectFrom('area')
      .select(['center_lng', 'center_lat'])
      .where('code', '=', g)
      .executeTakeFirstOrThrow();
    point = { lng: a.center_lng!, lat: a.center_lat! };
    county = await t.login('demo-ganzhou');
    const city = await t.login('demo-city');
    const rule = async (body: object) => {
      const r = await t.api('POST', '/api/supervision/rules', { token: city, body });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id as string;
    };
    rules = {
      overdue: await rule({
        name: '测试逾期率',
        areaCode: township.slice(0, 6),
        level: 'township',
        measure: 'overdue_share',
        threshold: 0.5,
        minEvents: 3,
      }),
      repeat: await rule({
        name: '测试同一地点',
        areaCode: township.slice(0, 6),
        level: 'village',
        measure: 'repeat_place',
        threshold: 3,
        minEvents: 3,
      }),
    };
    // Three hazards at one spot in Q3; two are dispatched; all run out of time.
    for (let i = 0; i < 3; i++) {
      t.clock.set(`2026-08-1${i}T02:00:00Z`);
      // Sessions expire as the clock jumps: log in at each instant.
      county = await t.login('demo-ganzhou');
      const e = await t.api('POST', '/api/events', {
        token: county,
        body: { categoryCode: '0201', description: `路口反复出现治安隐患${i}`, location: point },
      });
      expect(e.status).toBe(201);
      if (i < 2) {
        await t.api('POST', `/api/events/${e.body.id}/transitions`, { token: county, body: { action: 'accept' } });
        await t.api('POST', `/api/events/${e.body.id}/transitions`, { token: county, body: { action: 'dispatch' } });
      }
    }
    // A week later every hazard's one working day has run out; the sweep stamps them overdue.
    t.clock.set('2026-08-20T09:00:00Z');
    await t.runtime.sweep();
    t.clock.set('2026-11-27T02:00:00Z');
    county = await t.login('demo-ganzhou');
  });
  afterAll(() => t.close());

  const mine = async (token: string) =>
    (
      (await t.api('GET', '/api/supervision/flags', { token })).body.items as Array<{
        id: string;
        ruleName: string;
        areaCode: string;
        value: number;
        canDecide: boolean;
        status: string;
      }>
    ).filter((f) => f.ruleName.startsWith('测试'));

  it('evaluates idempotently: the second run finds the same flags', async () => {
    const first = await t.api('POST', '/api/supervision/evaluate', { token: county, body: {} });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const flags = await mine(county);
    expect(flags.map((f) => f.ruleName).sort()).toEqual(['测试同一地点', '测试逾期率']);
    const overdueFlag = flags.find((f) => f.ruleName === '测试逾期率')!;
    // Recounted from the rows: overdue share of the township's Q3 events.
    const rows = await db()
      .selectFrom('event')
      .select(['overdue_at'])
      .where('grid_code', 'like', `${township}%`)
      .where('created_at', '>=', new Date('2026-06-30T16:00:00Z'))
      .where('created_at', '<', new Date('2026-09-30T16:00:00Z'))
      .execute();
    expect(overdueFlag).toMatchObject({
      areaCode: township,
      value: rows.filter((r) => r.overdue_at).length / rows.length,
      canDecide: true,
      status: 'pending',
    });
    expect(flags.find((f) => f.ruleName === '测试同一地点')).toMatchObject({
      areaCode: expect.stringMatching(new RegExp(`^${township}\\d{3}$`)),
      value: 3,
    });

    const again = await t.api('POST', '/api/supervision/evaluate', { token: county, body: {} });
    expect(again.body.created).toBe(0);
    expect(again.body.existing).toBe(first.body.created + first.body.existing);
    const job = await runSupervisionJob(t.runtime.services);
    expect(job.created).toBe(0);
    const stored = await db()
      .selectFrom('supervision_flag')
      .select('id')
      .where('rule_id', 'in', [rules.overdue, rules.repeat])
      .execute();
    expect(stored).toHaveLength(2);
  });

  it('confirm → rectify → request → reject → request → approve, each step audited; only the level above closes', async () => {
    const flag = (await mine(county)).find((f) => f.ruleName === '测试逾期率')!;
    const townOp = await createUser(t, ['operator'], township);
    const siblingOp = await createUser(t, ['operator'], sibling);
    // The township sees its own flag but cannot list itself.
    expect((await mine(townOp.token)).find((f) => f.id === flag.id)).toMatchObject({ canDecide: false });
    expect(
      (await t.api('POST', `/api/supervision/flags/${flag.id}/confirm`, { token: townOp.token, body: {} })).status,
    ).toBe(403);
    expect(
      (await t.api('POST', `/api/supervision/flags/${flag.id}/confirm`, { token: siblingOp.token, body: {} })).status,
    ).toBe(404);

    const c = await t.api('POST', `/api/supervision/flags/${flag.id}/confirm`, {
      token: county,
      body: { workingDays: 5, requirement: '查明逾期原因,一周内整改' },
    });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    // Friday 27 Nov 10:00 + 5 working days = the close of Friday 4 Dec (17:30 Shanghai).
    expect(c.body.deadlineAt).toBe('2026-12-04T09:30:00.000Z');
    expect((await t.api('POST', `/api/supervision/flags/${flag.id}/confirm`, { token: county, body: {} })).status).toBe(
      409,
    );
    const id = c.body.id as string;

    const act = (token: string, action: string, note?: string) =>
      t.api('POST', `/api/supervision/cases/${id}/actions`, { token, body: { action, ...(note ? { note } : {}) } });
    expect((await t.api('GET', `/api/supervision/cases/${id}`, { token: townOp.token })).body).toMatchObject({
      status: 'listed',
      actions: ['start', 'request_close'],
      deadline: 'normal',
    });
    expect((await act(townOp.token, 'start')).body.status).toBe('rectifying');
    expect((await act(townOp.token, 'request_close')).status).toBe(400);
    expect((await act(townOp.token, 'request_close', '已约谈承办单位并完成整改')).body).toMatchObject({
      status: 'requested',
      actions: [],
    });
    expect((await act(townOp.token, 'approve')).status).toBe(403);
    expect((await act(siblingOp.token, 'approve')).status).toBe(404);
    expect((await act(county, 'reject', '整改材料不全')).body.status).toBe('rectifying');
    await act(townOp.token, 'request_close', '补充整改材料');
    const closed = await act(county, 'approve');
    expect(closed.body).toMatchObject({ status: 'closed', deadline: 'closed', actions: [] });
    expect(closed.body.steps.map((s: { action: string; toStatus: string }) => `${s.action}:${s.toStatus}`)).toEqual([
      'list:listed',
      'start:rectifying',
      'request_close:requested',
      'reject:rectifying',
      'request_close:requested',
      'approve:closed',
    ]);
    expect((await act(county, 'approve')).status).toBe(409);
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'supervision.confirm',
      'supervision.start',
      'supervision.request_close',
      'supervision.reject',
      'supervision.request_close',
      'supervision.approve',
    ]);

    // The history is visible above (county, city) and in the township; never to the sibling.
    for (const token of [county, await t.login('demo-city'), await t.login('demo-leader'), townOp.token]) {
      expect(
        (await t.api('GET', '/api/supervision/cases', { token })).body.items.map((x: { id: string }) => x.id),
      ).toContain(id);
    }
    expect(
      (await t.api('GET', '/api/supervision/cases', { token: siblingOp.token })).body.items.map(
        (x: { id: string }) => x.id,
      ),
    ).not.toContain(id);
    expect((await t.api('GET', `/api/supervision/cases/${id}`, { token: siblingOp.token })).status).toBe(404);
    expect((await t.api('GET', `/api/supervision/cases/${id}`, { token: await t.login('demo-gaotai') })).status).toBe(
      404,
    );
  });

  it('runs past the deadline into 逾期 once, and can still be closed', async () => {
    const flag = (await mine(county)).find((f) => f.ruleName === '测试同一地点')!;
    const c = await t.api('POST', `/api/supervision/flags/${flag.id}/confirm`, {
      token: county,
      body: { workingDays: 1 },
    });
    expect(c.status).toBe(201);
    t.clock.set('2026-11-30T01:30:00Z');
    county = await t.login('demo-ganzhou');
    expect((await t.api('GET', `/api/supervision/cases/${c.body.id}`, { token: county })).body.deadline).toBe(
      'warning',
    );
    // One working day from Friday ends at 17:30 on Monday.
    t.clock.set('2026-11-30T10:00:00Z');
    county = await t.login('demo-ganzhou');
    expect((await runSupervisionJob(t.runtime.services)).overdue).toBe(1);
    expect((await runSupervisionJob(t.runtime.services)).overdue).toBe(0);
    const d = await t.api('GET', `/api/supervision/cases/${c.body.id}`, { token: county });
    expect(d.body).toMatchObject({ deadline: 'overdue', overdueAt: '2026-11-30T10:00:00.000Z', status: 'listed' });
    expect(d.body.steps.at(-1)).toMatchObject({ action: 'overdue', toStatus: 'listed' });
    const list = await t.api('GET', '/api/supervision/cases?status=open', { token: county });
    expect(list.body.items.find((x: { id: string }) => x.id === c.body.id)).toMatchObject({ deadline: 'overdue' });
    await t.api('POST', `/api/supervision/cases/${c.body.id}/actions`, {
      token: county,
      body: { action: 'request_close', note: '已整改' },
    });
    expect(
      (
        await t.api('POST', `/api/supervision/cases/${c.body.id}/actions`, {
          token: county,
          body: { action: 'approve' },
        })
      ).body.status,
    ).toBe('closed');
  });

  it('keeps rules to their authors: a county operator cannot add one; a dismissed flag stays dismissed', async () => {
    expect(
      (
        await t.api('POST', '/api/supervision/rules', {
          token: county,
          body: { name: 'x', level: 'township', measure: 'overdue_share', threshold: 0.1 },
        })
      ).status,
    ).toBe(403);
    const rules = await t.api('GET', '/api/supervision/rules', { token: county });
    expect(rules.body.items.length).toBeGreaterThanOrEqual(6);
  });
});
