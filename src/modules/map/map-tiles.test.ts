import { VectorTile } from '@mapbox/vector-tile';
import { sql } from 'kysely';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';
import { SEED_TIME, TEST_AUDIT_KEY, TEST_MASTER_KEY } from '../../../tests/helpers/test-env.js';
import { ManualClock } from '../../lib/clock.js';
import { loadConfig } from '../../lib/config.js';
import { PersonalDataCipher } from '../../lib/personal-data.js';
import { seedDemoEvents } from '../../seed/demo-events.js';
import { AuditService } from '../audit/audit.service.js';

// Every month of the demo year and beyond, so tiles and recounts cover the same events.
const ALL = 'from=2020-01&to=2030-12';

function tileOf(z: number, lng: number, lat: number): [number, number] {
  const n = 2 ** z;
  const s = Math.sin((lat * Math.PI) / 180);
  return [Math.floor(((lng + 180) / 360) * n), Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n)];
}

interface Decoded {
  type: number;
  props: Record<string, string | number | boolean>;
}

describe(`map tiles (${backend})`, () => {
  let t: TestApp;
  let city: string;
  let gaotai: string;
  const count = async (where: string) =>
    Number(
      (
        await sql<{ n: string }>`select count(*) as n from event e where ${sql.raw(where)}`.execute(
          t.runtime.database.db,
        )
      ).rows[0]!.n,
    );

  const tile = async (
    token: string,
    layer: string,
    z: number,
    x: number,
    y: number,
    q = ALL,
  ): Promise<{ status: number; layer: Decoded[]; etag: string }> => {
    const res = await t.runtime.app.inject({
      method: 'GET',
      url: `/api/map/tiles/${layer}/${z}/${x}/${y}?${q}`,
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.statusCode !== 200) return { status: res.statusCode, layer: [], etag: '' };
    expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    const vt = new VectorTile(new PbfReader(res.rawPayload));
    const l = vt.layers[layer];
    const out: Decoded[] = [];
    for (let i = 0; l && i < l.length; i++) {
      const f = l.feature(i);
      out.push({ type: f.type, props: f.properties as Decoded['props'] });
    }
    return { status: 200, layer: out, etag: String(res.headers.etag) };
  };

  /** Every tile at zoom z over the city's box, with the sum of its events' n. */
  const sumOver = async (token: string, z: number, q: string) => {
    const [x0, y0] = tileOf(z, 97, 40.5);
    const [x1, y1] = tileOf(z, 102.6, 37.2);
    let n = 0;
    const codes: string[] = [];
    for (let x = x0; x <= x1; x++)
      for (let y = y0; y <= y1; y++) {
        for (const f of (await tile(token, 'events', z, x, y, q)).layer) {
          n += Number(f.props.n);
          codes.push(String(f.props.code));
        }
      }
    return { n, codes };
  };

  beforeAll(async () => {
    t = await startTestApp();
    // The demo year of events, bulk-loaded as on a first start (with foreign-key triggers off): the map's cells must follow.
    const clock = new ManualClock(SEED_TIME);
    await seedDemoEvents(
      t.runtime.database.db,
      { clock, cipher: new PersonalDataCipher(TEST_MASTER_KEY), audit: new AuditService(clock, TEST_AUDIT_KEY) },
      loadConfig({}).demoSeed,
    );
    // The roll-up job folds the event writes into the map's cells (main.ts runs it every few seconds).
    expect((await t.runtime.rollup()).mapDeltas).toBeGreaterThan(1000);
    city = await t.login('demo-city');
    gaotai = await t.login('demo-gaotai');
  }, 180_000);
  afterAll(() => t?.close());

  it('cluster counts add up to the events at every aggregated zoom, with and without filters', async () => {
    const total = await count('true');
    expect(total).toBeGreaterThan(1000);
    for (const z of [7, 9]) expect((await sumOver(city, z, ALL)).n).toBe(total);
    expect((await sumOver(city, 8, `${ALL}&status=closed,rated`)).n).toBe(await count(`status in ('closed', 'rated')`));
    expect((await sumOver(city, 8, `${ALL}&category=01&channel=grid`)).n).toBe(
      await count(`category_code like '01%' and channel = 'grid'`),
    );
    const level = (
      await sql<{
        level_key: string;
      }>`select level_key from mediation_case group by 1 order by count(*) desc limit 1`.execute(t.runtime.database.db)
    ).rows[0]!.level_key;
    expect((await sumOver(city, 8, `${ALL}&level=${level}`)).n).toBe(
      await count(`exists (select 1 from mediation_case m where m.event_id = e.id and m.level_key = '${level}')`),
    );
    const may = await sumOver(city, 8, 'from=2026-05&to=2026-05');
    expect(may.n).toBe(await count(`created_at >= '2026-04-30T16:00:00Z' and created_at < '2026-05-31T16:00:00Z'`));
  });

  it('follows a reported event and its transitions after the next roll-up run', async () => {
    const before = (await sumOver(city, 8, ALL)).n;
    const closedBefore = (await sumOver(city, 8, `${ALL}&status=rejected`)).n;
    const e = await t.api('POST', '/api/events', {
      token: city,
      body: { categoryCode: '0301', description: '地图测试:路灯不亮', location: { lng: 100.45, lat: 38.93 } },
    });
    expect(e.status).toBe(201);
    expect((await sumOver(city, 8, ALL)).n).toBe(before);
    expect((await t.runtime.rollup()).mapDeltas).toBe(1);
    expect((await sumOver(city, 8, ALL)).n).toBe(before + 1);
    // A transition moves the event between status slots: one pair of deltas, the total unchanged.
    const r = await t.api('POST', `/api/events/${e.body.id}/transitions`, {
      token: city,
      body: { action: 'reject', note: '地图测试:不属于受理范围' },
    });
    expect(r.status).toBe(200);
    expect((await t.runtime.rollup()).mapDeltas).toBe(2);
    expect((await sumOver(city, 8, ALL)).n).toBe(before + 1);
    expect((await sumOver(city, 8, `${ALL}&status=rejected`)).n).toBe(closedBefore + 1);
    expect((await t.runtime.rollup()).mapDeltas).toBe(0);
  });

  it('zoomed in, snapped points carry the event id and add up to the events in the tile', async () => {
    const ev = (
      await sql<{
        id: string;
        lng: number;
        lat: number;
      }>`select id, lng, lat from event where grid_code like '620702%' order by created_at desc limit 1`.execute(
        t.runtime.database.db,
      )
    ).rows[0]!;
    const [x, y] = tileOf(16, ev.lng, ev.lat);
    const r = await tile(city, 'events', 16, x, y);
    expect(r.layer.every((f) => f.type === 1)).toBe(true);
    const n = 2 ** 16;
    const lng0 = (x / n) * 360 - 180;
    const lng1 = ((x + 1) / n) * 360 - 180;
    const lat = (k: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * k) / n))) * 180) / Math.PI;
    const inTile = await count(`lng >= ${lng0} and lng < ${lng1} and lat <= ${lat(y)} and lat > ${lat(y + 1)}`);
    expect(r.layer.reduce((s, f) => s + Number(f.props.n), 0)).toBe(inTile);
    expect(r.layer.some((f) => f.props.id === ev.id) || r.layer.some((f) => Number(f.props.n) > 1)).toBe(true);
    const single = r.layer.find((f) => f.props.n === 1);
    if (single) expect(String(single.props.id)).toMatch(/^[0-9a-f-]{36}$/);
    // Scope: the operator of 高台县 sees nothing of 甘州区, zoomed in or out.
    expect((await tile(gaotai, 'events', 16, x, y)).layer).toHaveLength(0);
    const out = await sumOver(gaotai, 7, ALL);
    expect(out.codes.every((c) => c.startsWith('620724'))).toBe(true);
    expect(out.n).toBe(await count(`grid_code like '620724%'`));
  });

  it('areas carry measures and population only as numbers; registry tiles hold no people', async () => {
    const [x, y] = tileOf(7, 100.45, 38.93);
    const r = await tile(city, 'areas', 7, x, y);
    expect(r.layer.length).toBeGreaterThan(0);
    expect(r.layer.every((f) => f.type === 3 && f.props.level === 'county')).toBe(true);
    expect(r.layer.some((f) => Number(f.props.population) > 0)).toBe(true);
    const [gx, gy] = tileOf(13, 100.45, 38.93);
    const grids = await tile(city, 'areas', 13, gx, gy);
    expect(grids.layer.every((f) => f.type === 3 && f.props.level === 'grid')).toBe(true);
    expect(
      (await tile(gaotai, 'areas', 13, gx, gy)).layer.every((f) => String(f.props.code).startsWith('620724')),
    ).toBe(true);
    for (const z of [9, 14]) {
      const [rx, ry] = tileOf(z, 100.45, 38.93);
      const reg = await tile(city, 'registry', z, rx, ry);
      expect(
        reg.layer.every(
          (f) =>
            f.type === 1 &&
            ['places', 'cameras', 'hazards', 'facilities', 'organizations'].includes(String(f.props.kind)),
        ),
      ).toBe(true);
    }
    expect((await tile(city, 'registry', 9, x, y, 'kinds=people')).status).toBe(400);
  });

  it('areas tiles carry one label point per area, in the tile that holds its centre', async () => {
    const [x0, y0] = tileOf(7, 97, 40.5);
    const [x1, y1] = tileOf(7, 102.6, 37.2);
    const names: string[] = [];
    for (let x = x0; x <= x1; x++)
      for (let y = y0; y <= y1; y++) {
        const res = await t.runtime.app.inject({
          method: 'GET',
          url: `/api/map/tiles/areas/7/${x}/${y}?${ALL}`,
          headers: { authorization: `Bearer ${city}` },
        });
        const l = new VectorTile(new PbfReader(res.rawPayload)).layers.labels;
        for (let i = 0; l && i < l.length; i++) {
          const f = l.feature(i);
          expect(f.type).toBe(1);
          expect(f.properties.level).toBe('county');
          names.push(String(f.properties.name));
        }
      }
    // Each county once over the whole city, however many tiles its polygon crosses.
    expect(names.sort()).toEqual(['临泽县', '山丹县', '民乐县', '甘州区', '肃南裕固族自治县', '高台县'].sort());
  });

  it('answers 304 to a matching ETag, 400 to a bad tile or filter, 401 without a token', async () => {
    const [x, y] = tileOf(8, 100.45, 38.93);
    const first = await tile(city, 'events', 8, x, y);
    const again = await t.runtime.app.inject({
      method: 'GET',
      url: `/api/map/tiles/events/8/${x}/${y}?${ALL}`,
      headers: { authorization: `Bearer ${city}`, 'if-none-match': first.etag },
    });
    expect(again.statusCode).toBe(304);
    expect((await t.api('GET', '/api/map/tiles/events/3/9/9', { token: city })).status).toBe(400);
    expect((await t.api('GET', '/api/map/tiles/events/8/1/1?status=open', { token: city })).status).toBe(400);
    expect((await t.api('GET', '/api/map/tiles/events/8/1/1')).status).toBe(401);
    const where = await t.api('GET', '/api/map/where?lng=100.45&lat=38.93&z=14', { token: city });
    expect(where.body.items.map((a: { level: string }) => a.level)).toEqual(['county', 'township', 'village', 'grid']);
  });
});
