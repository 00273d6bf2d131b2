import path from 'node:path';

/** Shared by the global setup and the per-file harness. */
export const TEST_MASTER_KEY = Buffer.alloc(32, 7);
export const TEMPLATE_DIR = path.resolve('.tmp/test-templates');
export const PG_TEMPLATE = { empty: 'fq_tpl_empty', demo: 'fq_tpl_demo' } as const;
/** The demo template is seeded at this instant, so every run sees the same data. */
export const SEED_TIME = '2026-11-02T01:00:00Z';
export const testDatabaseUrl = (): string | undefined => process.env.TEST_DATABASE_URL || undefined;

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
