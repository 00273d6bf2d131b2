/**
 * The deadline sweep at scale, on PostgreSQL: a fresh database `fq_bench_events` with the demo
 * city, --events open events (default 1,000,000) generated set-based around the clock's instant so
 * that --cross-share of them (default 5 %) have passed their warning, deadline and stage limit
 * unflagged (a tenth of those also due to go up to the city, some co-handler tasks and mediation
 * levels run out too); then one full sweep (src/modules/events/deadline-sweeper.ts with the dependencies the
 * runtime's sweep() gives it, and the time of each part), and an idle sweep right after it, when nothing is due.
 *
 *   npx tsx bench/event-sweep.ts [--events 1000000] [--cross-share 0.05] [--keep] [--save-seed | --from-seed] [--wal-detail]
 *
 * --save-seed keeps a copy of the generated database, before the timed sweep, as `fq_bench_events_seed`;
 * --from-seed starts from a fresh copy of that (CREATE DATABASE … TEMPLATE, a file copy) instead of
 * generating again, so the sweep can be re-timed in seconds after a code change. Migrations added
 * since the seed was saved are applied when the runtime opens the copy, before the timing.
 */
import { sql } from 'kysely';
import pino from 'pino';
import { ManualClock } from '../src/lib/clock.js';
import { loadConfig } from '../src/lib/config.js';
import { sweepDeadlines } from '../src/modules/events/deadline-sweeper.js';
import { createRuntime } from '../src/runtime.js';
import { freshDatabase, generateEvents, seedCopy } from './generate-events.js';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
};

const SEED = 'fq_bench_events_seed';

export async function eventSweepBench(opts: {
  events: number;
  crossShare: number;
  keep?: boolean;
  saveSeed?: boolean;
  fromSeed?: boolean;
  walDetail?: boolean;
}): Promise<string> {
  const bench = opts.fromSeed ? await seedCopy(SEED, 'fq_bench_events') : await freshDatabase('fq_bench_events');
  // A Wednesday mid-morning in Shanghai, so working-day arithmetic has a plain working day around it.
  const clock = new ManualClock('2026-11-25T02:30:00Z');
  const open = () =>
    createRuntime(
      loadConfig({
        DATABASE_URL: bench.url,
        DEMO: 'on',
        WEB_DIST: '.tmp/none',
        DATA_DIR: '.tmp/bench-events',
        SWEEP_INTERVAL_SECONDS: '0',
        DATABASE_POOL_SIZE: '10',
      }),
      {
        clock,
        masterKey: Buffer.alloc(32, 9),
        logger: pino({ level: 'warn' }),
      },
    );
  let rt = await open();
  try {
    let gen = { events: 0, seconds: 0 };
    if (!opts.fromSeed) {
      // The demo's own open events are flagged first, so the timed sweep sees only the generated ones.
      await rt.sweep();
      gen = await generateEvents(rt.database.db, {
        n: opts.events,
        openShare: 1,
        crossShare: opts.crossShare,
        now: clock.now(),
        log: () => {},
      });
      if (opts.saveSeed) {
        await rt.close();
        await seedCopy('fq_bench_events', SEED);
        rt = await open();
      }
    }
    const db = rt.database.db;
    const q = async (s: string) => Number((await sql.raw<{ n: string }>(s).execute(db)).rows[0]!.n);
    const now = clock.now().toISOString();
    const due = {
      warn: await q(
        `select count(*) as n from event where warned_at is null and status in ('reported','accepted','dispatched','handling','feedback','verified') and warn_at <= '${now}'`,
      ),
      overdue: await q(
        `select count(*) as n from event where overdue_at is null and status in ('reported','accepted','dispatched','handling','feedback','verified') and due_at <= '${now}'`,
      ),
      stage: await q(
        `select count(*) as n from event where stage_overdue_at is null and status in ('reported','accepted','dispatched','handling','feedback','verified') and stage_due_at <= '${now}'`,
      ),
      escalate: await q(
        `select count(*) as n from event where escalate_at <= '${now}' and status in ('reported','accepted','dispatched','handling','feedback','verified')`,
      ),
      coHandler: await q(
        `select count(*) as n from event_co_handler where status = 'open' and overdue_at is null and due_at <= '${now}'`,
      ),
      mediation: await q(`select count(*) as n from mediation_case where status = 'open' and level_due_at <= '${now}'`),
    };
    const openEvents = await q(`select count(*) as n from event where status not in ('rejected', 'closed', 'rated')`);
    // The runtime's sweep (src/runtime.ts) with the same dependencies, and the time of each part.
    const parts: Record<string, number> = {};
    const s = rt.services;
    const sweep = () =>
      sweepDeadlines({
        db,
        clock,
        audit: s.audit,
        calendar: s.calendar.calendar,
        refreshCalendar: () => s.calendar.refreshIfChanged(),
        onPart: (p, ms) => (parts[p] = ms),
      });
    // Copying the seed (or generating) writes gigabytes of WAL; its checkpoints would otherwise land
    // in the timed sweep at random and double its page images. The sweep starts after a checkpoint,
    // as a sweep on a running server starts within one checkpoint interval of the last.
    await sql`checkpoint`.execute(db);
    // WAL written during the sweep, read back by pg_walinspect (cluster-wide: run it on a quiet server).
    await sql`create extension if not exists pg_walinspect`.execute(db);
    const walNow = async () =>
      (await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(db)).rows[0]!;
    const w0 = await walNow();
    let t = performance.now();
    const full = await sweep();
    const fullMs = performance.now() - t;
    const w1 = await walNow();
    const wal = (
      await sql<{ mb: number; fpi: number; kinds: string }>`
      select sum(combined_size) / 1048576.0 as mb, sum(fpi_size) / 1048576.0 as fpi,
             string_agg("resource_manager/record_type" || ' ' || round(combined_size / 1048576.0) || ' MB', ', ' order by combined_size desc) filter (where combined_size > 1048576) as kinds
      from pg_get_wal_stats(${w0.lsn}::pg_lsn, ${w1.lsn}::pg_lsn)`.execute(db)
    ).rows[0]!;
    // --wal-detail: which relations the WAL's records and full-page images were for.
    const walByRelation = opts.walDetail
      ? (
          await sql<{ rel: string; records: string; fpi_mb: number; mb: number }>`
          select coalesce(c.relname, r.node) as rel, count(*)::text as records, round(sum(w.fpi_length) / 1048576.0, 1) as fpi_mb, round(sum(w.record_length) / 1048576.0, 1) as mb
          from pg_get_wal_records_info(${w0.lsn}::pg_lsn, ${w1.lsn}::pg_lsn) w
          cross join lateral (select (regexp_match(w.block_ref, 'rel [0-9]+/[0-9]+/([0-9]+)'))[1] as node) r
          left join pg_class c on c.relfilenode::text = r.node
          group by 1 order by sum(w.record_length) desc limit 12`.execute(db)
        ).rows
      : [];
    const fullParts = { ...parts };
    t = performance.now();
    const idle = await sweep();
    const idleMs = performance.now() - t;
    const line = (k: string, v: unknown) => `| ${k} | ${v} |`;
    return [
      `### Deadline sweep, PostgreSQL — ${openEvents.toLocaleString('en')} open events`,
      '',
      `${opts.fromSeed ? `Copied from ${SEED}.` : `Generated ${gen.events.toLocaleString('en')} open events set-based in ${gen.seconds.toFixed(1)} s (${Math.round(gen.events / gen.seconds).toLocaleString('en')} events/s).`} Due at the sweep: ${Object.entries(
        due,
      )
        .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
        .join(', ')}.`,
      '',
      '| measure | value |',
      '| --- | --- |',
      line('full sweep (target < 5 s)', `**${(fullMs / 1000).toFixed(2)} s**`),
      line('… of which event flags', `${((fullParts.events ?? 0) / 1000).toFixed(2)} s`),
      line('… of which co-handler tasks', `${((fullParts.coHandlers ?? 0) / 1000).toFixed(2)} s`),
      line('… of which mediation timeouts', `${((fullParts.mediation ?? 0) / 1000).toFixed(2)} s`),
      line(
        '… WAL written',
        `${Number(wal.mb).toFixed(0)} MB, of which full-page images ${Number(wal.fpi).toFixed(0)} MB (${wal.kinds})`,
      ),
      ...walByRelation.map((x) =>
        line(`… WAL for ${x.rel}`, `${x.records} records, ${x.mb} MB (${x.fpi_mb} MB page images)`),
      ),
      line('full sweep result', `\`${JSON.stringify(full)}\``),
      line('idle sweep right after (nothing due)', `**${idleMs.toFixed(0)} ms**`),
      line('idle sweep result', `\`${JSON.stringify(idle)}\``),
      '',
    ].join('\n');
  } finally {
    await rt.close();
    if (!opts.keep) await bench.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(
    await eventSweepBench({
      events: Number(arg('events', '1000000')),
      crossShare: Number(arg('cross-share', '0.05')),
      keep: process.argv.includes('--keep'),
      saveSeed: process.argv.includes('--save-seed'),
      fromSeed: process.argv.includes('--from-seed'),
      walDetail: process.argv.includes('--wal-detail'),
    }),
  );
}
