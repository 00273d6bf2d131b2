import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMigrations } from './db/migrate.js';
import type { Config } from './lib/config.js';
import { extractTarGz } from './lib/tar-gz.js';
import type { SeedResult } from './seed/demo-city.js';

/**
 * The demo city built once into a compressed snapshot (`npm run build:demo`, src/cli/build-demo.ts) and unpacked on
 * the first start of an empty embedded database instead of seeding it again: seeding takes 25–30 s on the 2-core
 * machine, unpacking about 1 s. Three files per snapshot in the snapshot folder (`.cache/demo` by default):
 *   <key>.tar.gz  the closed PGlite data directory (a standard tar.gz);
 *   <key>.key     the personal-data master key the demo was encrypted with (the audit keys derive from it too);
 *   <key>.json    what was built, when, and the seed result main.ts prints (the demo accounts).
 */

/**
 * The demo's timestamps are relative to the moment it was built: a year of events ending then, open events whose
 * deadlines fall in the following days, visits due this week. Unpacked weeks later it would show a quiet last week and
 * every open case overdue at once, so a snapshot older than this is not used and `build:demo` rebuilds it.
 */
export const DEMO_SNAPSHOT_MAX_AGE_MS = 7 * 24 * 3_600_000;

export interface DemoSnapshotMeta {
  format: 1;
  key: string;
  builtAt: string;
  demoSeed: number;
  /** Size of the .tar.gz, for the progress line. */
  bytes: number;
  seeded: SeedResult;
}

export interface DemoSnapshot {
  archive: string;
  keyFile: string;
  meta: DemoSnapshotMeta;
}

/** The package root: one folder up from this file, in src/ as in the compiled dist/. */
const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * What the demo is built from: the migrations, the seed sources, the seed number and the PGlite version (its data
 * directory format). Any change gives a new key, so a snapshot of an older schema or seed is never unpacked. Code the
 * seed calls outside src/seed (services, kernel) is not in the key: the age limit bounds how long such a change goes
 * unseen, and `npm run build:demo -- --force` rebuilds at once.
 */
export function demoSnapshotKey(demoSeed: number): string {
  const hash = crypto.createHash('sha256');
  hash.update(`demo-seed ${demoSeed}\n`);
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  hash.update(`pglite ${pkg.dependencies['@electric-sql/pglite']}\n`);
  for (const m of loadMigrations()) hash.update(`migration ${m.name} ${m.checksum}\n`);
  const seedDir = path.join(root, 'src', 'seed');
  for (const name of fs.readdirSync(seedDir).sort()) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    hash
      .update(`seed ${name} `)
      .update(fs.readFileSync(path.join(seedDir, name)))
      .update('\n');
  }
  return hash.digest('hex').slice(0, 16);
}

export function snapshotFiles(dir: string, key: string) {
  return {
    archive: path.join(dir, `${key}.tar.gz`),
    keyFile: path.join(dir, `${key}.key`),
    metaFile: path.join(dir, `${key}.json`),
  };
}

export type SnapshotLookup = { snapshot: DemoSnapshot } | { missing: string };

/** The snapshot for this code and seed in `dir`, or why there is none to use. */
export function findDemoSnapshot(dir: string, demoSeed: number, now: Date): SnapshotLookup {
  let key: string;
  try {
    key = demoSnapshotKey(demoSeed);
  } catch (err) {
    return { missing: `cannot compute the demo snapshot key (${(err as Error).message})` };
  }
  const files = snapshotFiles(dir, key);
  if (![files.archive, files.keyFile, files.metaFile].every((f) => fs.existsSync(f)))
    return { missing: `no demo snapshot ${files.archive}` };
  const meta = JSON.parse(fs.readFileSync(files.metaFile, 'utf8')) as DemoSnapshotMeta;
  if (meta.format !== 1 || meta.key !== key || meta.demoSeed !== demoSeed)
    return { missing: `${files.metaFile} does not describe this snapshot` };
  const age = now.getTime() - Date.parse(meta.builtAt);
  if (!(age >= 0 && age <= DEMO_SNAPSHOT_MAX_AGE_MS))
    return { missing: `the demo snapshot was built ${meta.builtAt}, more than 7 days ago` };
  return { snapshot: { archive: files.archive, keyFile: files.keyFile, meta } };
}

/**
 * Unpacks a snapshot into an empty embedded data folder: the key first, then the database under a temporary name,
 * renamed into place last. A start interrupted before the rename leaves no database, so the next start finds the
 * folder empty again, and with that key it seeds directly rather than under a key that does not match.
 */
export async function installDemoSnapshot(snapshot: DemoSnapshot, pgliteDir: string, keyFile: string) {
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  const keyTmp = `${keyFile}.${process.pid}.tmp`;
  fs.writeFileSync(keyTmp, fs.readFileSync(snapshot.keyFile), { mode: 0o600 });
  fs.renameSync(keyTmp, keyFile);
  const loading = `${pgliteDir}.loading`;
  fs.rmSync(loading, { recursive: true, force: true });
  await extractTarGz(snapshot.archive, loading);
  fs.rmSync(pgliteDir, { recursive: true, force: true });
  fs.renameSync(loading, pgliteDir);
}

/** An embedded data folder with no database yet (absent, or an empty folder). */
function isEmptyDataDir(pgliteDir: string): boolean {
  return !fs.existsSync(pgliteDir) || fs.readdirSync(pgliteDir).length === 0;
}

/**
 * Null when a start with this configuration would unpack a demo snapshot (if there is one), else why not; an empty
 * reason when the question does not arise (a server database, one already there, DEMO=off). A snapshot is only for
 * an embedded database the runtime opens itself in an empty folder, with no personal-data key configured: the
 * snapshot brings the key its data is encrypted with (see also keyConflict).
 */
export function snapshotUnwanted(config: Config, given: { database: boolean; masterKey: boolean }): string | null {
  if (given.database || config.databaseUrl || config.demo === 'off') return '';
  if (!isEmptyDataDir(path.join(config.dataDir, 'pglite'))) return '';
  if (!config.demoSnapshotDir) return 'DEMO_SNAPSHOT=off';
  if (given.masterKey || config.dataKey || config.dataKeyFile)
    return 'a personal-data key is configured, and the snapshot is encrypted with its own';
  return null;
}

/**
 * Why a snapshot cannot go into this data folder: it already holds another key (its owner may have kept the key and
 * removed the database; unpacking would replace a key that something else may be encrypted with). The snapshot's own
 * key is no obstacle: that is a start that stopped after writing the key and before the database was in place.
 */
export function keyConflict(dataDir: string, snapshot: DemoSnapshot): string | null {
  const file = path.join(dataDir, 'keys', 'personal-data.key');
  if (!fs.existsSync(file) || fs.readFileSync(file).equals(fs.readFileSync(snapshot.keyFile))) return null;
  return `${dataDir} already holds another personal-data key`;
}
