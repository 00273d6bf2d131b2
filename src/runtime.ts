import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { buildApp } from './app.js';
import { type Database, openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { underStartupLock } from './db/startup-lock.js';
import { type DemoSeeder, seedDemo } from './demo-seeding.js';
import {
  type DemoSnapshot,
  findDemoSnapshot,
  installDemoSnapshot,
  keyConflict,
  snapshotUnwanted,
} from './demo-snapshot.js';
import type { ZodApp } from './http/app-types.js';
import type { OfficialCalendar } from './kernel/official-calendar.js';
import { type Clock, systemClock } from './lib/clock.js';
import type { Config } from './lib/config.js';
import { loadMasterKey, PersonalDataCipher } from './lib/personal-data.js';
import { deriveAuditKeys } from './modules/audit/audit-keys.js';
import { type SweepResult, sweepDeadlines } from './modules/events/deadline-sweeper.js';
import { LoggingSmsChannel, type SmsChannel } from './modules/events/notification.service.js';
import { foldMapCells } from './modules/map/map-fold.js';
import { backfillIdTailHashes } from './modules/registry/id-tail-backfill.js';
import { type RollupOptions, type RollupResult, runRollup } from './modules/stats/rollup.js';
import { hasNoAreas, isDemoInstallation } from './modules/system/system.repository.js';
import type { SeedResult } from './seed/demo-city.js';
import type { SeedProgress } from './seed/seed-progress.js';
import { createServices, type Services } from './services.js';

export const VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

export interface Runtime {
  app: ZodApp;
  database: Database;
  services: Services;
  cipher: PersonalDataCipher;
  seeded: SeedResult | null;
  /** Where this start's demo came from: unpacked from the snapshot, seeded, or none built on this start. */
  demoSource: 'snapshot' | 'seed' | null;
  migrations: string[];
  /** One deadline sweep with this runtime's clock (the interval job in main.ts calls it). */
  sweep(): Promise<SweepResult>;
  /**
   * One roll-up run with this runtime's clock (main.ts runs it on an interval): the map's pending
   * cell deltas, then the dashboard's roll-ups.
   */
  rollup(opts?: RollupOptions): Promise<RollupResult & { mapDeltas: number }>;
  /** Writes the audit chain heads as a signed checkpoint outside the database (main.ts: at start and on an interval). */
  auditCheckpoint(): Promise<{ written: boolean; chains: number }>;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  clock?: Clock;
  logger?: FastifyBaseLogger;
  /** Tests hand in an already opened (cloned) database. */
  database?: Database;
  masterKey?: Buffer;
  /** Where texts go; the default logs them. */
  sms?: SmsChannel;
  /** The official holidays; the default is the chinese-days package's (tests hand in a dataset without a year). */
  officialCalendar?: OfficialCalendar;
  /** Progress of a long start: migrations, unpacking the demo snapshot, each step of seeding the demo. */
  progress?: SeedProgress;
  /** What builds the demo into an empty database; tests of the start-up path hand in a small one. */
  seedDemo?: DemoSeeder;
}

/** The demo snapshot to unpack on this start, or why none is (an empty reason: the question does not arise). */
function snapshotToUse(config: Config, opts: RuntimeOptions, now: Date): { snapshot: DemoSnapshot } | { why: string } {
  const why = snapshotUnwanted(config, { database: !!opts.database, masterKey: !!opts.masterKey });
  if (why !== null) return { why };
  const found = findDemoSnapshot(config.demoSnapshotDir ?? '', config.demoSeed, now);
  if (!('snapshot' in found)) return { why: found.missing };
  const conflict = keyConflict(config.dataDir, found.snapshot);
  return conflict ? { why: conflict } : found;
}

/** Opens the database, applies migrations, seeds the demo city when asked, and builds the app. */
export async function createRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const clock = opts.clock ?? systemClock;
  const progress = opts.progress ?? (() => {});
  const chosen = snapshotToUse(config, opts, clock.now());
  if ('snapshot' in chosen) {
    const { meta, archive } = chosen.snapshot;
    opts.logger?.info(
      { snapshot: archive, builtAt: meta.builtAt, megabytes: Math.round(meta.bytes / 1e6) },
      'unpacking the demo snapshot',
    );
    progress('demo snapshot', 0, 0);
    await installDemoSnapshot(
      chosen.snapshot,
      path.join(config.dataDir, 'pglite'),
      path.join(config.dataDir, 'keys', 'personal-data.key'),
    );
    progress('demo snapshot', 1, 1);
  } else if (chosen.why) {
    opts.logger?.info(`demo snapshot not used: ${chosen.why}; the demo is seeded directly`);
  }
  const database = opts.database ?? (await openDatabase(config));
  try {
    const embedded = database.kind === 'pglite';
    const masterKey =
      opts.masterKey ??
      loadMasterKey({ key: config.dataKey, keyFile: config.dataKeyFile, dataDir: config.dataDir, embedded });
    const cipher = new PersonalDataCipher(masterKey);
    const services = createServices(database.db, clock, cipher, config, {
      // The audit HMAC and checkpoint-signing keys derive from the master key: never in the database.
      auditKeys: deriveAuditKeys(masterKey),
      sms: opts.sms ?? new LoggingSmsChannel((msg) => opts.logger?.info(msg)),
      databaseKind: database.kind,
      ...(opts.officialCalendar ? { officialCalendar: opts.officialCalendar } : {}),
    });
    // One process at a time from here to the end of the seed: the emptiness checks below (the calendar, the demo
    // city) and what follows them would race another process starting on the same database.
    const { migrations, seeded, demoSource } = await underStartupLock(database, async () => {
      const migrations = await migrate(database.db, clock.now(), (n, total) => progress('migrations', n, total));
      await services.calendar.init();
      // Rows from before migration 0024 get the blind index of their ID-number tail (needs the key, so not in SQL).
      const tails = await backfillIdTailHashes(database.db, cipher);
      if (tails > 0) opts.logger?.info(`ID-number tail blind index filled for ${tails} people`);
      const wantsDemo = config.demo === 'on' || (config.demo === 'auto' && embedded);
      let seeded: SeedResult | null = 'snapshot' in chosen ? chosen.snapshot.meta.seeded : null;
      let demoSource: Runtime['demoSource'] = seeded ? 'snapshot' : null;
      // Checked under the lock: a process that waited finds the city another one seeded.
      if (wantsDemo && !seeded && (await hasNoAreas(database.db))) {
        const seeder = opts.seedDemo ?? seedDemo;
        seeded = await seeder({ db: database.db, clock, cipher, services, demoSeed: config.demoSeed, progress });
        demoSource = 'seed';
      }
      return { migrations, seeded, demoSource };
    });
    const demoMode = await isDemoInstallation(database.db);

    const app = await buildApp(
      { config, databaseKind: database.kind, clock, cipher, services, version: VERSION, demoMode },
      opts.logger,
    );
    return {
      app,
      database,
      services,
      cipher,
      seeded,
      demoSource,
      migrations,
      sweep: () =>
        sweepDeadlines({
          db: database.db,
          clock,
          audit: services.audit,
          calendar: services.calendar.calendar,
          refreshCalendar: () => services.calendar.refreshIfChanged(),
        }),
      rollup: async (o) => {
        const mapDeltas = await foldMapCells(database.db);
        return { ...(await runRollup({ db: database.db, clock }, o)), mapDeltas };
      },
      auditCheckpoint: () => services.auditLog.checkpoint(),
      close: async () => {
        await app.close();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
