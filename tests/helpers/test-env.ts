import path from 'node:path';
import { deriveAuditKeys } from '../../src/modules/audit/audit-keys.js';

/** Shared by the global setup and the per-file harness. */
export const TEST_MASTER_KEY = Buffer.alloc(32, 7);
/** The audit HMAC key that createRuntime derives from TEST_MASTER_KEY: seeds outside a runtime use it too. */
export const TEST_AUDIT_KEY = deriveAuditKeys(TEST_MASTER_KEY).hmacKey;
/** One folder per run (keyed by the run's pid) so concurrent runs do not overwrite each other's dumps. */
export const templateDir = (runPid: number) => path.resolve(`.tmp/test-templates/${runPid}`);
/** Template databases carry the creating run's pid, so two runs on one server never share them. */
export const pgTemplateName = (runPid: number, kind: 'empty' | 'demo') => `fq_tpl_${runPid}_${kind}`;
/** The demo template is seeded at this instant, so every run sees the same data. */
export const SEED_TIME = '2026-11-02T01:00:00Z';
export const testDatabaseUrl = (): string | undefined => process.env.TEST_DATABASE_URL || undefined;

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateRunPid: number;
  }
}

/** True when a process with this pid is alive on this machine. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
