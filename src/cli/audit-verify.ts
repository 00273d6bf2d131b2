import { openDatabase } from '../db/database.js';
import { loadConfig } from '../lib/config.js';
import { AuditLogService } from '../modules/audit/audit-log.service.js';

/** `npm run audit:verify`: walks every audit chain; exits 1 and names the first broken link. */
export async function runAuditVerify(env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<number> {
  const config = loadConfig(env);
  const database = await openDatabase(config);
  try {
    const r = await new AuditLogService(database.db).verify();
    if (!r.firstBreak) {
      out(`audit log OK: ${r.rows} rows in ${r.chains} chains verified`);
      return 0;
    }
    const b = r.firstBreak;
    out(`audit log BROKEN at chain ${b.chain} seq ${b.seq}${'id' in b ? ` (row id ${b.id})` : ''}: ${b.kind}`);
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
