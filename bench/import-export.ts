/**
 * Registry import and export through the HTTP path, on PostgreSQL.
 *
 *   1. A fresh database `fq_bench_import` (dropped first), migrated and seeded with the demo city
 *      by createRuntime (DEMO=on), the server listening on 127.0.0.1.
 *   2. A people .xlsx of --rows rows (default 100,000; valid synthetic ID numbers, phones, one
 *      household of three per three rows, grids of 甘州区) written with shared strings as Excel
 *      does; then, as the 甘州区 operator over a real socket: a dry run, the import, and the same
 *      import again (idempotent: everything unchanged).
 *   3. --export-people more people (default 1,000,000) through bulkInsertPeople, then a streaming
 *      masked export of every person in the city, .xlsx then .csv, read by a client in the same
 *      process, while the process RSS is sampled every 100 ms.
 *
 *   npx tsx --expose-gc bench/import-export.ts [--rows 100000] [--export-people 1000000] [--keep]
 *   (BENCH_DATABASE_URL picks the server, default postgres://postgres@127.0.0.1:5432/test)
 */
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import pg from 'pg';
import pino from 'pino';
import { makeIdNumber } from '../src/kernel/id-number.js';
import { loadConfig } from '../src/lib/config.js';
import { createRuntime } from '../src/runtime.js';
import { DEMO_PASSWORD } from '../src/seed/demo-city.js';
import { demoPhone, personName } from '../src/seed/names.js';
import { Prng } from '../src/seed/prng.js';
import { generatePeople } from './generate-people.js';

const KEY = Buffer.alloc(32, 9);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BENCH_DB = 'fq_bench_import';
const withDb = (url: string, name: string) => url.replace(/\/[^/?]*(\?.*)?$/, `/${name}`);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg('--rows', 100_000);
const EXPORT_PEOPLE = arg('--export-people', 1_000_000);
const KEEP = process.argv.includes('--keep');

const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

/** Samples the process RSS every 100 ms while `work` runs. */
async function sampled<T>(
  work: () => Promise<T>,
): Promise<{ result: T; seconds: number; before: number; peak: number; peakHeap: number; samples: number[] }> {
  gc();
  const before = process.memoryUsage().rss;
  const samples: number[] = [];
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    samples.push(m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 100);
  const t0 = performance.now();
  try {
    const result = await work();
    sample();
    return {
      result,
      seconds: (performance.now() - t0) / 1000,
      before,
      peak: Math.max(before, ...samples),
      peakHeap,
      samples,
    };
  } finally {
    clearInterval(timer);
  }
}

/** RSS at 10 %, 25 %, 50 %, 75 % and 100 % of the run. */
const timeline = (samples: number[]) =>
  [0.1, 0.25, 0.5, 0.75, 1]
    .map((f) => mb(samples[Math.min(samples.length - 1, Math.floor(f * (samples.length - 1)))] ?? 0))
    .join(' → ');

async function buildPeopleFile(grids: string[]): Promise<Buffer> {
  const rng = new Prng(99);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('数据');
  ws.addRow(['姓名', '身份证号', '民族', '联系电话', '户籍类型', '网格编码', '户号', '与户主关系', '地址']).commit();
  const relations = ['户主', '配偶', '子'];
  for (let n = 0; n < ROWS; n++) {
    const day = new Date(Date.UTC(1950, 0, 1) + (n % 20_000) * 86_400_000).toISOString().slice(0, 10);
    const household = Math.floor(n / 3);
    const grid = grids[household % grids.length]!;
    ws.addRow([
      personName(rng),
      makeIdNumber('629901', day, 1 + Math.floor(n / 20_000)),
      '汉族',
      demoPhone(rng),
      n % 7 === 0 ? '流动' : '户籍',
      grid,
      `B${String(household).padStart(6, '0')}`,
      relations[n % 3]!,
      `甘州区测试路${household}号`,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

async function recreateDatabase() {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`drop database if exists "${BENCH_DB}" with (force)`);
  await admin.query(`create database "${BENCH_DB}"`);
  await admin.end();
}

async function dropDatabase() {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`drop database if exists "${BENCH_DB}" with (force)`);
  await admin.end();
}

await recreateDatabase();
const url = withDb(PG_URL, BENCH_DB);
let t0 = performance.now();
const rt = await createRuntime(
  loadConfig({ DATABASE_URL: url, DEMO: 'on', WEB_DIST: '.tmp/none', DATA_DIR: '.tmp/bench-import' }),
  { masterKey: KEY, logger: pino({ level: 'warn' }) },
);
const seedS = (performance.now() - t0) / 1000;
try {
  await rt.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(rt.app.server.address() as AddressInfo).port}`;
  const login = async (username: string) => {
    const r = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    return ((await r.json()) as { token: string }).token;
  };
  const operator = await login('demo-ganzhou');
  const cityAdmin = await login('demo-city');
  const db = rt.database.db;
  const countPeople = async () =>
    Number(
      (
        await db
          .selectFrom('person')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const demoPeople = await countPeople();

  const grids = (
    await db
      .selectFrom('area')
      .select('code')
      .where('level', '=', 'grid')
      .where('code', 'like', '620702%')
      .orderBy('code')
      .execute()
  ).map((g) => g.code);
  t0 = performance.now();
  const file = await buildPeopleFile(grids);
  const buildS = (performance.now() - t0) / 1000;

  interface Result {
    received: number;
    inserted: number;
    unchanged: number;
    rejected: number;
    skipped: number;
  }
  const upload = async (query: string): Promise<Result> => {
    const r = await fetch(`${base}/api/import/people?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator}`, 'content-type': XLSX },
      body: new Uint8Array(file),
    });
    const body = (await r.json()) as Result;
    if (r.status !== 200) throw new Error(`import: ${r.status} ${JSON.stringify(body).slice(0, 300)}`);
    return body;
  };
  const dry = await sampled(() => upload('dryRun=true'));
  const real = await sampled(() => upload('dryRun=false&mode=valid_only'));
  const again = await sampled(() => upload('dryRun=false&mode=valid_only'));
  const households = Number(
    (
      await db
        .selectFrom('household')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('number', 'like', 'B%')
        .executeTakeFirstOrThrow()
    ).n,
  );

  t0 = performance.now();
  const generated =
    EXPORT_PEOPLE > 0 ? await generatePeople(db, rt.cipher, EXPORT_PEOPLE) : { seconds: 0, inserted: 0 };
  const people = await countPeople();

  const download = async (path: string) => {
    const r = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${cityAdmin}` } });
    if (r.status !== 200 || !r.body) throw new Error(`export: ${r.status}`);
    let bytes = 0;
    for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    return bytes;
  };
  const countyPeople = Number(
    (
      await db
        .selectFrom('person')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('grid_code', 'like', '620724%')
        .executeTakeFirstOrThrow()
    ).n,
  );
  const county = await sampled(() => download('/api/export/people.xlsx?areaCode=620724'));
  const xlsx = await sampled(() => download('/api/export/people.xlsx'));
  const csv = await sampled(() => download('/api/export/people.csv'));

  const rate = (n: number, s: number) => `${Math.round(n / s).toLocaleString('en')} rows/s`;
  const n = (v: number) => v.toLocaleString('en');
  console.log(`
Measured ${new Date().toISOString().slice(0, 10)}, PostgreSQL ${(await db.selectNoFrom((eb) => eb.fn<string>('current_setting', [eb.val('server_version')]).as('v')).executeTakeFirstOrThrow()).v} on 127.0.0.1, Node ${process.version}, ${(await import('node:os')).cpus().length} CPUs; \`npx tsx --expose-gc bench/import-export.ts\`. Server and client in one process, over a real socket. Demo city seeded in ${seedS.toFixed(0)} s (${n(demoPeople)} people).

| step | rows | time | rate | process RSS before → peak (peak JS heap) |
| --- | ---: | ---: | ---: | --- |
| dry run of a ${(file.length / 1e6).toFixed(1)} MB people .xlsx (${n(ROWS)} rows, ${n(Math.ceil(ROWS / 3))} households, built in ${buildS.toFixed(1)} s) | ${n(dry.result.received)} | ${dry.seconds.toFixed(1)} s | ${rate(ROWS, dry.seconds)} | ${mb(dry.before)} → ${mb(dry.peak)} (${mb(dry.peakHeap)}) |
| import, valid_only (target < 60 s) | inserted ${n(real.result.inserted)}, ${n(households)} households created | **${real.seconds.toFixed(1)} s** | ${rate(ROWS, real.seconds)} | ${mb(real.before)} → ${mb(real.peak)} (${mb(real.peakHeap)}) |
| the same file again (idempotent) | inserted ${n(again.result.inserted)}, unchanged ${n(again.result.unchanged)} | ${again.seconds.toFixed(1)} s | ${rate(ROWS, again.seconds)} | ${mb(again.before)} → ${mb(again.peak)} (${mb(again.peakHeap)}) |
| ${n(generated.inserted)} more people through bulkInsertPeople (set-up, not a target) | ${n(generated.inserted)} | ${generated.seconds.toFixed(0)} s | ${rate(generated.inserted, generated.seconds || 1)} | |
| export people.xlsx, masked, one county (高台县), for comparison | ${n(countyPeople)} (${mb(county.result)}) | ${county.seconds.toFixed(1)} s | ${rate(countyPeople, county.seconds)} | ${mb(county.before)} → ${mb(county.peak)} (${mb(county.peakHeap)}) |
| export people.xlsx, masked, whole city (target < 60 s for 1M) | ${n(people)} (${mb(xlsx.result)}) | **${xlsx.seconds.toFixed(1)} s** | ${rate(people, xlsx.seconds)} | ${mb(xlsx.before)} → ${mb(xlsx.peak)} (${mb(xlsx.peakHeap)}) |
| export people.csv, masked, whole city | ${n(people)} (${mb(csv.result)}) | ${csv.seconds.toFixed(1)} s | ${rate(people, csv.seconds)} | ${mb(csv.before)} → ${mb(csv.peak)} (${mb(csv.peakHeap)}) |

RSS during the .xlsx export at 10 % → 25 % → 50 % → 75 % → 100 % of its time: ${timeline(xlsx.samples)}; during the .csv export: ${timeline(csv.samples)}.
Import results: dry run ${JSON.stringify({ ...dry.result, errors: undefined })}; import ${JSON.stringify({ ...real.result, errors: undefined })}.
`);
} finally {
  await rt.close();
  if (!KEEP) await dropDatabase();
}
