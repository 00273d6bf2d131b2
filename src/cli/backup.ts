import { ConfigError, loadConfig } from '../lib/config.js';
import { createBackup } from '../modules/system/backup.service.js';
import { BackupError } from '../modules/system/backup-file.js';
import { VERSION } from '../runtime.js';

/**
 * `npm run backup -- <file>`: one file with the whole database and a manifest (format, back end, app
 * version, migrations, rows per table, audit chain heads, the key's fingerprint). The personal-data
 * key is not in it: back it up separately. Exit 0 on success, 1 on a refusal, 2 on bad usage.
 */
export async function runBackup(env: NodeJS.ProcessEnv, args: string[], out: (line: string) => void): Promise<number> {
  const file = args.find((a) => !a.startsWith('-'));
  if (!file || args.length !== 1) {
    out('usage: npm run backup -- <file>');
    return 2;
  }
  try {
    const config = loadConfig(env);
    const m = await createBackup(config, file, { appVersion: VERSION, now: new Date() });
    const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
    out(
      `backup written to ${file}: ${m.backend}, ${Object.keys(m.tables).length} tables, ${rows} rows, ` +
        `${m.auditHeads.length} audit chains, ${m.payload.bytes} bytes, key fingerprint ${m.keyFingerprint}`,
    );
    out('The personal-data key is NOT in the backup: keep FQ_DATA_KEY (or the key file) in a safe place of its own.');
    return 0;
  } catch (err) {
    if (err instanceof BackupError || err instanceof ConfigError) {
      out(err.message);
      return 1;
    }
    throw err;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runBackup(process.env, process.argv.slice(2), (l) => console.log(l)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(2);
    },
  );
}
