import { ConfigError, loadConfig } from '../lib/config.js';
import { restoreBackup } from '../modules/system/backup.service.js';
import { BackupError } from '../modules/system/backup-file.js';
import { runAuditVerify } from './audit-verify.js';

/**
 * `npm run restore -- <file> [--force]`: into an empty database only (DATABASE_URL, or an empty DATA_DIR
 * for the embedded one). Refuses when the configured personal-data key is not the backup's (unless
 * --force), then checks rows per table, migrations and audit chain heads against the manifest and runs
 * the audit verification. Exit 0 when all of that holds, 1 otherwise, 2 on bad usage.
 */
export async function runRestore(env: NodeJS.ProcessEnv, args: string[], out: (line: string) => void): Promise<number> {
  const files = args.filter((a) => !a.startsWith('-'));
  const flags = args.filter((a) => a.startsWith('-'));
  if (files.length !== 1 || flags.some((f) => f !== '--force')) {
    out('usage: npm run restore -- <file> [--force]');
    return 2;
  }
  const file = files[0] as string;
  try {
    const config = loadConfig(env);
    const r = await restoreBackup(config, file, { force: flags.includes('--force') });
    if (r.keyMismatch) out('WARNING: restored with --force under a different personal-data key.');
    const rows = Object.values(r.manifest.tables).reduce((a, b) => a + b, 0);
    out(
      `restored ${file} (${r.manifest.backend}, made ${r.manifest.createdAt} by version ${r.manifest.appVersion}): ` +
        `${Object.keys(r.manifest.tables).length} tables and ${rows} rows match the manifest`,
    );
  } catch (err) {
    if (err instanceof BackupError || err instanceof ConfigError) {
      out(err.message);
      return 1;
    }
    throw err;
  }
  return runAuditVerify(env, out);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runRestore(process.env, process.argv.slice(2), (l) => console.log(l)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(2);
    },
  );
}
