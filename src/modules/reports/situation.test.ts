import JSZip from 'jszip';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';
import { type AreaGeometry, geometryContains, type Position } from '../../kernel/geometry.js';

/**
 * 形势研判 for one township: events made at controlled instants with the injected clock (this
 * quarter, the quarter before, the same quarter last year and both sides of the quarter's edge in
 * Shanghai time), then every figure of the report recounted from the raw rows.
 */
describe(`situation report (${backend})`, () => {
  let t: TestApp;
  let township: string;
  let grid: { code: string; lng: number; lat: number };
  let place: { id: string; name: string; lng: number; lat: number };
  let op: string;
  const db = () => t.runtime.database.db;
  let k = 0;

  const create = async (at: string, categoryCode: string, where?: { lng: number; lat: number }, address?: string) => {
    t.clock.set(at);
    // Sessions expire as the clock jumps: log in at each instant.
    op = await t.login('demo-ganzhou');
    // Spread points ~400 m apart inside the grid unless a place is given, so hotspots are the place's.
    const loc = where ?? {
      lng: grid.lng + 0.0005 * ((k % 5) - 2),
      lat: grid.lat + 0.0005 * ((Math.floor(k / 5) % 5) - 2),
    };
    k++;
    const r = await t.api('POST', '/api/events', {
      token: op,
      body: {
        categoryCode,
        description: `测试事件${k}:群众反映问题需要处理`,
        location: loc,
        ...(address ? { address } : {}),
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string };
  };
  const act = (id: string, body: object, token = op) => t.api('POST', `/api/events/${id}/transitions`, { token, body });

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
    const a = await db()
      .selectFrom('area')
      .select(['code', 'center_lng', 'center_lat', 'boundary'])
      .where('code', '=', g)
      .executeTakeFirstOrThrow();
    grid = { code: a.code, lng: a.center_lng!, lat: a.center_lat! };
    op = await t.login('demo-ganzhou');
    // A registry place in the grid worker's grid, off the events' lattice, where three events happen. Urban grids
    // are a few hundred metres across, so the spot is the first candidate that lies inside this grid's shape.
    const shape = (typeof a.boundary === 'string' ? JSON.parse(a.boundary) : a.boundary) as AreaGeometry;
    const spot = [
      [0.0012, 0.0003],
      [-0.0012, 0.0003],
      [0.0003, 0.0012],
      [0.0003, -0.0012],
      [0.00075, 0.00075],
      [0.00025, 0.00025],
    ]
      .map(([dx, dy]) => [grid.lng + dx!, grid.lat + dy!] as Position)
      .find((p) => geometryContains(shape, p))!;
    const pl = await t.api('POST', '/api/places', {
      token: op,
      body: { name: '测试农贸市场', kind: 'market', address: '测试路1号', lng: spot[0], lat: spot[1] },
    });
    expect(pl.status, JSON.stringify(pl.body)).toBe(201);
    place = { id: pl.body.id, name: '测试农贸市场', lng: spot[0], lat: spot[1] };
    expect(
      (await db().selectFrom('place').select('grid_code').where('id', '=', place.id).executeTakeFirstOrThrow())
        .grid_code,
    ).toBe(g);

    // Same quarter last year: 2 events; the quarter before: 3 (one at 23:30 on 30 June, Shanghai).
    await create('2025-08-12T02:00:00Z', '0102');
    await create('2025-09-01T02:00:00Z', '0403');
    await create('2026-05-12T02:00:00Z', '0102');
    await create('2026-06-01T02:00:00Z', '0403');
    await create('2026-06-30T15:30:00Z', '0403');
    // This quarter: 01:00 on 1 July Shanghai is already Q3; neighbour disputes rise from 1 to 4.
    await create('2026-06-30T17:00:00Z', '0102');
    await create('2026-08-03T02:00:00Z', '0102', place, '测试路1号');
    await create('2026-08-04T02:00:00Z', '0102', place, '测试路1号');
    await create('2026-08-05T02:00:00Z', '0102');
    const late = await create('2026-08-10T02:00:00Z', '0201', place);
    await act(late.id, { action: 'accept' });
    expect((await act(late.id, { action: 'dispatch' })).status).toBe(200);
    // One dispute is resolved at the grid level by the grid worker (before any sweep moves it up).
    const first = (
      await db()
        .selectFrom('mediation_case')
        .select('event_id')
        .where('grid_code', 'like', `${township}%`)
        .where('opened_at', '>=', new Date('2026-06-30T16:00:00Z'))
        .orderBy('opened_at')
        .executeTakeFirstOrThrow()
    ).event_id;
    const m = await t.api('POST', `/api/events/${first}/mediation`, {
      token: await t.login('demo-grid'),
      body: { action: 'resolve', outcome: '双方和解', agreement: '双方互谅互让,不再争执。' },
    });
    expect(m.status, JSON.stringify(m.body)).toBe(200);
    // The hazard's one working day runs out; one sweep marks it overdue.
    t.clock.set('2026-08-14T02:00:00Z');
    await t.runtime.sweep();
    t.clock.set('2026-11-28T02:00:00Z');
  });
  afterAll(() => t.close());

  it('counts by category against the previous quarter and last year, recounted from the rows', async () => {
    const r = await t.api('GET', `/api/reports/situation?areaCode=${township}`, { token: await t.login('demo-city') });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const b = r.body;
    // Default period: the last complete quarter before 28 Nov 2026.
    expect(b.period).toMatchObject({ from: '2026-07-01', to: '2026-09-30', label: '2026年第三季度' });
    expect(b.previous).toMatchObject({ from: '2026-04-01', to: '2026-06-30' });
    expect(b.lastYear).toMatchObject({ from: '2025-07-01', to: '2025-09-30' });

    const rows = await db()
      .selectFrom('event')
      .select([
        'category_code',
        'created_at',
        'grid_code',
        'overdue_at',
        'lead_unit_id',
        'is_dispute',
        'merged_into',
        'lng',
        'lat',
        'address',
      ])
      .where('grid_code', 'like', `${township}%`)
      .execute();
    const inRange = (d: Date, from: string, to: string) =>
      d >= new Date(`${from}T00:00:00+08:00`) && d < new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000);
    const live = rows.filter((e) => !e.merged_into);
    const count = (p: { from: string; to: string }, cat = '') =>
      live.filter((e) => e.category_code.startsWith(cat) && inRange(e.created_at, p.from, p.to)).length;
    expect(b.totals).toMatchObject({
      current: count(b.period),
      previous: count(b.previous),
      lastYear: count(b.lastYear),
    });
    // The controlled events, exactly: the template has none of its own here.
    expect([b.totals.current, b.totals.previous, b.totals.lastYear]).toEqual([5, 3, 2]);
    expect(b.totals.change).toBeCloseTo(5 / 3 - 1);
    expect(b.totals.yoy).toBeCloseTo(1.5);
    for (const c of b.categories)
      expect([c.current, c.previous, c.lastYear], c.code).toEqual([
        count(b.period, c.code),
        count(b.previous, c.code),
        count(b.lastYear, c.code),
      ]);
    expect(b.categories.find((c: { code: string }) => c.code === '01')).toMatchObject({
      current: 4,
      previous: 1,
      lastYear: 1,
      change: 3,
      yoy: 3,
    });
    expect(b.rising[0]).toMatchObject({ code: '0102', current: 4, previous: 1, increase: 3 });
    expect(b.totals.disputes).toBe(
      live.filter((e) => e.is_dispute && inRange(e.created_at, b.period.from, b.period.to)).length,
    );
    expect(b.trend.map((m: { month: string; current: number }) => [m.month, m.current])).toEqual([
      ['2026-07', 1],
      ['2026-08', 4],
      ['2026-09', 0],
    ]);
    expect(b.trend.map((m: { lastYear: number }) => m.lastYear)).toEqual([0, 1, 1]);

    // Hotspots: the grid with the most events, and the registry place three events were reported at.
    const byGrid = new Map<string, number>();
    for (const e of live.filter((e) => inRange(e.created_at, b.period.from, b.period.to)))
      byGrid.set(e.grid_code, (byGrid.get(e.grid_code) ?? 0) + 1);
    const top = [...byGrid].sort((a, c) => c[1] - a[1] || a[0].localeCompare(c[0]))[0]!;
    expect(b.hotspots.grids[0]).toMatchObject({ code: top[0], events: top[1] });
    // Places: each event to the nearest registry place of its grid within ~150 m, recounted here.
    const places = await db()
      .selectFrom('place')
      .select(['id', 'grid_code', 'lng', 'lat'])
      .where('grid_code', 'like', `${township}%`)
      .execute();
    const byPlace = new Map<string, number>();
    for (const e of live.filter((e) => inRange(e.created_at, b.period.from, b.period.to))) {
      const near = places.filter(
        (p) => p.grid_code === e.grid_code && Math.abs(p.lat - e.lat) < 0.00135 && Math.abs(p.lng - e.lng) < 0.0018,
      );
      near.sort(
        (p, q) =>
          (p.lat - e.lat) ** 2 + 0.6 * (p.lng - e.lng) ** 2 - ((q.lat - e.lat) ** 2 + 0.6 * (q.lng - e.lng) ** 2),
      );
      if (near[0]) byPlace.set(near[0].id, (byPlace.get(near[0].id) ?? 0) + 1);
    }
    expect(b.hotspots.places.find((p: { id: string }) => p.id === place.id)).toMatchObject({
      name: place.name,
      events: byPlace.get(place.id),
    });
    expect(byPlace.get(place.id)).toBeGreaterThanOrEqual(3);
    expect(b.hotspots.places[0].events).toBe(Math.max(...byPlace.values()));
    const atAddress = live.filter(
      (e) => e.address === '测试路1号' && inRange(e.created_at, b.period.from, b.period.to),
    ).length;
    expect(atAddress).toBe(2);
    expect(b.hotspots.addresses).toContainEqual({ address: '测试路1号', events: atAddress });

    // Overdue units from event.overdue_at and lead_unit_id.
    const overdue = live.filter((e) => e.overdue_at && inRange(e.created_at, b.period.from, b.period.to));
    expect(overdue.length).toBeGreaterThan(0);
    expect(b.totals.overdue).toBe(overdue.length);
    const lead = overdue.find((e) => e.lead_unit_id)!.lead_unit_id;
    expect(b.overdueUnits.find((u: { unitId: string | null }) => u.unitId === lead)).toMatchObject({
      overdue: overdue.filter((e) => e.lead_unit_id === lead).length,
    });

    // Mediation outcomes by level, recounted from mediation_case.
    const cases = await db()
      .selectFrom('mediation_case')
      .select(['status', 'resolved_level_key', 'opened_at'])
      .where('grid_code', 'like', `${township}%`)
      .execute();
    const cur = cases.filter((c) => inRange(c.opened_at, b.period.from, b.period.to));
    expect(b.mediation.total).toBe(cur.length);
    expect(b.mediation.open).toBe(cur.filter((c) => c.status === 'open').length);
    expect(b.mediation.levels.find((l: { key: string }) => l.key === 'grid')).toMatchObject({ resolved: 1, share: 1 });

    // The summary quotes the same numbers.
    expect(b.summary[0]).toBe(
      `2026年第三季度,${b.area.name}共受理事件5件,环比上升66.7%,同比上升150.0%(上期3件,去年同期2件)。`,
    );
    expect(b.summary.join('')).toContain('100.0%在村级及以下化解');
    expect(b.summary.join('')).toContain('邻里纠纷(由1件增至4件)');
  });

  it('takes any from/to; the county report contains the township; out of scope is 404', async () => {
    const city = await t.login('demo-city');
    const r = await t.api('GET', `/api/reports/situation?areaCode=${township}&from=2026-08-01&to=2026-08-31`, {
      token: city,
    });
    expect(r.body.totals).toMatchObject({ current: 4, previous: 1 });
    expect(r.body.previous).toMatchObject({ from: '2026-07-01', to: '2026-07-31' });
    const county = await t.api(
      'GET',
      `/api/reports/situation?areaCode=${township.slice(0, 6)}&from=2026-07-01&to=2026-09-30`,
      { token: city },
    );
    expect(county.body.totals.current).toBeGreaterThanOrEqual(5);
    expect(
      (await t.api('GET', `/api/reports/situation?areaCode=${township}`, { token: await t.login('demo-gaotai') }))
        .status,
    ).toBe(404);
    expect(
      (await t.api('GET', `/api/reports/situation?areaCode=${township}&from=2026-09-01&to=2026-08-01`, { token: city }))
        .status,
    ).toBe(400);
    expect((await t.api('GET', `/api/reports/situation?areaCode=${township}`)).status).toBe(401);
  });

  it('downloads as PDF and DOCX that open and carry the summary', async () => {
    const token = await t.login('demo-city');
    const pdf = await t.runtime.app.inject({
      method: 'GET',
      url: `/api/reports/situation.pdf?areaCode=${township}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const parsed = await new PDFParse({ data: new Uint8Array(pdf.rawPayload) }).getText();
    expect(parsed.total).toBeGreaterThanOrEqual(1);
    const text = parsed.text.replace(/\s+/g, '');
    expect(text).toContain('社会治理形势研判报告');
    expect(text).toContain('共受理事件5件');

    const docx = await t.runtime.app.inject({
      method: 'GET',
      url: `/api/reports/situation.docx?areaCode=${township}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(docx.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('共受理事件5件');
    expect(xml).toContain('矛盾纠纷化解层级');
    expect(
      (await t.api('GET', `/api/reports/situation.pdf?areaCode=${township}`, { token: await t.login('demo-gaotai') }))
        .status,
    ).toBe(404);
  });
});
