/**
 * Import of 100k people from an .xlsx through the full HTTP path (dry run, then real), and a
 * streaming export of every person (1M+ after bench/http.ts), sampling the process RSS to show
 * memory stays flat. Runs against the PostgreSQL database bench/http.ts leaves behind.
 *   npx tsx bench/import-export.ts [--rows 100000]
 */
import ExcelJS from 'exceljs';
import { loadConfig } from '../src/config.js';
import { openPostgres } from '../src/db/database.js';
import { makeIdNumber } from '../src/domain/id-number.js';
import { createRuntime } from '../src/runtime.js';
import { personName } from '../src/seed/names.js';
import { Prng } from '../src/seed/prng.js';

const KEY = Buffer.alloc(32, 9);
const URL_ = (process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test').replace(/\/[^/]*$/, '/fq_bench_http');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const i = process.argv.indexOf('--rows');
const ROWS = i >= 0 ? Number(process.argv[i + 1]) : 100_000;

async function buildFile(grids: string[]): Promise<Buffer> {
  const rng = new Prng(99);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(['姓名', '身份证号', '民族', '联系电话', '户籍类型', '网格编码', '户号', '与户主关系', '地址']);
  for (let n = 0; n < ROWS; n++) {
    const day = new Date(Date.UTC(1950, 0, 1) + (n % 20_000) * 86_400_000).toISOString().slice(0, 10);
    ws.addRow([personName(rng), makeIdNumber('629901', day, 1 + Math.floor(n / 20_000)), '汉族', `1990000${String(n % 10_000).padStart(4, '0')}`, '流动', grids[n % grids.length], '', '', '']);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const database = await openPostgres(URL_, 10);
const rt = await createRuntime(loadConfig({ DATABASE_URL: URL_, DEMO: 'off', WEB_DIST: '.tmp/none' }), { database, masterKey: KEY });
try {
  const token = (await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-city', password: 'Demo@2026' } })).json().token as string;
  const grids = (await rt.database.db.selectFrom('area').select('code').where('level', '=', 'grid').limit(2000).execute()).map((g) => g.code);
  const file = await buildFile(grids);
  const post = (q: string) => rt.app.inject({ method: 'POST', url: `/api/import/people?${q}`, payload: file, headers: { authorization: `Bearer ${token}`, 'content-type': XLSX } });

  let t0 = performance.now();
  const dry = (await post('dryRun=true')).json();
  const dryS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const real = (await post('dryRun=false')).json();
  const realS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const again = (await post('dryRun=false')).json();
  const againS = (performance.now() - t0) / 1000;

  // Export over a real socket so the stream is consumed as a client would.
  await rt.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (rt.app.server.address() as { port: number }).port;
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const rssBefore = process.memoryUsage().rss;
  t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/api/export/people.xlsx`, { headers: { authorization: `Bearer ${token}` } });
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  const exportS = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const people = Number((await rt.database.db.selectFrom('person').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  console.log(`### Registry import and export (PostgreSQL 15, through the HTTP path)

| measure | result | target |
| --- | --- | --- |
| dry run of ${ROWS.toLocaleString('en')} rows (.xlsx, ${(file.length / 1e6).toFixed(1)} MB): parse + validate every row | ${dryS.toFixed(1)} s (${Math.round(ROWS / dryS).toLocaleString('en')} rows/s), rejected ${dry.rejected} | |
| import of the same file | **${realS.toFixed(1)} s** (${Math.round(ROWS / realS).toLocaleString('en')} rows/s), inserted ${real.inserted.toLocaleString('en')} | < 60 s |
| re-import of the same file (idempotent) | ${againS.toFixed(1)} s, inserted ${again.inserted}, unchanged ${again.unchanged.toLocaleString('en')} | |
| streaming .xlsx export of ${people.toLocaleString('en')} people (masked) | **${exportS.toFixed(1)} s** (${Math.round(people / exportS).toLocaleString('en')} rows/s, ${(bytes / 1e6).toFixed(0)} MB) | < 60 s for 1M |
| process RSS during export | ${(rssBefore / 1e6).toFixed(0)} MB before, peak ${(peak / 1e6).toFixed(0)} MB | flat |
`);
} finally {
  await rt.close();
}
