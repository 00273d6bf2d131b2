/**
 * 形势研判 and 挂牌督办 on PostgreSQL: the demo city plus N generated events spread over the year
 * before now, then GET /api/reports/situation (JSON) for a township, a county and the city over the
 * last complete quarter (p50/p95), the PDF and DOCX renderings, and one evaluation of every
 * supervision rule over the installation.
 *
 *   npx tsx bench/situation-report.ts [--events 1000000] [--calls 20] [--keep]
 *     (own database fq_bench_situation, dropped first and, without --keep, at the end)
 */
import { sql } from 'kysely';
import pino from 'pino';
import { scopeOf } from '../src/db/scope.js';
import { ManualClock } from '../src/lib/clock.js';
import { loadConfig } from '../src/lib/config.js';
import { systemActor } from '../src/lib/context.js';
import { situationDocx } from '../src/modules/reports/situation-docx.js';
import { situationPdf } from '../src/modules/reports/situation-pdf.js';
import { createRuntime } from '../src/runtime.js';
import { freshDatabase, generateEvents } from './generate-events.js';
import { percentile } from './lib/stats.js';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};

async function time<T>(calls: number, fn: () => Promise<T>) {
  const xs: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  xs.sort((a, b) => a - b);
  const r = (n: number) => Math.round(n * 10) / 10;
  return { p50: r(percentile(xs, 50)), p95: r(percentile(xs, 95)) };
}

const n = Number(arg('events', '1000000'));
const calls = Number(arg('calls', '20'));
const bench = await freshDatabase('fq_bench_situation');
const clock = new ManualClock(new Date('2026-11-28T02:00:00Z'));
const rt = await createRuntime(
  loadConfig({
    DATABASE_URL: bench.url,
    DEMO: 'on',
    WEB_DIST: '.tmp/none',
    DATA_DIR: '.tmp/bench-situation',
    SWEEP_INTERVAL_SECONDS: '0',
  }),
  { clock, masterKey: Buffer.alloc(32, 9), logger: pino({ level: 'warn' }) },
);
try {
  const g = await generateEvents(rt.database.db, { n, openShare: 0.03, crossShare: 0.05, now: clock.now() });
  console.log(`${g.events.toLocaleString('en')} events generated in ${g.seconds.toFixed(1)} s`);
  await sql`analyze`.execute(rt.database.db);
  const township = (
    await rt.database.db
      .selectFrom('area')
      .select('code')
      .where('level', '=', 'township')
      .where('code', 'like', '620702%')
      .orderBy('code')
      .limit(1)
      .executeTakeFirstOrThrow()
  ).code;
  const s = rt.services.situation;
  const city = scopeOf('620700', 'city');
  for (const [label, code] of [
    ['township', township],
    ['county', '620702'],
    ['city', '620700'],
  ] as const) {
    const r = await s.report(city, { areaCode: code });
    const json = await time(calls, () => s.report(city, { areaCode: code }));
    console.log(
      `report ${label} ${code}: ${r.totals.current.toLocaleString('en')} events in ${r.period.label}; JSON p50 ${json.p50} ms, p95 ${json.p95} ms`,
    );
    if (label === 'county') {
      console.log(
        `  PDF ${JSON.stringify(await time(5, () => situationPdf(r)))} ms, DOCX ${JSON.stringify(await time(5, () => situationDocx(r)))} ms`,
      );
    }
  }
  const t0 = performance.now();
  const ev = await rt.services.supervision.evaluate(systemActor('bench'));
  const t1 = performance.now();
  const again = await rt.services.supervision.evaluate(systemActor('bench'));
  console.log(
    `supervision evaluate (4 default rules, whole city): ${(t1 - t0).toFixed(0)} ms, ${ev.created} flags; again ${(performance.now() - t1).toFixed(0)} ms, ${again.created} new / ${again.existing} existing`,
  );
} finally {
  await rt.close();
  if (!process.argv.includes('--keep')) await bench.drop();
}
