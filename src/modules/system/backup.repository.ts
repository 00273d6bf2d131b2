import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

/** The tables of the application's schema, by name. */
export async function listTables(db: Executor): Promise<string[]> {
  const r = await sql<{ name: string }>`select tablename as name from pg_tables
    where schemaname = 'public' order by tablename`.execute(db);
  return r.rows.map((row) => row.name);
}

/** Exact row count of one table (a name from listTables). */
export async function countRows(db: Executor, table: string): Promise<number> {
  const r = await sql<{ n: string }>`select count(*)::bigint as n from ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Tables and views outside the system schemas: a database with none is empty and may take a restore. */
export async function countUserRelations(db: Executor): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from pg_class c
    join pg_namespace s on s.oid = c.relnamespace
    where c.relkind in ('r', 'v', 'm', 'p', 'S')
      and s.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
      and s.nspname not like 'pg\\_temp\\_%' and s.nspname not like 'pg\\_toast\\_temp\\_%'`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export async function auditChainHeads(db: Executor): Promise<{ chain: string; seq: string; hash: string }[]> {
  const rows = await db.selectFrom('audit_chain_head').select(['chain', 'seq', 'hash']).orderBy('chain').execute();
  return rows.map((r) => ({ chain: r.chain, seq: String(r.seq), hash: r.hash }));
}

export async function appliedMigrations(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('schema_migration').select('name').orderBy('name').execute();
  return rows.map((r) => r.name);
}

/**
 * Exports the calling transaction's snapshot, so `pg_dump --snapshot` dumps exactly the rows this
 * transaction counted (the server may go on writing meanwhile).
 */
export async function exportSnapshot(db: Executor): Promise<string> {
  const r = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(db);
  const id = r.rows[0]?.id;
  if (!id) throw new Error('pg_export_snapshot returned nothing');
  return id;
}
