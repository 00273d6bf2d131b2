import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { box, createTestCounty, square } from '../../../tests/helpers/factories.js';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';

describe(`areas (${backend})`, () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('demo-city');
  });
  afterAll(() => t.close());

  describe('create', () => {
    it('creates a grid under a village and records it in the audit log', async () => {
      const c = await createTestCounty(t);
      const r = await t.api('POST', '/api/areas', {
        token: admin,
        body: {
          code: `${c.village}003`,
          name: '新增网格',
          parentCode: c.village,
          boundary: box(c.x, 30.01, c.x + 0.01, 30.02),
        },
      });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        code: `${c.village}003`,
        level: 'grid',
        parentCode: c.village,
        status: 'active',
        version: 1,
      });
      const history = await t.api('GET', `/api/areas/${c.village}003/history`, { token: admin });
      expect(history.body.items[0]).toMatchObject({ action: 'area.create', actor: 'demo-city' });
      const parent = await t.api('GET', `/api/areas/${c.village}`, { token: admin });
      expect(parent.body.children.map((x: { code: string }) => x.code)).toContain(`${c.village}003`);
    });

    it.each([
      [
        'a code whose prefix does not match the parent',
        (c: { village: string; township: string }) => ({ code: `620799101201001`, parentCode: c.village }),
        'code',
        '前缀',
      ],
      [
        'a village placed directly under a county',
        (c: { village: string; township: string; county?: string }) => ({
          code: `${c.township}202`,
          parentCode: c.county,
        }),
        'code',
        '层级',
      ],
      [
        'a 15-digit grid under a township code',
        (c: { village: string; township: string }) => ({ code: `${c.township}201001`, parentCode: c.township }),
        'code',
        '层级',
      ],
      [
        'an unknown parent',
        () => ({ code: '620798101201001', parentCode: '620798101201' }),
        'parentCode',
        '上级区划不存在',
      ],
    ])('refuses %s with a field message', async (_name, make, field, text) => {
      const c = await createTestCounty(t);
      const r = await t.api('POST', '/api/areas', {
        token: admin,
        body: { name: '错', boundary: box(c.x, 30, c.x + 0.01, 30.01), ...make(c) },
      });
      expect(r.status).toBe(400);
      expect(r.body.error.fields[0].path).toBe(field);
      expect(r.body.error.fields[0].message).toContain(text);
    });

    it('refuses an open ring and malformed GeoJSON', async () => {
      const c = await createTestCounty(t);
      const open = await t.api('POST', '/api/areas', {
        token: admin,
        body: {
          code: `${c.village}004`,
          name: 'x',
          parentCode: c.village,
          boundary: {
            type: 'Polygon',
            coordinates: [
              [
                [c.x, 30],
                [c.x + 0.01, 30],
                [c.x + 0.01, 30.01],
                [c.x, 30.01],
              ],
            ],
          },
        },
      });
      expect(open.status).toBe(400);
      expect(open.body.error.fields[0]).toMatchObject({ path: 'boundary', message: '边界的每个环必须首尾相同(闭合)' });
      const bad = await t.api('POST', '/api/areas', {
        token: admin,
        body: {
          code: `${c.village}004`,
          name: 'x',
          parentCode: c.village,
          boundary: { type: 'Point', coordinates: [1, 2] },
        },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields[0].path).toMatch(/^boundary/);
    });

    it('never reuses a code, even after the area is retired', async () => {
      const c = await createTestCounty(t);
      const body = { code: c.grids[1], name: '重复', parentCode: c.village, boundary: box(c.x, 30, c.x + 0.01, 30.01) };
      expect((await t.api('POST', '/api/areas', { token: admin, body })).status).toBe(409);
      expect(
        (await t.api('POST', `/api/areas/${c.grids[1]}/retire`, { token: admin, body: { reason: '并入第1网格' } }))
          .status,
      ).toBe(200);
      const again = await t.api('POST', '/api/areas', { token: admin, body });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toContain('不可重复使用');
    });

    it('keeps a rejected create from leaving half a row behind', async () => {
      const c = await createTestCounty(t);
      const before = await t.runtime.database.db
        .selectFrom('area_ring')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const r = await t.api('POST', '/api/areas', {
        token: admin,
        body: { code: c.grids[0], name: 'dup', parentCode: c.village, boundary: box(c.x, 30, c.x + 1, 31) },
      });
      expect(r.status).toBe(409);
      const after = await t.runtime.database.db
        .selectFrom('area_ring')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });
  });

  describe('rename, redraw, retire', () => {
    it('renames and redraws with an optimistic version check', async () => {
      const c = await createTestCounty(t);
      const renamed = await t.api('PATCH', `/api/areas/${c.grids[0]}`, {
        token: admin,
        body: { name: '东片网格', version: 1, reason: '更名' },
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ name: '东片网格', version: 2 });
      const stale = await t.api('PATCH', `/api/areas/${c.grids[0]}`, {
        token: admin,
        body: { name: '又改', version: 1 },
      });
      expect(stale.status).toBe(409);
      const redrawn = await t.api('PATCH', `/api/areas/${c.grids[0]}`, {
        token: admin,
        body: { boundary: box(c.x, 30, c.x + 0.004, 30.01), version: 2 },
      });
      expect(redrawn.status).toBe(200);
      expect(redrawn.body.bbox).toEqual([c.x, 30, c.x + 0.004, 30.01]);
      const history = await t.api('GET', `/api/areas/${c.grids[0]}/history`, { token: admin });
      expect(history.body.items.map((i: { action: string }) => i.action).slice(0, 2)).toEqual([
        'area.redraw',
        'area.rename',
      ]);
      expect(history.body.items[1].before.name).toBe('测试村第1网格');
      expect(history.body.items[1].after.name).toBe('东片网格');
      // The redraw moved the boundary: the strip it gave up now belongs to no grid.
      const gone = await t.api('GET', `/api/areas/locate?lng=${c.x + 0.0045}&lat=30.005`, { token: admin });
      expect(gone.status).toBe(404);
    });

    it('refuses to retire an area with active children, then retires bottom-up and keeps history', async () => {
      const c = await createTestCounty(t);
      const blocked = await t.api('POST', `/api/areas/${c.village}/retire`, { token: admin, body: { reason: '撤并' } });
      expect(blocked.status).toBe(409);
      expect(blocked.body.error.message).toContain('2');
      for (const g of c.grids)
        expect((await t.api('POST', `/api/areas/${g}/retire`, { token: admin, body: { reason: '撤并' } })).status).toBe(
          200,
        );
      const retired = await t.api('POST', `/api/areas/${c.village}/retire`, { token: admin, body: { reason: '撤并' } });
      expect(retired.status).toBe(200);
      expect(retired.body.status).toBe('retired');
      const still = await t.api('GET', `/api/areas/${c.village}`, { token: admin });
      expect(still.status).toBe(200);
      expect(still.body.status).toBe('retired');
      const township = await t.api('GET', `/api/areas/${c.township}`, { token: admin });
      expect(township.body.children).toHaveLength(0);
      expect((await t.api('PATCH', `/api/areas/${c.village}`, { token: admin, body: { name: 'x' } })).status).toBe(409);
    });
  });

  describe('locate: which grid contains a point', () => {
    let c: Awaited<ReturnType<typeof createTestCounty>>;
    beforeAll(async () => {
      c = await createTestCounty(t);
      // A third grid with a hole, and a fourth grid filling part of that hole.
      const x = c.x;
      await t.api('POST', '/api/areas', {
        token: admin,
        body: {
          code: `${c.village}003`,
          name: '带洞网格',
          parentCode: c.village,
          boundary: {
            type: 'Polygon',
            coordinates: [square(x, 30.02, x + 0.01, 30.03), square(x + 0.004, 30.024, x + 0.006, 30.026)],
          },
        },
      });
      await t.api('POST', '/api/areas', {
        token: admin,
        body: {
          code: `${c.village}004`,
          name: '洞中网格',
          parentCode: c.village,
          boundary: box(x + 0.0045, 30.0245, x + 0.0055, 30.0255),
        },
      });
    });
    const at = async (lng: number, lat: number, token = admin) => {
      const r = await t.api('GET', `/api/areas/locate?lng=${lng}&lat=${lat}`, { token });
      return r.status === 200 ? (r.body.code as string) : r.status;
    };

    it('finds the grid for interior points', async () => {
      expect(await at(c.x + 0.002, 30.005)).toBe(c.grids[0]);
      expect(await at(c.x + 0.008, 30.005)).toBe(c.grids[1]);
    });
    it('puts a point on a shared edge in the lower code, deterministically', async () => {
      expect(await at(c.x + 0.005, 30.005)).toBe(c.grids[0]);
      expect(await at(c.x + 0.005, 30.01)).toBe(c.grids[0]);
    });
    it('counts a point on an outer edge or corner as inside', async () => {
      expect(await at(c.x, 30.005)).toBe(c.grids[0]);
      expect(await at(c.x + 0.01, 30)).toBe(c.grids[1]);
    });
    it('excludes points inside a hole and keeps those on its edge', async () => {
      expect(await at(c.x + 0.0042, 30.025)).toBe(404);
      expect(await at(c.x + 0.004, 30.025)).toBe(`${c.village}003`);
      expect(await at(c.x + 0.006, 30.026)).toBe(`${c.village}003`);
      expect(await at(c.x + 0.002, 30.022)).toBe(`${c.village}003`);
    });
    it("finds a grid lying inside another grid's hole", async () => {
      expect(await at(c.x + 0.005, 30.025)).toBe(`${c.village}004`);
    });
    it('finds nothing outside every grid, and nothing outside the caller scope', async () => {
      expect(await at(c.x + 0.02, 30.005)).toBe(404);
      const gaotai = await t.login('demo-gaotai');
      expect(await at(c.x + 0.002, 30.005, gaotai)).toBe(404);
    });
    it('finds the county or township when asked for that level', async () => {
      const r = await t.api('GET', `/api/areas/locate?lng=${c.x + 0.002}&lat=30.005&level=township`, { token: admin });
      expect(r.body.code).toBe(c.township);
    });
    it('locates inside the seeded demo city', async () => {
      const grid = await t.runtime.database.db
        .selectFrom('area')
        .select(['code', 'center_lng', 'center_lat'])
        .where('code', '=', '620724101201001')
        .executeTakeFirst();
      const any =
        grid ??
        (await t.runtime.database.db
          .selectFrom('area')
          .select(['code', 'center_lng', 'center_lat'])
          .where('level', '=', 'grid')
          .where('county_code', '=', '620724')
          .executeTakeFirstOrThrow());
      expect(await at(any.center_lng!, any.center_lat!)).toBe(any.code);
    });
  });

  it('searches names by Chinese substring within scope', async () => {
    const r = await t.api('GET', `/api/areas?q=${encodeURIComponent('高台')}`, { token: admin });
    expect(r.status).toBe(200);
    expect(r.body.items[0]).toMatchObject({ code: '620724', name: '高台县' });
    const ganzhou = await t.login('demo-ganzhou');
    const none = await t.api('GET', `/api/areas?q=${encodeURIComponent('高台县')}`, { token: ganzhou });
    expect(none.body.items).toEqual([]);
    // One character and an escaped wildcard: the gram index answers, the recheck keeps it exact.
    const one = await t.api('GET', `/api/areas?q=${encodeURIComponent('台')}&limit=50`, { token: admin });
    expect(one.body.items.length).toBeGreaterThan(0);
    expect(one.body.items.every((a: { name: string }) => a.name.includes('台'))).toBe(true);
    expect((await t.api('GET', `/api/areas?q=${encodeURIComponent('%')}`, { token: admin })).body.items).toEqual([]);
  });

  it('returns GeoJSON of an area and its children', async () => {
    const r = await t.api('GET', '/api/areas/620724/geometry', { token: admin });
    expect(r.status).toBe(200);
    expect(r.body.type).toBe('FeatureCollection');
    expect(r.body.features[0].properties).toMatchObject({ code: '620724', role: 'self' });
    const detail = await t.api('GET', '/api/areas/620724', { token: admin });
    expect(r.body.features).toHaveLength(1 + detail.body.children.length);
    expect(['Polygon', 'MultiPolygon']).toContain(r.body.features[1].geometry.type);
  });

  it('holds the real townships and villages of 张掖: 南华镇 of 高台县 and its villages by name', async () => {
    const town = await t.api('GET', `/api/areas?q=${encodeURIComponent('南华镇')}`, { token: admin });
    expect(town.body.items).toContainEqual(
      expect.objectContaining({ code: '620724102', name: '南华镇', level: 'township' }),
    );
    const detail = await t.api('GET', '/api/areas/620724102', { token: admin });
    expect(detail.body.ancestors.map((a: { name: string }) => a.name)).toEqual(['张掖市', '高台县']);
    // 620724102200 is 小海子村村民委员会 in the division table; the demo shows the short name.
    const village = detail.body.children.find((c: { code: string }) => c.code === '620724102200');
    expect(village).toMatchObject({ name: '小海子村', level: 'village' });
    const byName = await t.api('GET', `/api/areas?q=${encodeURIComponent('小海子村')}`, { token: admin });
    expect(byName.body.items).toContainEqual(
      expect.objectContaining({ code: '620724102200', name: '小海子村', parentCode: '620724102' }),
    );
  });
});
