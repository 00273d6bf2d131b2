/**
 * The area import of a whole city: the demo city's tree and its 7,452 grid polygons exported as GeoJSON, then
 * imported into an empty database (dry run, then apply), and the same file again (everything unchanged).
 *
 *   1. A scratch PGlite, migrated and seeded with the demo city; `GET /api/areas/export.geojson?root=620700` as the
 *      export service streams it.
 *   2. For PGlite and PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test; database
 *      fq_bench_areas, dropped first): an empty migrated database, then as the system actor a dry run, the apply, and
 *      a dry run of the same file (all unchanged).
 *
 *   npx tsx bench/area-import.ts [--pglite-only] [--fresh]
 *   (the export is cached in .tmp/bench-areas; --fresh seeds and exports again)
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openPglite, openPostgres } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { UNRESTRICTED } from '../src/db/scope.js';
import { ManualClock } from '../src/lib/clock.js';
import { loadConfig } from '../src/lib/config.js';
import { systemActor } from '../src/lib/context.js';
import { PersonalDataCipher } from '../src/lib/personal-data.js';
import type { ImportReport } from '../src/modules/areas/area-import.service.js';
import { AuditService } from '../src/modules/audit/audit.service.js';
import { createRuntime } from '../src/runtime.js';
import { seedDemoCity } from '../src/seed/demo-city.js';

const KEY = Buffer.alloc(32, 9);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BENCH_DB = 'fq_bench_areas';
const withDb = (url: string, name: string) => url.replace(/\/[^/?]*(\?.*)?$/, `/${name}`);
const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(2);

const CACHE = '.tmp/bench-areas/demo-areas.geojson';

async function exportDemo(): Promise<Buffer> {
  // Seeding the demo takes minutes on a busy machine: the export is kept for the next run (--fresh rebuilds it).
  if (fs.existsSync(CACHE) && !process.argv.includes('--fresh')) return fs.readFileSync(CACHE);
  const clock = new ManualClock('2026-11-01T00:00:00Z');
  const database = await openPglite({});
  await migrate(database.db, clock.now());
  const t0 = performance.now();
  await seedDemoCity(
    database.db,
    { clock, cipher: new PersonalDataCipher(KEY), audit: new AuditService(clock, Buffer.alloc(32, 1)) },
    loadConfig({}).demoSeed,
  );
  console.log(`demo city seeded in ${seconds(t0)} s`);
  const runtime = await createRuntime(loadConfig({ DEMO: 'off', DATA_DIR: '.tmp/bench-areas' }), {
    clock,
    database,
    masterKey: KEY,
  });
  const t1 = performance.now();
  const chunks: Buffer[] = [];
  for await (const c of await runtime.services.areaExport.geojson(UNRESTRICTED, '620700', undefined))
    chunks.push(Buffer.from(c as string));
  const file = Buffer.concat(chunks);
  const grids = (file.toString().match(/"level":"grid"/g) ?? []).length;
  console.log(`export: ${grids} grids, ${(file.length / 1e6).toFixed(1)} MB in ${seconds(t1)} s`);
  await runtime.close();
  fs.mkdirSync(path.dirname(CACHE), { recursive: true });
  fs.writeFileSync(CACHE, file);
  return file;
}

const line = (r: ImportReport) =>
  `errors ${r.counts.errors}, warnings ${r.counts.warnings}, create ${r.counts.create}, unchanged ${r.counts.unchanged}`;

async function importInto(kind: 'pglite' | 'postgres', file: Buffer) {
  let database: Awaited<ReturnType<typeof openPglite>>;
  if (kind === 'pglite') database = await openPglite({});
  else {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${BENCH_DB} with (force)`);
    await admin.query(`create database ${BENCH_DB}`);
    await admin.end();
    database = await openPostgres(withDb(PG_URL, BENCH_DB), 5);
  }
  const clock = new ManualClock('2026-11-02T00:00:00Z');
  await migrate(database.db, clock.now());
  const runtime = await createRuntime(loadConfig({ DEMO: 'off', DATA_DIR: '.tmp/bench-areas' }), {
    clock,
    database,
    masterKey: KEY,
  });
  const service = runtime.services.areaImport;
  const actor = systemActor('bench');
  const opts = { datum: 'wgs84' as const, codeProperty: 'code' };
  let t0 = performance.now();
  const dry = await service.run(actor, { divisions: file }, { ...opts, dryRun: true });
  console.log(`${kind}: dry run ${seconds(t0)} s (${line(dry)})`);
  t0 = performance.now();
  const applied = await service.run(actor, { divisions: file }, { ...opts, dryRun: false });
  console.log(`${kind}: apply ${seconds(t0)} s (applied ${applied.applied}; ${line(applied)})`);
  t0 = performance.now();
  const again = await service.run(actor, { divisions: file }, { ...opts, dryRun: true });
  console.log(`${kind}: dry run of the same file after apply ${seconds(t0)} s (${line(again)})`);
  await runtime.close();
}

const file = await exportDemo();
await importInto('pglite', file);
if (!process.argv.includes('--pglite-only')) await importInto('postgres', file);
