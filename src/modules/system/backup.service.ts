import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Database, type Executor, openPglite, openPostgres } from '../../db/database.js';
import type { Config } from '../../lib/config.js';
import * as repo from './backup.repository.js';
import {
  BackupError,
  type BackupManifest,
  digestFile,
  extractPayload,
  readBackupHeader,
  writeBackupFile,
} from './backup-file.js';
import { configuredKey, keyFingerprint, keySource } from './backup-key.js';

/**
 * `npm run backup` and `npm run restore`. PostgreSQL: `pg_dump --format=custom` of one snapshot, taken
 * while the server runs, and the manifest's counts read in that same snapshot. PGlite: its data
 * directory, dumped with the server stopped (an embedded database has one process). Restore goes only
 * into an empty database, checks the key's fingerprint first, and compares the restored database with
 * the manifest.
 */
type Info = Pick<BackupManifest, 'migrations' | 'tables' | 'auditHeads'>;

async function readInfo(db: Executor): Promise<Info> {
  const tables: Record<string, number> = {};
  for (const t of await repo.listTables(db)) tables[t] = await repo.countRows(db, t);
  return { migrations: await repo.appliedMigrations(db), tables, auditHeads: await repo.auditChainHeads(db) };
}

const pgliteDir = (config: Config) => path.join(config.dataDir, 'pglite');

/** Runs pg_dump or pg_restore; its error output becomes the message. */
function runTool(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => {
      err = (err + c.toString('utf8')).slice(-8000);
    });
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        new BackupError(
          e.code === 'ENOENT'
            ? `${cmd} is not installed: install the PostgreSQL client tools of the server's major version or newer (e.g. postgresql-client-15)`
            : `${cmd} could not start: ${e.message}`,
        ),
      ),
    );
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${cmd} failed (exit ${code}):\n${err.trim()}`)),
    );
  });
}

export async function createBackup(
  config: Config,
  file: string,
  opts: { appVersion: string; now: Date },
): Promise<BackupManifest> {
  const key = configuredKey(config);
  if (!key) {
    throw new BackupError(
      `No personal-data key is configured (FQ_DATA_KEY, FQ_DATA_KEY_FILE or ${keySource(config)}): it is needed to fingerprint the key the data is encrypted with`,
    );
  }
  const target = path.resolve(file);
  if (fs.existsSync(target)) throw new BackupError(`${target} exists already; choose a new file name`);
  const work = fs.mkdtempSync(path.join(path.dirname(target), '.fq-backup-'));
  const payload = path.join(work, 'payload');
  try {
    let info: Info;
    let kind: BackupManifest['payload']['kind'];
    if (config.databaseUrl) {
      kind = 'pg_dump-custom';
      info = await dumpPostgres(config.databaseUrl, payload);
    } else {
      kind = 'pglite-datadir-gzip';
      info = await dumpPglite(config, payload);
    }
    const manifest: BackupManifest = {
      formatVersion: 1,
      backend: config.databaseUrl ? 'postgres' : 'pglite',
      appVersion: opts.appVersion,
      createdAt: opts.now.toISOString(),
      ...info,
      keyFingerprint: keyFingerprint(key),
      payload: { kind, ...(await digestFile(payload)) },
    };
    await writeBackupFile(target, manifest, payload);
    return manifest;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Counts and dump from one exported snapshot, in a read-only repeatable-read transaction held open for pg_dump. */
async function dumpPostgres(url: string, payload: string): Promise<Info> {
  const database = await openPostgres(url, 1, false);
  try {
    return await database.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        const snapshot = await repo.exportSnapshot(trx);
        const info = await readInfo(trx);
        await runTool('pg_dump', ['--format=custom', `--snapshot=${snapshot}`, `--file=${payload}`, `--dbname=${url}`]);
        return info;
      });
  } finally {
    await database.close();
  }
}

async function dumpPglite(config: Config, payload: string): Promise<Info> {
  const dir = pgliteDir(config);
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) throw new BackupError(`There is no embedded database in ${dir}`);
  // PGlite keeps this file while a process has the database open (and after a kill, until the next clean stop):
  // copying a data directory that a running server writes to would give a torn backup.
  if (fs.existsSync(path.join(dir, 'postmaster.pid'))) {
    throw new BackupError(
      `The embedded database in ${dir} is in use (postmaster.pid exists): stop the server first. If it was killed rather than stopped, start it and stop it once so the database recovers.`,
    );
  }
  const database = await openPglite({ dataDir: dir });
  try {
    const info = await readInfo(database.db);
    if (!database.pglite) throw new Error('not a PGlite database');
    const blob = await database.pglite.dumpDataDir('gzip');
    fs.writeFileSync(payload, Buffer.from(await blob.arrayBuffer()), { mode: 0o600 });
    return info;
  } finally {
    await database.close();
  }
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** The configured key does not match the backup's and --force was given. */
  keyMismatch: boolean;
}

export async function restoreBackup(config: Config, file: string, opts: { force: boolean }): Promise<RestoreResult> {
  const { manifest } = readBackupHeader(file);
  const backend = config.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.backend !== backend) {
    throw new BackupError(
      `This backup is of a ${manifest.backend} database and the configured database is ${backend} (${backend === 'postgres' ? 'DATABASE_URL is set' : 'DATABASE_URL is not set'})`,
    );
  }
  const key = configuredKey(config);
  const fingerprint = key ? keyFingerprint(key) : null;
  const keyMismatch = fingerprint !== manifest.keyFingerprint;
  if (keyMismatch && !opts.force) {
    throw new BackupError(
      fingerprint
        ? `The configured personal-data key (${keySource(config)}, fingerprint ${fingerprint}) is not the key this backup's data is encrypted with (fingerprint ${manifest.keyFingerprint}). Configure the original key, or pass --force to restore anyway: encrypted ID numbers and phones would then be unreadable.`
        : `No personal-data key is configured (FQ_DATA_KEY, FQ_DATA_KEY_FILE or ${keySource(config)}). Configure the key this backup's data is encrypted with (fingerprint ${manifest.keyFingerprint}), or pass --force.`,
    );
  }
  const work = fs.mkdtempSync(path.join(path.dirname(path.resolve(file)), '.fq-restore-'));
  try {
    const payload = path.join(work, 'payload');
    if (config.databaseUrl) {
      await refuseNonEmptyPostgres(config.databaseUrl);
      await extractPayload(file, payload);
      await runTool('pg_restore', [
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        '--single-transaction',
        `--dbname=${config.databaseUrl}`,
        payload,
      ]);
      await withDatabase(await openPostgres(config.databaseUrl, 1, false), (db) => checkAgainst(db, manifest));
    } else {
      const dir = pgliteDir(config);
      if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
        throw new BackupError(
          `${dir} is not empty: restore goes only into a new embedded database (move it away first)`,
        );
      }
      await extractPayload(file, payload);
      const data = new Blob([fs.readFileSync(payload)]);
      await withDatabase(await openPglite({ dataDir: dir, loadDataDir: data }), (db) => checkAgainst(db, manifest));
    }
    return { manifest, keyMismatch };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function withDatabase<T>(database: Database, fn: (db: Executor) => Promise<T>): Promise<T> {
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

async function refuseNonEmptyPostgres(url: string): Promise<void> {
  const n = await withDatabase(await openPostgres(url, 1, false), (db) => repo.countUserRelations(db));
  if (n > 0) {
    throw new BackupError(
      `The target database is not empty (${n} tables, views or sequences): restore goes only into a new, empty database (createdb <name>)`,
    );
  }
}

/** The restored database must hold what the manifest says: the same tables and rows, migrations and chain heads. */
async function checkAgainst(db: Executor, manifest: BackupManifest): Promise<void> {
  const got = await readInfo(db);
  const problems: string[] = [];
  const names = new Set([...Object.keys(manifest.tables), ...Object.keys(got.tables)]);
  for (const t of [...names].sort()) {
    if (got.tables[t] !== manifest.tables[t])
      problems.push(`table ${t}: ${got.tables[t] ?? 'missing'} rows, the backup has ${manifest.tables[t] ?? 'none'}`);
  }
  if (got.migrations.join(',') !== manifest.migrations.join(',')) problems.push('the applied migrations differ');
  if (JSON.stringify(got.auditHeads) !== JSON.stringify(manifest.auditHeads))
    problems.push('the audit chain heads differ');
  if (problems.length > 0)
    throw new BackupError(`The restored database does not match the backup:\n  ${problems.join('\n  ')}`);
}
