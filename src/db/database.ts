import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import { PreparingPool } from './prepared-pool.js';
import type { DB } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';
export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Either the pool or an open transaction: repositories accept both so services decide the unit of work. */
export type Executor = Kysely<DB>;

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** The embedded client, for dumping its data directory (test templates, backups). */
  pglite?: PGlite;
  /**
   * PostgreSQL only: takes a session-level advisory lock on a connection of its own (outside the pool, so a pool of
   * one still serves the work done under it) and answers its release. A process that dies releases it with its
   * connection.
   */
  sessionLock?: (key: number) => Promise<() => Promise<void>>;
  close(): Promise<void>;
}

// bigint comes back as a string (parsed where used); a calendar date stays 'YYYY-MM-DD' rather
// than becoming a Date at local midnight, which would shift it in any zone east of UTC.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
const DATE_OID = 1082;

export const pgliteExtensions = { pg_trgm, btree_gist };

export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob | File }): Promise<Database> {
  if (options.dataDir) fs.mkdirSync(path.dirname(path.resolve(options.dataDir)), { recursive: true });
  const client = new PGlite({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    extensions: pgliteExtensions,
    parsers: { [DATE_OID]: (v: string) => v },
  });
  await client.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  return {
    db,
    kind: 'pglite',
    pglite: client,
    close: async () => {
      await db.destroy();
      await client.close();
    },
  };
}

export async function openPostgres(url: string, poolSize = 10, prepared = true): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection that the server drops (restart, failover) must not crash the process:
  // the pool discards it and opens a new one on the next query.
  pool.on('error', (err) => process.emitWarning(`PostgreSQL idle connection error: ${err.message}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: prepared ? new PreparingPool(pool) : pool }) });
  const sessionLock = async (key: number) => {
    const client = new pg.Client({ connectionString: url });
    client.on('error', (err) => process.emitWarning(`PostgreSQL lock connection error: ${err.message}`));
    await client.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [key]);
    } catch (err) {
      await client.end();
      throw err;
    }
    return async () => {
      try {
        await client.query('select pg_advisory_unlock($1)', [key]);
      } finally {
        await client.end();
      }
    };
  };
  return { db, kind: 'postgres', sessionLock, close: () => db.destroy() };
}

export async function openDatabase(config: {
  databaseUrl?: string;
  dataDir: string;
  databasePoolSize?: number;
  databasePrepared?: boolean;
}): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.databasePoolSize, config.databasePrepared);
  return openPglite({ dataDir: path.join(config.dataDir, 'pglite') });
}
