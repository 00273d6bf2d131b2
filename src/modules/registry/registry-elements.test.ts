import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { box, createTestCounty } from '../../../tests/helpers/factories.js';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';
import { makeCreditCode } from '../../kernel/credit-code.js';
import { makeIdNumber } from '../../kernel/id-number.js';

describe(`registry: organisations, places, things, re-gridding (${backend})`, () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    admin = await t.login('demo-city');
  });
  afterAll(() => t.close());

  it('checks the credit code, masks the contact phone and links employees', async () => {
    const c = await createTestCounty(t);
    const bad = await t.api('POST', '/api/organizations', {
      token: admin,
      body: {
        name: '张掖某公司',
        kind: 'enterprise',
        creditCode: '91620702MA7TEWT012',
        address: '测试路1号',
        gridCode: c.grids[0],
        contactPhone: '12345',
      },
    });
    expect(bad.status).toBe(400);
    const msgs = Object.fromEntries(
      bad.body.error.fields.map((f: { path: string; message: string }) => [f.path, f.message]),
    );
    expect(msgs.creditCode).toBe('统一社会信用代码校验位错误');
    expect(msgs.contactPhone).toBe('手机号格式不正确');
    const code = makeCreditCode('91', '620702', 'MA7TEWT01');
    const ok = await t.api('POST', '/api/organizations', {
      token: admin,
      body: {
        name: '张掖某公司',
        kind: 'enterprise',
        creditCode: code,
        address: '测试路1号',
        lng: c.x + 0.002,
        lat: 30.005,
        contactName: '赵经理',
        contactPhone: '13700001234',
      },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ creditCode: code, gridCode: c.grids[0], contactPhoneMasked: '137****1234' });
    const dup = await t.api('POST', '/api/organizations', {
      token: admin,
      body: { name: '重复', kind: 'enterprise', creditCode: code, address: 'x路', gridCode: c.grids[0] },
    });
    expect(dup.status).toBe(409);
    const person = await t.api('POST', '/api/people', {
      token: admin,
      body: {
        name: '员工甲',
        idNumber: makeIdNumber('620702', '1995-02-02', 21),
        registrationType: 'floating',
        gridCode: c.grids[0],
      },
    });
    const withMember = await t.api('POST', `/api/organizations/${ok.body.id}/members`, {
      token: admin,
      body: { personId: person.body.id },
    });
    expect(withMember.body.members).toEqual([expect.objectContaining({ name: '员工甲', role: '员工' })]);
    expect(withMember.body.timeline.map((v: { action: string }) => v.action)).toEqual(['member_add', 'create']);
  });

  it('places places and things by location and serves them as map layers, never people', async () => {
    const c = await createTestCounty(t);
    const place = await t.api('POST', '/api/places', {
      token: admin,
      body: { name: '测试小学', kind: 'school', address: '测试村', lng: c.x + 0.007, lat: 30.002 },
    });
    expect(place.body.gridCode).toBe(c.grids[1]);
    const cam = await t.api('POST', '/api/things', {
      token: admin,
      body: { kind: 'camera', subtype: 'street', name: '村口摄像头', lng: c.x + 0.001, lat: 30.001 },
    });
    expect(cam.body.gridCode).toBe(c.grids[0]);
    const badSub = await t.api('POST', '/api/things', {
      token: admin,
      body: { kind: 'camera', subtype: 'rocket', name: 'x', lng: c.x + 0.001, lat: 30.001 },
    });
    expect(badSub.status).toBe(400);
    const fault = await t.api('PATCH', `/api/things/${cam.body.id}`, {
      token: admin,
      body: { status: 'fault', reason: '离线' },
    });
    expect(fault.body).toMatchObject({ status: 'fault', version: 2 });
    const layer = await t.api('GET', `/api/map-layers/cameras?areaCode=${c.county}`, { token: admin });
    expect(layer.body.features).toEqual([
      expect.objectContaining({ geometry: { type: 'Point', coordinates: [c.x + 0.001, 30.001] } }),
    ]);
    const places = await t.api('GET', `/api/map-layers/places?areaCode=${c.county}`, { token: admin });
    expect(places.body.features[0].properties.name).toBe('测试小学');
    const moved = await t.api('PATCH', `/api/places/${place.body.id}`, {
      token: admin,
      body: { lng: c.x + 0.002, reason: '迁址' },
    });
    expect(moved.body.gridCode).toBe(c.grids[0]);
    const placeDetail = await t.api('GET', `/api/places/${place.body.id}`, { token: admin });
    expect(placeDetail.body.timeline.map((v: { action: string }) => v.action)).toEqual(['move', 'create']);
    const thingDetail = await t.api('GET', `/api/things/${cam.body.id}`, { token: admin });
    expect(thingDetail.body.timeline[0]).toMatchObject({
      action: 'update',
      reason: '离线',
      changes: { status: { from: 'normal', to: 'fault' } },
    });
    const lists = await Promise.all(
      ['places', 'things', 'houses', 'organizations'].map((e) =>
        t.api('GET', `/api/${e}?areaCode=${c.county}`, { token: admin }),
      ),
    );
    expect(lists.map((l) => l.body.items.length)).toEqual([1, 1, 0, 0]);
    const gaotai = await t.login('demo-gaotai');
    expect((await t.api('GET', `/api/places/${place.body.id}`, { token: gaotai })).status).toBe(404);
  });

  it('re-assigns located elements, households and people when a grid boundary is redrawn, and audits it', async () => {
    const c = await createTestCounty(t);
    const house = await t.api('POST', '/api/houses', {
      token: admin,
      body: { address: '边界旁1号', lng: c.x + 0.0045, lat: 30.005, use: 'residential' },
    });
    expect(house.body.gridCode).toBe(c.grids[0]);
    const hh = await t.api('POST', '/api/households', { token: admin, body: { houseId: house.body.id } });
    const p = await t.api('POST', '/api/people', {
      token: admin,
      body: {
        name: '边民',
        idNumber: makeIdNumber('620702', '1970-01-01', 31),
        registrationType: 'registered',
        householdId: hh.body.id,
        relationToHead: '户主',
      },
    });
    await t.api('POST', `/api/people/${p.body.id}/tags`, { token: admin, body: { tag: 'left_behind_elderly' } });

    // Grid 1 gives up its eastern strip to grid 2.
    expect(
      (
        await t.api('PATCH', `/api/areas/${c.grids[0]}`, {
          token: admin,
          body: { boundary: box(c.x, 30, c.x + 0.004, 30.01) },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await t.api('PATCH', `/api/areas/${c.grids[1]}`, {
          token: admin,
          body: { boundary: box(c.x + 0.004, 30, c.x + 0.01, 30.01) },
        })
      ).status,
    ).toBe(200);

    const after = await t.api('GET', `/api/houses/${house.body.id}`, { token: admin });
    expect(after.body.gridCode).toBe(c.grids[1]);
    expect(after.body.timeline[0]).toMatchObject({
      action: 'regrid',
      changes: { gridCode: { from: c.grids[0], to: c.grids[1] } },
    });
    const person = await t.api('GET', `/api/people/${p.body.id}`, { token: admin });
    expect(person.body.gridCode).toBe(c.grids[1]);
    const tag = await t.runtime.database.db
      .selectFrom('person_tag')
      .select('grid_code')
      .where('person_id', '=', p.body.id)
      .executeTakeFirstOrThrow();
    expect(tag.grid_code).toBe(c.grids[1]);
    const audit = await t.runtime.database.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('entity_id', '=', house.body.id)
      .where('action', '=', 'house.regrid')
      .execute();
    expect(audit).toEqual([{ action: 'house.regrid', reason: 'grid boundary redrawn' }]);
  });
});

describe(`unified search (${backend})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('finds people, households, houses, places and organisations from one box, within scope', async () => {
    const admin = await t.login('demo-city');
    const c = await createTestCounty(t);
    const house = await t.api('POST', '/api/houses', {
      token: admin,
      body: { address: '枫桥路66号', lng: c.x + 0.002, lat: 30.002, use: 'residential' },
    });
    await t.api('POST', '/api/households', { token: admin, body: { houseId: house.body.id } });
    await t.api('POST', '/api/places', {
      token: admin,
      body: { name: '枫桥广场', kind: 'square', address: '枫桥路1号', lng: c.x + 0.003, lat: 30.003 },
    });
    await t.api('POST', '/api/organizations', {
      token: admin,
      body: { name: '枫桥调解协会', kind: 'social_org', address: '枫桥路2号', gridCode: c.grids[0] },
    });
    const id = makeIdNumber('620702', '1966-06-06', 41);
    await t.api('POST', '/api/people', {
      token: admin,
      body: { name: '李枫桥', idNumber: id, registrationType: 'registered', gridCode: c.grids[1] },
    });

    const r = await t.api('GET', `/api/search?q=${encodeURIComponent('枫桥')}&areaCode=${c.county}`, { token: admin });
    expect(r.status).toBe(200);
    expect(r.body.items.map((i: { type: string }) => i.type).sort()).toEqual([
      'house',
      'household',
      'organization',
      'person',
      'place',
    ]);
    const byId = await t.api('GET', `/api/search?q=${id}`, { token: admin });
    expect(byId.body.items).toEqual([expect.objectContaining({ type: 'person', title: '李枫桥' })]);
    const gaotai = await t.login('demo-gaotai');
    expect((await t.api('GET', `/api/search?q=${encodeURIComponent('枫桥')}`, { token: gaotai })).body.items).toEqual(
      [],
    );
  });
});
