import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { openPglite } from './db/database.js';
import type { DemoSeeder } from './demo-seeding.js';
import { type DemoSnapshotMeta, demoSnapshotKey, snapshotFiles } from './demo-snapshot.js';
import { type Clock, systemClock } from './lib/clock.js';
import { loadConfig } from './lib/config.js';
import { extractTarGz, packTarGz } from './lib/tar-gz.js';
import { createRuntime } from './runtime.js';
import type { SeedProgress } from './seed/seed-progress.js';

const WAL_SEGMENT = /^pg_wal\/([0-9A-F]{24})$/;

/**
 * Seeds the demo into a fresh embedded database in a work folder under `dir` (through createRuntime, so it is the
 * very database a direct first start builds), closes it cleanly, and writes the snapshot: the data folder as .tar.gz,
 * the generated key, and the metadata. The archive is unpacked once and opened before it replaces an older one.
 */
export async function buildDemoSnapshot(opts: {
  dir: string;
  demoSeed: number;
  clock?: Clock;
  progress?: SeedProgress;
  /** Tests: a small demo instead of the whole city. */
  seedDemo?: DemoSeeder;
}): Promise<DemoSnapshotMeta> {
  const clock = opts.clock ?? systemClock;
  const key = demoSnapshotKey(opts.demoSeed);
  const files = snapshotFiles(opts.dir, key);
  const work = path.join(opts.dir, `building-${process.pid}`);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  try {
    const config = loadConfig({
      DATA_DIR: work,
      DEMO: 'on',
      DEMO_SEED: String(opts.demoSeed),
      DEMO_SNAPSHOT: 'off',
      WEB_DIST: path.join(work, 'no-web'),
      AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0',
    });
    const runtime = await createRuntime(config, { clock, progress: opts.progress, seedDemo: opts.seedDemo });
    const { seeded } = runtime;
    let current: string;
    try {
      if (!seeded) throw new Error('build:demo: the demo was not seeded');
      const row = await sql<{ f: string }>`select pg_walfile_name(pg_current_wal_insert_lsn()) as f`.execute(
        runtime.database.db,
      );
      current = row.rows[0]?.f ?? '';
      await sql`checkpoint`.execute(runtime.database.db);
    } finally {
      await runtime.close();
    }
    const pglite = path.join(work, 'pglite');
    // PostgreSQL keeps up to max_wal_size of recycled WAL segments, named ahead of the current one and holding old
    // records: 250 of the demo's 430 MB. A cleanly closed database needs only the segment of its last checkpoint (and
    // the next, should the shutdown record have crossed into it); the server makes new segments as it needs them.
    const segments = fs.readdirSync(path.join(pglite, 'pg_wal')).sort();
    const next = segments.find((s) => WAL_SEGMENT.test(`pg_wal/${s}`) && s > current);
    await packTarGz(pglite, `${files.archive}.tmp`, (rel) => {
      const m = WAL_SEGMENT.exec(rel);
      return !!m?.[1] && m[1] > current && m[1] !== next;
    });
    await verify(`${files.archive}.tmp`, path.join(work, 'verify'), seeded.areas);
    const meta: DemoSnapshotMeta = {
      format: 1,
      key,
      builtAt: clock.now().toISOString(),
      demoSeed: opts.demoSeed,
      bytes: fs.statSync(`${files.archive}.tmp`).size,
      seeded,
    };
    fs.writeFileSync(files.keyFile, fs.readFileSync(path.join(work, 'keys', 'personal-data.key')), { mode: 0o600 });
    fs.writeFileSync(files.metaFile, `${JSON.stringify(meta, null, 2)}\n`);
    fs.renameSync(`${files.archive}.tmp`, files.archive);
    removeOtherSnapshots(opts.dir, key);
    return meta;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Unpacks the archive and opens it: it must hold the areas that were seeded. */
async function verify(archive: string, into: string, areas: number) {
  await extractTarGz(archive, into);
  const database = await openPglite({ dataDir: into });
  try {
    const n = Number((await database.pglite?.query<{ n: string }>('select count(*)::text as n from area'))?.rows[0]?.n);
    if (n !== areas) throw new Error(`build:demo: the unpacked snapshot holds ${n} areas, not ${areas}`);
  } finally {
    await database.close();
  }
}

/** Snapshots of other code or seeds: each is 50 MB, and only the current one is ever unpacked. */
function removeOtherSnapshots(dir: string, key: string) {
  for (const name of fs.readdirSync(dir)) {
    const m = /^([0-9a-f]{16})\.(tar\.gz|key|json)$/.exec(name);
    if (m && m[1] !== key) fs.rmSync(path.join(dir, name), { force: true });
  }
}
