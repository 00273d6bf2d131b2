import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';

describe(`four-level seven-day mediation (${backend})`, () => {
  let t: TestApp;
  let grid: { code: string; lng: number; lat: number };
  let justiceOffice: string;
  let n = 0;
  const db = () => t.runtime.database.db;

  beforeAll(async () => {
    // Thursday 26 Nov 2026, 10:00 in Shanghai.
    t = await startTestApp({ now: '2026-11-26T02:00:00Z' });
    const township = (
      await db()
        .selectFrom('app_user')
        .select('scope_code')
        .where('username', '=', 'demo-mediator')
        .executeTakeFirstOrThrow()
    ).scope_code;
    const g = await db()
      .selectFrom('area')
      .select(['code', 'center_lng', 'center_lat'])
      .where('code', 'like', `${township}%`)
      .where('level', '=', 'grid')
      .orderBy('code')
      .limit(1)
      .executeTakeFirstOrThrow();
    grid = { code: g.code, lng: g.center_lng!, lat: g.center_lat! };
    justiceOffice = (
      await db()
        .selectFrom('unit')
        .select('id')
        .where('area_code', '=', township)
        .where('kind', '=', 'justice_office')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => t.close());

  const dispute = async () => {
    const op = await t.login('demo-ganzhou');
    // Spread the cases 300 m apart so none is taken for a duplicate of another.
    const r = await t.api('POST', '/api/events', {
      token: op,
      body: {
        categoryCode: '0102',
        description: '两户因排水沟堵塞相互指责,多次争吵',
        location: { lng: grid.lng + 0.003 * (n++ % 3) - 0.003, lat: grid.lat + 0.003 * Math.floor(n / 3) },
      },
    });
    expect(r.status).toBe(201);
    return r.body as { id: string; number: string };
  };
  const mediation = async (id: string, token?: string) =>
    (await t.api('GET', `/api/events/${id}`, { token: token ?? (await t.login('demo-ganzhou')) })).body.mediation;

  it('opens at the grid level, runs out of time at the grid and the village, and lands at the township justice office with its history', async () => {
    const e = await dispute();
    expect(await mediation(e.id)).toMatchObject({
      status: 'open',
      levelKey: 'grid',
      levelDueAt: '2026-11-27T09:30:00.000Z',
      levels: [{ key: 'grid' }, { key: 'village' }, { key: 'justice_office' }, { key: 'township_centre' }],
    });
    // The grid's mediators are told.
    const mediatorInbox = await t.api('GET', '/api/notifications', { token: await t.login('demo-mediator') });
    expect(
      mediatorInbox.body.items.some(
        (x: { kind: string; eventId: string }) => x.kind === 'mediation' && x.eventId === e.id,
      ),
    ).toBe(true);

    // The server was down until Monday: the first sweep moves the case up one level, and the village gets its full two working days from now.
    t.clock.set('2026-11-30T01:00:00Z');
    await t.runtime.sweep();
    expect(await mediation(e.id)).toMatchObject({
      levelKey: 'village',
      levelDueAt: '2026-12-02T09:30:00.000Z',
      levelUnit: null,
    });
    await t.runtime.sweep();
    expect((await mediation(e.id)).levelKey).toBe('village');

    t.clock.set('2026-12-03T02:00:00Z');
    await t.runtime.sweep();
    const handler = await t.login('demo-handler');
    const m = await mediation(e.id, handler);
    expect(m).toMatchObject({ levelKey: 'justice_office', levelIndex: 2, levelUnit: { id: justiceOffice } });
    expect(m.steps.map((s: { levelKey: string; result: string | null }) => [s.levelKey, s.result])).toEqual([
      ['grid', 'timeout'],
      ['village', 'timeout'],
      ['justice_office', null],
    ]);
    const detail = await t.api('GET', `/api/events/${e.id}`, { token: handler });
    expect(detail.body.mediationActions).toEqual(['resolve', 'fail']);
    expect(detail.body.timeline.filter((s: { action: string }) => s.action === 'mediation_escalate')).toHaveLength(2);
    // The justice office is told and finds the case among its own.
    const inbox = await t.api('GET', '/api/notifications', { token: handler });
    expect(inbox.body.items[0]).toMatchObject({ kind: 'mediation', eventId: e.id });
    const mine = await t.api('GET', '/api/mediation/cases?mine=true&status=open', { token: handler });
    expect(mine.body.items.map((c: { eventId: string }) => c.eventId)).toContain(e.id);
    expect(mine.body.items.find((c: { eventId: string }) => c.eventId === e.id)).toMatchObject({
      levelName: '乡镇司法所',
      deadline: 'normal',
    });

    // The justice office resolves it with an agreement; the funnel counts it at its level.
    expect(
      (await t.api('POST', `/api/events/${e.id}/mediation`, { token: handler, body: { action: 'resolve' } })).status,
    ).toBe(400);
    const resolved = await t.api('POST', `/api/events/${e.id}/mediation`, {
      token: handler,
      body: {
        action: 'resolve',
        outcome: '双方同意共同清理排水沟',
        agreement: '一、甲乙双方于本周内共同清理排水沟;二、今后每季度轮流清理。',
      },
    });
    expect(resolved.body).toMatchObject({ status: 'resolved', levelKey: 'justice_office' });
    expect(await mediation(e.id)).toMatchObject({
      status: 'resolved',
      resolvedLevelKey: 'justice_office',
      agreement: expect.stringContaining('轮流清理'),
    });
    expect(
      (await t.api('POST', `/api/events/${e.id}/mediation`, { token: handler, body: { action: 'fail', note: '再试' } }))
        .status,
    ).toBe(409);
  });

  it('moves up when a mediator marks a level failed; only the right people act at each level', async () => {
    const e = await dispute();
    const gridWorker = await t.login('demo-grid');
    expect(
      (await t.api('POST', `/api/events/${e.id}/mediation`, { token: gridWorker, body: { action: 'fail' } })).status,
    ).toBe(400);
    expect(
      (
        await t.api('POST', `/api/events/${e.id}/mediation`, {
          token: gridWorker,
          body: { action: 'fail', note: '当事人拒绝调解' },
        })
      ).body.levelKey,
    ).toBe('village');
    // A grid worker mediates only at the first level; the justice office only at its own.
    expect(
      (
        await t.api('POST', `/api/events/${e.id}/mediation`, {
          token: gridWorker,
          body: { action: 'fail', note: '越级' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await t.api('POST', `/api/events/${e.id}/mediation`, {
          token: await t.login('demo-handler'),
          body: { action: 'fail', note: '越级' },
        })
      ).status,
    ).toBe(403);
    const mediator = await t.login('demo-mediator');
    await t.api('POST', `/api/events/${e.id}/mediation`, {
      token: mediator,
      body: { action: 'fail', note: '村调委会调解不成' },
    });
    await t.api('POST', `/api/events/${e.id}/mediation`, {
      token: mediator,
      body: { action: 'fail', note: '司法所调解不成' },
    });
    const last = await t.api('POST', `/api/events/${e.id}/mediation`, {
      token: mediator,
      body: { action: 'fail', note: '镇综治中心调解不成' },
    });
    expect(last.body.status).toBe('exhausted');
    const timeline = (await t.api('GET', `/api/events/${e.id}`, { token: mediator })).body.timeline;
    expect(timeline.at(-1)).toMatchObject({ action: 'mediation_exhausted' });
  });

  it('shows the share resolved at each level: 小事不出村、大事不出镇、矛盾不上交', async () => {
    const mediator = await t.login('demo-mediator');
    const village = await dispute();
    await t.api('POST', `/api/events/${village.id}/mediation`, {
      token: mediator,
      body: { action: 'fail', note: '网格调解不成' },
    });
    await t.api('POST', `/api/events/${village.id}/mediation`, {
      token: mediator,
      body: { action: 'resolve', outcome: '村调委会调解成功' },
    });
    const open = await dispute();
    const township = grid.code.slice(0, 9);
    const f = await t.api('GET', `/api/mediation/funnel?areaCode=${township}`, { token: mediator });
    expect(f.status).toBe(200);
    // Recount from the rows: the funnel must agree with the cases themselves.
    const rows = await db()
      .selectFrom('mediation_case')
      .select(['status', 'resolved_level_key'])
      .where('grid_code', 'like', `${township}%`)
      .execute();
    const finished = rows.filter((r) => r.status === 'resolved' || r.status === 'exhausted').length;
    expect(f.body.total).toBe(rows.length);
    expect(f.body.open).toBe(rows.filter((r) => r.status === 'open').length);
    for (const level of f.body.levels as Array<{ key: string; resolved: number; share: number }>) {
      const resolved = rows.filter((r) => r.status === 'resolved' && r.resolved_level_key === level.key).length;
      expect(level.resolved).toBe(resolved);
      expect(level.share).toBeCloseTo(finished === 0 ? 0 : resolved / finished, 10);
    }
    expect(f.body.levels.find((l: { key: string }) => l.key === 'village').resolved).toBeGreaterThanOrEqual(1);
    expect(rows.some((r) => r.status === 'open')).toBe(true);
    expect(open.id).toBeTruthy();
    // Outside the mediator's scope the funnel falls back to their own area.
    expect((await t.api('GET', '/api/mediation/funnel?areaCode=620721', { token: mediator })).body.areaCode).toBe(
      township,
    );
  });

  it('uses up the levels by time: the last level running out closes the case as exhausted and tells the operators', async () => {
    const e = await dispute();
    const mediator = await t.login('demo-mediator');
    for (const note of ['网格调解不成', '村调委会调解不成', '司法所调解不成'])
      await t.api('POST', `/api/events/${e.id}/mediation`, { token: mediator, body: { action: 'fail', note } });
    expect((await mediation(e.id)).levelKey).toBe('township_centre');
    t.clock.set(new Date(t.clock.now().getTime() + 14 * 86_400_000).toISOString());
    expect((await t.runtime.sweep()).mediationEscalated).toBeGreaterThanOrEqual(1);
    const m = await mediation(e.id);
    expect(m).toMatchObject({ status: 'exhausted', levelDueAt: null });
    expect(m.steps.at(-1)).toMatchObject({ levelKey: 'township_centre', result: 'timeout' });
    const timeline = (await t.api('GET', `/api/events/${e.id}`, { token: await t.login('demo-mediator') })).body
      .timeline;
    expect(timeline.filter((s: { action: string }) => s.action === 'mediation_exhausted')).toHaveLength(1);
    const inbox = await t.api('GET', '/api/notifications', { token: await t.login('demo-ganzhou') });
    expect(
      inbox.body.items.some(
        (x: { kind: string; eventId: string; title: string }) =>
          x.kind === 'mediation' && x.eventId === e.id && x.title.startsWith('纠纷调解用尽'),
      ),
    ).toBe(true);
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', e.id)
      .where('action', '=', 'mediation.exhausted')
      .execute();
    expect(audit).toHaveLength(1);
    // Once: the next sweep leaves it alone.
    await t.runtime.sweep();
    expect(
      (await t.api('GET', `/api/events/${e.id}`, { token: await t.login('demo-mediator') })).body.timeline.filter(
        (s: { action: string }) => s.action === 'mediation_exhausted',
      ),
    ).toHaveLength(1);
  });
});
