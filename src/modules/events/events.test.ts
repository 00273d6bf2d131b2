import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';

describe(`events: intake, the loop, tracking (${backend})`, () => {
  let t: TestApp;
  let op: string;
  let grid: { code: string; lng: number; lat: number };
  beforeAll(async () => {
    // Thursday 10:00 in Shanghai.
    t = await startTestApp({ now: '2026-11-26T02:00:00Z' });
    const g = await t.runtime.database.db
      .selectFrom('area')
      .select(['code', 'center_lng', 'center_lat'])
      .where('code', 'like', '620702%')
      .where('level', '=', 'grid')
      .orderBy('code')
      .limit(1)
      .executeTakeFirstOrThrow();
    grid = { code: g.code, lng: g.center_lng!, lat: g.center_lat! };
  });
  beforeEach(async () => {
    op = await t.login('demo-ganzhou');
  });
  afterAll(() => t.close());

  const report = (token: string, body: Record<string, unknown> = {}) =>
    t.api('POST', '/api/events', {
      token,
      body: {
        categoryCode: '0102',
        description: '邻居装修噪音扰民,多次协商未果',
        location: { lng: grid.lng, lat: grid.lat },
        reporter: { name: '王某', phone: '13900001111' },
        ...body,
      },
    });

  it('lists the taxonomy', async () => {
    const r = await t.api('GET', '/api/event-categories');
    expect(r.status).toBe(200);
    expect(r.body.find((c: { code: string }) => c.code === '01')).toMatchObject({
      name: '矛盾纠纷',
      children: expect.arrayContaining([expect.objectContaining({ code: '0102', name: '邻里纠纷' })]),
    });
  });

  it('answers POST /api/events with 201, number, tracking code, grid and a working-day deadline', async () => {
    const r = await report(op);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      status: 'reported',
      gridCode: grid.code,
      categoryCode: '0102',
      reporterPhoneMasked: '139****1111',
    });
    expect(r.body.number).toMatch(/^SJ-620702-20261126-\d{6}$/);
    expect(r.body.trackingCode).toMatch(/^[A-Z2-9]{10}$/);
    // 7 working days from Thursday 26 Nov → Monday 7 Dec 17:30 Shanghai.
    expect(r.body.dueAt).toBe('2026-12-07T09:30:00.000Z');
    const second = await report(op);
    expect(Number(second.body.number.slice(-6))).toBe(Number(r.body.number.slice(-6)) + 1);
    const stored = await t.runtime.database.db
      .selectFrom('event')
      .select(['reporter_phone_enc', 'reporter_name_enc'])
      .where('id', '=', r.body.id)
      .executeTakeFirstOrThrow();
    expect(stored.reporter_phone_enc).not.toContain('13900001111');
  });

  it('refuses bad input with field messages', async () => {
    const r = await report(op, { categoryCode: '01', location: { lng: 0, lat: 0 }, reporter: { phone: '123' } });
    expect(r.status).toBe(400);
    expect(r.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'categoryCode',
      'location',
      'reporter.phone',
    ]);
  });

  it('runs the loop, answers 409 for a forbidden transition, and keeps the timeline', async () => {
    const e = (await report(op)).body;
    const step = (action: string, extra: Record<string, unknown> = {}, token = op) =>
      t.api('POST', `/api/events/${e.id}/transitions`, { token, body: { action, ...extra } });
    const early = await step('close');
    expect(early.status).toBe(409);
    expect(early.body.error.id).toBe('invalid_transition');
    expect((await step('reject')).status).toBe(400);
    for (const a of ['accept', 'dispatch']) expect((await step(a)).status).toBe(200);
    const handler = await t.login('demo-handler');
    for (const a of ['start', 'feedback']) expect((await step(a, {}, handler)).status).toBe(200);
    expect((await step('rework', { note: '现场仍有噪音' })).body.status).toBe('handling');
    expect((await step('feedback', {}, handler)).status).toBe(200);
    for (const a of ['verify', 'close']) expect((await step(a)).status).toBe(200);
    const detail = await t.api('GET', `/api/events/${e.id}`, { token: op });
    expect(detail.body.timeline.map((s: { action: string }) => s.action)).toEqual([
      'report',
      'accept',
      'dispatch',
      'start',
      'feedback',
      'rework',
      'feedback',
      'verify',
      'close',
    ]);
    expect(detail.body.closedAt).not.toBeNull();

    const track = await t.api('GET', `/api/track/${e.trackingCode}`);
    expect(track.status).toBe(200);
    expect(track.body).toMatchObject({ number: e.number, status: 'closed', category: '邻里纠纷', canRate: true });
    expect(JSON.stringify(track.body)).not.toMatch(/王某|13900001111|demo-/);
    const rated = await t.api('POST', `/api/track/${e.trackingCode}/rating`, { body: { rating: 'satisfied' } });
    expect(rated.body).toEqual({ status: 'rated', rating: 'satisfied' });
    expect(
      (await t.api('POST', `/api/track/${e.trackingCode}/rating`, { body: { rating: 'unsatisfied' } })).status,
    ).toBe(409);
  });

  it('serialises concurrent transitions: two dispatches, one wins', async () => {
    const e = (await report(op)).body;
    await t.api('POST', `/api/events/${e.id}/transitions`, { token: op, body: { action: 'accept' } });
    const other = await t.login('demo-city');
    const [a, b] = await Promise.all([
      t.api('POST', `/api/events/${e.id}/transitions`, { token: op, body: { action: 'dispatch' } }),
      t.api('POST', `/api/events/${e.id}/transitions`, { token: other, body: { action: 'dispatch' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const n = await t.runtime.database.db
      .selectFrom('event_transition')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('event_id', '=', e.id)
      .where('action', '=', 'dispatch')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('keeps events inside the scope: another county gets 404', async () => {
    const e = (await report(op)).body;
    const gaotai = await t.login('demo-gaotai');
    expect((await t.api('GET', `/api/events/${e.id}`, { token: gaotai })).status).toBe(404);
    expect(
      (await t.api('POST', `/api/events/${e.id}/transitions`, { token: gaotai, body: { action: 'accept' } })).status,
    ).toBe(404);
    const list = await t.api('GET', '/api/events?limit=200', { token: gaotai });
    expect(list.body.items.some((x: { id: string }) => x.id === e.id)).toBe(false);
    const mine = await t.api('GET', '/api/events?limit=2', { token: op });
    expect(mine.body.items).toHaveLength(2);
    const page2 = await t.api('GET', `/api/events?limit=2&before=${mine.body.next}`, { token: op });
    expect(page2.body.items[0].id).not.toBe(mine.body.items[1].id);
  });
});
