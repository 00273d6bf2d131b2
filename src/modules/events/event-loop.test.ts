import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUser } from '../../../tests/helpers/factories.js';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';
import { idCheckChar } from '../../kernel/id-number.js';
import type { LoggingSmsChannel } from './notification.service.js';

describe(`the event loop: routing, ownership, joint handling, duplicates, inbox, public intake (${backend})`, () => {
  let t: TestApp;
  let op: string;
  let handler: string;
  let grid: { code: string; lng: number; lat: number };
  let units: { centre: string; justice: string; police: string; courtCounty: string };
  const db = () => t.runtime.database.db;
  let spot = 0;
  // Each event at its own point, 500 m apart, so only the duplicate tests see duplicates.
  const where = () => ({
    lng: grid.lng + (spot++ % 5) * 0.0005 - 0.001,
    lat: grid.lat + Math.floor(spot / 5) * 0.0000001,
  });
  const report = async (body: Record<string, unknown> = {}, token = op) => {
    const r = await t.api('POST', '/api/events', {
      token,
      body: { categoryCode: '0102', description: '邻居装修噪音扰民,多次协商未果', location: where(), ...body },
    });
    if (r.status !== 201) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r.body as {
      id: string;
      number: string;
      trackingCode: string;
      status: string;
      receivingUnit: { id: string };
      ownerUnit: { id: string };
      suggestedUnit: { id: string } | null;
      centre: string;
      possibleDuplicateOf: { id: string } | null;
    };
  };
  const act = (id: string, body: Record<string, unknown>, token = op) =>
    t.api('POST', `/api/events/${id}/transitions`, { token, body });

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-26T02:00:00Z' });
    const township = (
      await db()
        .selectFrom('app_user')
        .select('scope_code')
        .where('username', '=', 'demo-handler')
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
    const unit = async (area: string, kind: string) =>
      (
        await db()
          .selectFrom('unit')
          .select('id')
          .where('area_code', '=', area)
          .where('kind', '=', kind as never)
          .orderBy('code')
          .executeTakeFirstOrThrow()
      ).id;
    units = {
      centre: await unit(township, 'centre'),
      justice: await unit(township, 'justice_office'),
      police: await unit(township, 'police'),
      courtCounty: await unit(township.slice(0, 6), 'court'),
    };
  });
  beforeEach(async () => {
    op = await t.login('demo-ganzhou');
    handler = await t.login('demo-handler');
  });
  afterAll(() => t.close());

  it('routes by category and area: centre, receiving centre (首接) and suggested unit; a rule change applies to new events only', async () => {
    const dispute = await report();
    expect(dispute).toMatchObject({
      centre: 'dispute',
      receivingUnit: { id: units.centre },
      ownerUnit: { id: units.centre },
      suggestedUnit: { id: units.justice },
    });
    const security = await report({ categoryCode: '0201', description: '夜间有可疑人员在小区徘徊' });
    expect(security).toMatchObject({ centre: 'operations', suggestedUnit: { id: units.police } });

    const admin = await t.login('demo-city');
    const rule = await t.api('POST', '/api/routing-rules', {
      token: admin,
      body: {
        categoryPrefix: '0102',
        areaPrefix: grid.code.slice(0, 6),
        centre: 'dispute',
        unitId: units.courtCounty,
        note: '邻里纠纷由法院诉前调解',
      },
    });
    expect(rule.status).toBe(201);
    const after = await report();
    expect(after.suggestedUnit?.id).toBe(units.courtCounty);
    // The event routed before keeps its route.
    expect((await t.api('GET', `/api/events/${dispute.id}`, { token: op })).body.suggestedUnit.id).toBe(units.justice);
    expect((await t.api('DELETE', `/api/routing-rules/${rule.body.id}`, { token: admin })).status).toBe(204);
    expect((await report()).suggestedUnit?.id).toBe(units.justice);
    expect(
      (
        await t.api('POST', '/api/routing-rules', {
          token: op,
          body: { categoryPrefix: '01', areaPrefix: '', centre: 'dispute', unitKind: 'court' },
        })
      ).status,
    ).toBe(403);
  });

  it('keeps 首接 ownership with the receiving centre until the lead unit starts; a return hands it back', async () => {
    const e = await report();
    await act(e.id, { action: 'accept' });
    const d = await act(e.id, { action: 'dispatch' });
    expect(d.body).toMatchObject({
      status: 'dispatched',
      leadUnit: { id: units.justice },
      ownerUnit: { id: units.centre },
    });
    const started = await act(e.id, { action: 'start' }, handler);
    expect(started.body.ownerUnit.id).toBe(units.justice);
    const back = await act(e.id, { action: 'return', note: '不属于司法所职责' }, handler);
    expect(back.body).toMatchObject({ status: 'accepted', leadUnit: null, ownerUnit: { id: units.centre } });
    // The handler's unit no longer leads it, so the handler cannot act on it.
    expect((await act(e.id, { action: 'start' }, handler)).status).toBe(403);
    await act(e.id, { action: 'dispatch', unitId: units.police });
    expect((await act(e.id, { action: 'start' }, handler)).status).toBe(403);
  });

  it('serialises concurrent transitions: two dispatches at once, one wins, the other gets 409', async () => {
    const e = await report();
    await act(e.id, { action: 'accept' });
    const other = await t.login('demo-ganzhou');
    const results = await Promise.all([act(e.id, { action: 'dispatch' }), act(e.id, { action: 'dispatch' }, other)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const steps = await db()
      .selectFrom('event_transition')
      .select('action')
      .where('event_id', '=', e.id)
      .where('action', '=', 'dispatch')
      .execute();
    expect(steps).toHaveLength(1);
  });

  it('bulk-dispatches accepted events and reports the ones it could not', async () => {
    const a = await report();
    const b = await report();
    const c = await report();
    await act(a.id, { action: 'accept' });
    await act(b.id, { action: 'accept' });
    const r = await t.api('POST', '/api/events/bulk-dispatch', { token: op, body: { ids: [a.id, b.id, c.id] } });
    expect(r.status).toBe(200);
    expect(r.body.dispatched.sort()).toEqual([a.id, b.id].sort());
    expect(r.body.failed).toEqual([{ id: c.id, error: 'event_action_not_allowed' }]);
  });

  it('joint handling: the event cannot close while a co-handler task is open, unless the lead overrides with a reason', async () => {
    const policeHandler = await createUser(t, ['handler'], grid.code.slice(0, 9), undefined, units.police);
    const police = await t.login(policeHandler.username, policeHandler.password);

    const e = await report({ categoryCode: '0103', description: '两户因宅基地边界发生争执,曾有推搡' });
    await act(e.id, { action: 'accept' });
    await act(e.id, { action: 'dispatch' });
    const task = await t.api('POST', `/api/events/${e.id}/co-handlers`, {
      token: handler,
      body: { unitId: units.police, task: '派员到场维护秩序,固定证据', workingDays: 2 },
    });
    expect(task.status).toBe(201);
    expect(
      (
        await t.api('POST', `/api/events/${e.id}/co-handlers`, {
          token: handler,
          body: { unitId: units.police, task: '重复' },
        })
      ).status,
    ).toBe(400);
    // The co-handling unit sees the task in its inbox and its queue.
    const inbox = await t.api('GET', '/api/notifications?unread=true', { token: police });
    expect(inbox.body.items[0]).toMatchObject({ kind: 'co_task', eventId: e.id });
    expect(
      (await t.api('GET', '/api/events?mine=true', { token: police })).body.items.map((x: { id: string }) => x.id),
    ).toContain(e.id);

    await act(e.id, { action: 'start' }, handler);
    await act(e.id, { action: 'feedback', note: '已组织双方现场勘界' }, handler);
    await act(e.id, { action: 'verify' });
    const refused = await act(e.id, { action: 'close' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.id).toBe('invalid_transition');
    expect((await act(e.id, { action: 'close', override: true })).status).toBe(400);

    // Only the co-handling unit (or an operator) answers its task.
    expect(
      (
        await t.api('POST', `/api/events/${e.id}/co-handlers/${task.body.id}/feedback`, {
          token: handler,
          body: { feedback: '越权反馈' },
        })
      ).status,
    ).toBe(403);
    const fb = await t.api('POST', `/api/events/${e.id}/co-handlers/${task.body.id}/feedback`, {
      token: police,
      body: { feedback: '已出警,双方情绪稳定' },
    });
    expect(fb.body).toMatchObject({ status: 'done', feedback: '已出警,双方情绪稳定' });
    expect((await act(e.id, { action: 'close' })).body.status).toBe('closed');
    const detail = await t.api('GET', `/api/events/${e.id}`, { token: op });
    expect(detail.body.coHandlers).toMatchObject([{ unit: { id: units.police }, status: 'done' }]);
    expect(detail.body.timeline.map((s: { action: string }) => s.action)).toEqual(
      expect.arrayContaining(['co_handler_add', 'co_handler_feedback', 'close']),
    );

    const other = await report({ categoryCode: '0103', description: '承包地流转合同纠纷,需法庭协助' });
    await act(other.id, { action: 'accept' });
    await act(other.id, { action: 'dispatch' });
    await t.api('POST', `/api/events/${other.id}/co-handlers`, {
      token: op,
      body: { unitId: units.courtCounty, task: '提供诉前调解指导' },
    });
    await act(other.id, { action: 'start' }, handler);
    await act(other.id, { action: 'feedback' }, handler);
    await act(other.id, { action: 'verify' });
    const overridden = await act(other.id, { action: 'close', override: true, note: '当事人已和解,法庭指导不再需要' });
    expect(overridden.body.status).toBe('closed');
    const last = await db()
      .selectFrom('event_transition')
      .select('note')
      .where('event_id', '=', other.id)
      .where('action', '=', 'close')
      .executeTakeFirstOrThrow();
    expect(last.note).toContain('协办未完成');
  });

  it('flags a report of the same kind nearby as a possible duplicate and merges it, keeping both timelines', async () => {
    const at = { lng: grid.lng + 0.002, lat: grid.lat + 0.002 };
    const first = await report({ categoryCode: '0403', description: '小区门口垃圾堆放多日无人清运', location: at });
    const near = await report({
      categoryCode: '0403',
      description: '门口垃圾没人清理,气味很大',
      location: { lng: at.lng + 0.0005, lat: at.lat },
    });
    const far = await report({
      categoryCode: '0403',
      description: '另一处垃圾堆放',
      location: { lng: at.lng + 0.01, lat: at.lat },
    });
    const otherKind = await report({ categoryCode: '0402', description: '门口路灯不亮', location: at });
    expect(near.possibleDuplicateOf?.id).toBe(first.id);
    expect(far.possibleDuplicateOf).toBeNull();
    const reportStep = await db()
      .selectFrom('event_transition')
      .select('note')
      .where('event_id', '=', near.id)
      .where('action', '=', 'report')
      .executeTakeFirstOrThrow();
    expect(reportStep.note).toBe(`疑似与 ${first.number} 重复`);
    expect(otherKind.possibleDuplicateOf).toBeNull();
    const inbox = await t.api('GET', '/api/notifications', { token: op });
    expect(
      inbox.body.items.some((n: { kind: string; eventId: string }) => n.kind === 'duplicate' && n.eventId === near.id),
    ).toBe(true);

    const detail = await t.api('GET', `/api/events/${near.id}`, { token: op });
    expect(detail.body).toMatchObject({ canMerge: true, possibleDuplicateOf: { id: first.id, number: first.number } });
    const merged = await t.api('POST', `/api/events/${near.id}/merge`, {
      token: op,
      body: { intoId: first.id, note: '同一处垃圾' },
    });
    expect(merged.body).toMatchObject({ status: 'closed', mergedInto: { id: first.id } });
    const track = await t.api('GET', `/api/track/${near.trackingCode}`);
    expect(track.body).toMatchObject({ mergedInto: { number: first.number }, canRate: false });
    const original = await t.api('GET', `/api/events/${first.id}`, { token: op });
    expect(original.body.timeline.at(-1)).toMatchObject({ action: 'merge_in' });
    expect(
      (await t.api('POST', `/api/events/${near.id}/merge`, { token: op, body: { intoId: first.id, note: '再次合并' } }))
        .status,
    ).toBe(409);
  });

  it('tells the lead unit of a new task through its inbox, with unread counts', async () => {
    const before = (await t.api('GET', '/api/notifications', { token: handler })).body.unread as number;
    const e = await report();
    await act(e.id, { action: 'accept' });
    await act(e.id, { action: 'dispatch' });
    const inbox = await t.api('GET', '/api/notifications', { token: handler });
    expect(inbox.body.unread).toBe(before + 1);
    expect(inbox.body.items[0]).toMatchObject({ kind: 'task', eventId: e.id, title: `新派遣任务:${e.number}` });
    const read = await t.api('POST', '/api/notifications/read', {
      token: handler,
      body: { ids: [inbox.body.items[0].id] },
    });
    expect(read.body.unread).toBe(before);
    expect((await t.api('POST', '/api/notifications/read', { token: handler, body: { all: true } })).body.unread).toBe(
      0,
    );
    // Another account's notification ids do not mark anything of theirs.
    await act(e.id, { action: 'return', note: '非本单位职责' }, handler).catch(() => {});
    const opInbox = await t.api('GET', '/api/notifications', { token: op });
    expect(
      opInbox.body.items.some((n: { kind: string; eventId: string }) => n.kind === 'returned' && n.eventId === e.id),
    ).toBe(true);
  });

  it('keeps parties encrypted and masked, links them to the registry, and geocodes an address', async () => {
    const person = await db()
      .selectFrom('person')
      .select(['id', 'grid_code'])
      .where('grid_code', 'like', `${grid.code.slice(0, 6)}%`)
      .limit(1)
      .executeTakeFirstOrThrow();
    const house = await db()
      .selectFrom('house')
      .select(['address', 'grid_code'])
      .where('grid_code', 'like', `${grid.code.slice(0, 6)}%`)
      .where('lng', 'is not', null)
      .limit(1)
      .executeTakeFirstOrThrow();
    const r = await t.api('POST', '/api/events', {
      token: op,
      body: {
        categoryCode: '0101',
        description: '夫妻因赡养老人问题争吵',
        address: house.address,
        channel: 'desk',
        parties: [
          {
            role: 'applicant',
            name: '李秀英',
            phone: '13912345678',
            idNumber: `62070219900101123${idCheckChar('62070219900101123')}`,
            personId: person.id,
          },
          { role: 'respondent', name: '张建国' },
        ],
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.gridCode).toBe(house.grid_code);
    const d = await t.api('GET', `/api/events/${r.body.id}`, { token: op });
    expect(d.body.parties).toEqual([
      {
        id: expect.any(String),
        role: 'applicant',
        nameMasked: '李**',
        phoneMasked: '139****5678',
        personId: person.id,
      },
      { id: expect.any(String), role: 'respondent', nameMasked: '张**', phoneMasked: null, personId: null },
    ]);
    const stored = await db()
      .selectFrom('event_party')
      .select(['name_enc', 'phone_enc'])
      .where('event_id', '=', r.body.id)
      .execute();
    expect(JSON.stringify(stored)).not.toMatch(/李秀英|13912345678/);

    const bad = await t.api('POST', '/api/events', {
      token: op,
      body: {
        categoryCode: '0101',
        description: '地址找不到的事件',
        address: '不存在的地方某某路999号',
        parties: [
          {
            role: 'other',
            name: '某',
            phone: '123',
            idNumber: `62070219900101123${idCheckChar('62070219900101123') === '1' ? '2' : '1'}`,
          },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'location',
      'parties.0.idNumber',
      'parties.0.phone',
    ]);
    expect(
      (
        await t.api('POST', '/api/events', {
          token: op,
          body: { categoryCode: '0101', description: '没有位置也没有地址' },
        })
      ).status,
    ).toBe(400);
  });

  it('takes public reports without an account, texts the tracking code, and limits them per phone and per address', async () => {
    const sms = t.runtime.services.sms as LoggingSmsChannel;
    const body = (phone: string) => ({
      categoryCode: '0402',
      description: '村口道路坑洼积水,出行不便',
      location: where(),
      reporter: { name: '赵大爷', phone },
    });
    const first = await t.api('POST', '/api/public/events', {
      body: body('13700001234'),
      headers: { 'x-forwarded-for': '10.0.0.1' },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'reported', trackingCode: expect.stringMatching(/^[A-Z2-9]{10}$/) });
    expect(sms.sent.at(-1)).toEqual({
      phoneMasked: '137****1234',
      text: expect.stringContaining(first.body.trackingCode),
    });
    expect(
      (await t.api('POST', '/api/public/events', { body: { ...body('13700001234'), reporter: { name: '赵' } } }))
        .status,
    ).toBe(400);
    for (let i = 1; i < t.config.events.publicPerPhonePerDay; i++)
      expect((await t.api('POST', '/api/public/events', { body: body('13700001234') })).status).toBe(201);
    const limited = await t.api('POST', '/api/public/events', { body: body('13700001234') });
    expect(limited.status).toBe(429);
    // The next day the phone may report again.
    t.clock.advance(24 * 3600_000 + 1000);
    expect((await t.api('POST', '/api/public/events', { body: body('13700001234') })).status).toBe(201);
    // One address (IP) may report at most publicPerIpPerHour times an hour, whatever the phone.
    let accepted = 1;
    for (let i = 0; i < t.config.events.publicPerIpPerHour + 2; i++) {
      const r = await t.api('POST', '/api/public/events', { body: body(`1360000${String(1000 + i)}`) });
      if (r.status !== 201) {
        expect(r.status).toBe(429);
        break;
      }
      accepted++;
    }
    expect(accepted).toBe(t.config.events.publicPerIpPerHour);
  });
});
