import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestCounty } from '../../../tests/helpers/factories.js';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';
import { makeIdNumber } from '../../kernel/id-number.js';

let seq = 100;
const newId = (birth = '1980-05-17') => makeIdNumber('620702', birth, seq++);

describe(`registry: people, households, houses, visits (${backend})`, () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
  });
  // Tests move the clock forward by days, past the session idle limit.
  beforeEach(async () => {
    admin = await t.login('demo-city');
  });
  afterAll(() => t.close());

  it('a grid worker finds a household, records a visit, updates a person and sees it in the timeline', async () => {
    const gridToken = await t.login('demo-grid');
    const me = await t.api('GET', '/api/auth/me', { token: gridToken });
    const grid = me.body.scope.code as string;
    const area = await t.api('GET', `/api/areas/${grid}`, { token: gridToken });
    const { lng, lat } = area.body.center;

    const house = await t.api('POST', '/api/houses', {
      token: gridToken,
      body: { address: '甘州区测试路8号', lng, lat, use: 'residential' },
    });
    expect(house.status).toBe(201);
    expect(house.body.gridCode).toBe(grid);
    const household = await t.api('POST', '/api/households', { token: gridToken, body: { houseId: house.body.id } });
    expect(household.status).toBe(201);
    const head = await t.api('POST', '/api/people', {
      token: gridToken,
      body: {
        name: '王建国',
        idNumber: newId('1962-03-04'),
        phone: '13912345678',
        registrationType: 'registered',
        householdId: household.body.id,
        relationToHead: '户主',
      },
    });
    expect(head.status).toBe(201);
    expect(head.body).toMatchObject({
      name: '王建国',
      sex: expect.any(String),
      birthDate: '1962-03-04',
      gridCode: grid,
      phoneMasked: '139****5678',
    });
    expect(head.body.idNumberMasked).toMatch(/^6207\*{10}[\dX]{4}$/);

    // Find the household by a fragment of the address, then by the head's name.
    const found = await t.api('GET', `/api/households?q=${encodeURIComponent('测试路')}`, { token: gridToken });
    expect(found.body.items).toEqual([
      expect.objectContaining({ id: household.body.id, headName: '王建国', memberCount: 1 }),
    ]);
    const byName = await t.api('GET', `/api/households?q=${encodeURIComponent('王建')}`, { token: gridToken });
    expect(byName.body.items[0].id).toBe(household.body.id);

    const visit = await t.api('POST', '/api/visits', {
      token: gridToken,
      body: {
        householdId: household.body.id,
        observed: '家中两人,生活正常',
        requests: '希望修缮门前道路',
        finding: '门前道路破损',
      },
    });
    expect(visit.status).toBe(201);
    expect(visit.body.findingStatus).toBe('open');

    const updated = await t.api('PATCH', `/api/people/${head.body.id}`, {
      token: gridToken,
      body: { phone: '13800001111', version: 1, reason: '更换手机号' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.phoneMasked).toBe('138****1111');
    expect(updated.body.timeline[0]).toMatchObject({
      version: 2,
      actor: 'demo-grid',
      action: 'update',
      reason: '更换手机号',
      changes: { phone: { from: '(已变更)', to: '(已变更)' } },
    });
    expect(updated.body.timeline[1]).toMatchObject({ version: 1, action: 'create' });
    expect(JSON.stringify(updated.body.timeline)).not.toContain('13800001111');

    // The finding becomes an event with one action, once.
    const handoff = await t.api('POST', `/api/visits/${visit.body.id}/handoff`, {
      token: gridToken,
      body: { categoryCode: '0402' },
    });
    expect(handoff.status).toBe(201);
    const event = await t.api('GET', `/api/events/${handoff.body.eventId}`, { token: gridToken });
    expect(event.body).toMatchObject({
      status: 'reported',
      gridCode: grid,
      channel: 'grid',
      description: '门前道路破损',
      categoryCode: '0402',
    });
    expect(
      (
        await t.api('POST', `/api/visits/${visit.body.id}/handoff`, {
          token: gridToken,
          body: { categoryCode: '0402' },
        })
      ).status,
    ).toBe(409);

    const detail = await t.api('GET', `/api/households/${household.body.id}`, { token: gridToken });
    expect(detail.body.visits[0]).toMatchObject({ requests: '希望修缮门前道路', findingStatus: 'handed_off' });
    expect(detail.body.headPersonId).toBe(head.body.id);
  });

  it('refuses a bad ID number, a mismatched birth date and a bad phone with clear field messages', async () => {
    const c = await createTestCounty(t);
    const bad = await t.api('POST', '/api/people', {
      token: admin,
      body: {
        name: '李四',
        idNumber: '620702198005170011',
        phone: '1234',
        registrationType: 'registered',
        gridCode: c.grids[0],
      },
    });
    expect(bad.status).toBe(400);
    const byPath = Object.fromEntries(
      bad.body.error.fields.map((f: { path: string; message: string }) => [f.path, f.message]),
    );
    expect(byPath.idNumber).toBe('身份证号校验位错误,请核对号码');
    expect(byPath.phone).toBe('手机号格式不正确');
    const mismatch = await t.api('POST', '/api/people', {
      token: admin,
      body: {
        name: '李四',
        idNumber: newId('1980-05-17'),
        birthDate: '1981-05-17',
        registrationType: 'registered',
        gridCode: c.grids[0],
      },
    });
    expect(mismatch.body.error.fields[0]).toEqual({
      path: 'birthDate',
      message: '出生日期与身份证号不符(应为 1980-05-17)',
    });
    const en = await t.api('POST', '/api/people', {
      token: admin,
      headers: { 'accept-language': 'en' },
      body: { name: '李四', idNumber: '62070219800517', registrationType: 'registered', gridCode: c.grids[0] },
    });
    expect(en.body.error.fields[0].message).toBe('An ID number has 17 digits and a final digit or X');
    const count = await t.runtime.database.db
      .selectFrom('person')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('grid_code', '=', c.grids[0])
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('refuses a second record for the same ID number', async () => {
    const c = await createTestCounty(t);
    const id = newId();
    expect(
      (
        await t.api('POST', '/api/people', {
          token: admin,
          body: { name: '甲', idNumber: id, registrationType: 'registered', gridCode: c.grids[0] },
        })
      ).status,
    ).toBe(201);
    const dup = await t.api('POST', '/api/people', {
      token: admin,
      body: { name: '乙', idNumber: id.toLowerCase(), registrationType: 'floating', gridCode: c.grids[1] },
    });
    expect(dup.status).toBe(409);
  });

  it('searches by name fragment, full ID number, last four and phone, within scope', async () => {
    const c = await createTestCounty(t);
    const id = newId('1990-01-01');
    const p = await t.api('POST', '/api/people', {
      token: admin,
      body: {
        name: '欧阳晓燕',
        idNumber: id,
        phone: '13698765432',
        registrationType: 'floating',
        gridCode: c.grids[1],
      },
    });
    const find = async (q: string, token = admin) =>
      (await t.api('GET', `/api/people?q=${encodeURIComponent(q)}&areaCode=${c.county}`, { token })).body.items.map(
        (i: { id: string }) => i.id,
      );
    expect(await find('阳晓')).toEqual([p.body.id]);
    expect(await find(id)).toEqual([p.body.id]);
    expect(await find(id.slice(-4))).toEqual([p.body.id]);
    expect(await find('13698765432')).toEqual([p.body.id]);
    expect(await find('5432')).toEqual([p.body.id]);
    expect(await find('13698765431')).toEqual([]);
    const list = await t.api('GET', `/api/people?areaCode=${c.county}`, { token: admin });
    expect(list.body.items[0].phoneMasked).toBe('136****5432');
    expect(JSON.stringify(list.body)).not.toContain(id);
    const gaotai = await t.login('demo-gaotai');
    expect(
      (await t.api('GET', `/api/people?q=${encodeURIComponent('欧阳晓燕')}`, { token: gaotai })).body.items,
    ).toEqual([]);
    expect((await t.api('GET', `/api/people/${p.body.id}`, { token: gaotai })).status).toBe(404);
  });

  it('reveals a full ID number only with the permission, and audits it', async () => {
    const c = await createTestCounty(t);
    const id = newId('1975-07-07');
    const p = await t.api('POST', '/api/people', {
      token: admin,
      body: { name: '丙', idNumber: id, registrationType: 'registered', gridCode: c.grids[0] },
    });
    const full = await t.api('GET', `/api/people/${p.body.id}/personal/idNumber`, { token: admin });
    expect(full.body.value).toBe(id);
    const leader = await t.login('demo-leader');
    expect((await t.api('GET', `/api/people/${p.body.id}/personal/idNumber`, { token: leader })).status).toBe(403);
    const audit = await t.runtime.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name', 'after'])
      .where('entity_id', '=', p.body.id)
      .where('action', '=', 'personal.read')
      .execute();
    expect(audit).toEqual([{ action: 'personal.read', actor_name: 'demo-city', after: { field: 'idNumber' } }]);
    const stored = await t.runtime.database.db
      .selectFrom('person')
      .select(['id_number_enc'])
      .where('id', '=', p.body.id)
      .executeTakeFirstOrThrow();
    expect(stored.id_number_enc).not.toContain(id.slice(6, 14));
  });

  it('moves a person to another grid (迁出/迁入) keeping history and tags', async () => {
    const c = await createTestCounty(t);
    const p = await t.api('POST', '/api/people', {
      token: admin,
      body: { name: '丁', idNumber: newId(), registrationType: 'registered', gridCode: c.grids[0] },
    });
    await t.api('POST', `/api/people/${p.body.id}/tags`, {
      token: admin,
      body: { tag: 'released_prisoner', details: { releaseDate: '2025-06-01' } },
    });
    const moved = await t.api('POST', `/api/people/${p.body.id}/status`, {
      token: admin,
      body: { gridCode: c.grids[1], reason: '搬迁' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.gridCode).toBe(c.grids[1]);
    expect(moved.body.tags[0]).toMatchObject({ tag: 'released_prisoner', active: true });
    expect(moved.body.timeline.map((v: { action: string }) => v.action)).toEqual(['move', 'tag_add', 'create']);
    expect(moved.body.timeline[0].changes.gridCode).toEqual({ from: c.grids[0], to: c.grids[1] });
    const tagRow = await t.runtime.database.db
      .selectFrom('person_tag')
      .select('grid_code')
      .where('person_id', '=', p.body.id)
      .executeTakeFirstOrThrow();
    expect(tagRow.grid_code).toBe(c.grids[1]);
    const gone = await t.api('POST', `/api/people/${p.body.id}/status`, {
      token: admin,
      body: { status: 'moved_out', reason: '迁往外省' },
    });
    expect(gone.body.status).toBe('moved_out');
    expect((await t.api('GET', `/api/people/${p.body.id}`, { token: admin })).status).toBe(200);
  });

  it('lists overdue visits and clears them when a visit is recorded', async () => {
    const c = await createTestCounty(t);
    const p = await t.api('POST', '/api/people', {
      token: admin,
      body: { name: '戊', idNumber: newId('1999-09-09'), registrationType: 'registered', gridCode: c.grids[0] },
    });
    const tagged = await t.api('POST', `/api/people/${p.body.id}/tags`, {
      token: admin,
      body: { tag: 'community_correction', riskLevel: 'red', details: { correctionType: '缓刑' } },
    });
    expect(tagged.body.tags[0]).toMatchObject({ visitIntervalDays: 7, riskLevel: 'red' });
    const bad = await t.api('POST', `/api/people/${p.body.id}/tags`, {
      token: admin,
      body: { tag: 'key_youth', details: { shoeSize: 42 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('details.shoeSize');
    const overdue = async () =>
      (await t.api('GET', `/api/overdue-visits?areaCode=${c.county}`, { token: admin })).body.items;
    expect(await overdue()).toEqual([]);
    t.clock.advance(9 * 86_400_000);
    admin = await t.login('demo-city');
    expect(await overdue()).toEqual([
      expect.objectContaining({ personId: p.body.id, tag: 'community_correction', riskLevel: 'red', overdueDays: 2 }),
    ]);
    const filtered = await t.api('GET', `/api/people?areaCode=${c.county}&tag=community_correction&riskLevel=red`, {
      token: admin,
    });
    expect(filtered.body.items.map((i: { id: string }) => i.id)).toEqual([p.body.id]);
    await t.api('POST', '/api/visits', { token: admin, body: { personIds: [p.body.id], observed: '按时报到' } });
    expect(await overdue()).toEqual([]);
  });

  it('places a house in the grid containing its location and refuses a location outside the scope', async () => {
    const c = await createTestCounty(t);
    const h = await t.api('POST', '/api/houses', {
      token: admin,
      body: { address: '测试村3组', lng: c.x + 0.008, lat: 30.005, use: 'residential', rentalStatus: 'rented' },
    });
    expect(h.body.gridCode).toBe(c.grids[1]);
    const moved = await t.api('PATCH', `/api/houses/${h.body.id}`, {
      token: admin,
      body: { lng: c.x + 0.001, lat: 30.005 },
    });
    expect(moved.body.gridCode).toBe(c.grids[0]);
    const ganzhou = await t.login('demo-ganzhou');
    const outside = await t.api('POST', '/api/houses', {
      token: ganzhou,
      body: { address: '越界', lng: c.x + 0.001, lat: 30.005, use: 'residential' },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.error.fields[0].path).toBe('lng');
  });
});
