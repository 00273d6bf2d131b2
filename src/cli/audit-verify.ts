import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db/database.js';
import { systemClock } from '../lib/clock.js';
import { loadConfig } from '../lib/config.js';
import { loadMasterKey } from '../lib/personal-data.js';
import type { ChainBreak } from '../modules/audit/audit-chain.js';
import { deriveAuditKeys } from '../modules/audit/audit-keys.js';
import { AuditLogService } from '../modules/audit/audit-log.service.js';

function describeBreak(b: ChainBreak, file: string): string {
  if (b.kind === 'checkpoint_signature')
    return `audit log BROKEN: checkpoint ${file} line ${b.line} fails its signature (edited or forged): ${b.kind}`;
  return `audit log BROKEN at chain ${b.chain.trimEnd()} seq ${b.seq}${'id' in b ? ` (row id ${b.id})` : ''}: ${b.kind}`;
}

/**
 * `npm run audit:verify`: checks the signed checkpoints and walks every audit chain against them;
 * exits 0 when intact, 1 naming the first broken link, 2 when it cannot run (no key, no database).
 */
export async function runAuditVerify(env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<number> {
  const config = loadConfig(env);
  const embedded = !config.databaseUrl;
  // The audit key derives from the master key: a missing key must not be generated here (it would
  // be a new key under which every row looks forged).
  const keyFile = config.dataKeyFile ?? path.join(config.dataDir, 'keys', 'personal-data.key');
  if (!config.dataKey && !fs.existsSync(keyFile)) {
    out(`audit:verify needs the master key: set FQ_DATA_KEY or FQ_DATA_KEY_FILE (no ${keyFile})`);
    return 2;
  }
  const masterKey = loadMasterKey({ key: config.dataKey, keyFile, dataDir: config.dataDir, embedded });
  const database = await openDatabase(config);
  try {
    const service = new AuditLogService(database.db, {
      keys: deriveAuditKeys(masterKey),
      checkpointDir: config.auditCheckpointDir,
      clock: systemClock,
    });
    const r = await service.verify();
    const cp = r.checkpoints;
    if (!r.firstBreak) {
      out(`audit log OK: ${r.rows} rows in ${r.chains} chains verified`);
      out(
        cp.records === 0
          ? `no checkpoint yet in ${cp.file}: the chains alone were checked`
          : `${cp.records} signed checkpoints verified in ${cp.file}, the latest at ${cp.latestAt}`,
      );
      return 0;
    }
    out(describeBreak(r.firstBreak, cp.file));
    out(`${r.rows} rows verified before the break`);
    return 1;
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runAuditVerify(process.env, (l) => console.log(l)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(2);
    },
  );
}
