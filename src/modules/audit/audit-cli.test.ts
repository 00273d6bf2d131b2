import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_MASTER_KEY, testDatabaseUrl } from '../../../tests/helpers/test-env.js';
import { runAuditVerify } from '../../cli/audit-verify.js';
import { openPglite } from '../../db/database.js';
import { ManualClock } from '../../lib/clock.js';
import { loadConfig } from '../../lib/config.js';
import { createRuntime, type Runtime } from '../../runtime.js';

/**
 * `npm run audit:verify` against an embedded data directory on disk: the CLI opens the database
 * the way the server does. (On PostgreSQL the same code path is covered by the audit tests.)
 */
describe.skipIf(testDatabaseUrl() !== undefined)('audit:verify command', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-audit-'));
  let runtime: Runtime;
  beforeAll(async () => {
    const config = loadConfig({ DATA_DIR: dataDir, DEMO: 'off' });
    runtime = await createRuntime(config, {
      clock: new ManualClock('2026-11-28T00:00:00Z'),
      masterKey: TEST_MASTER_KEY,
      database: await openPglite({ dataDir: path.join(dataDir, 'pglite') }),
    });
    const { systemActor } = await import('../../lib/context.js');
    await runtime.services.areas.create(systemActor('t'), {
      code: '990100',
      name: '测试市',
      parentCode: null,
      boundary: {
        type: 'Polygon',
        coordinates: [
          [
            [1, 1],
            [2, 1],
            [2, 2],
            [1, 2],
            [1, 1],
          ],
        ],
      },
    });
    await runtime.services.areas.update(systemActor('t'), '990100', { name: '测试市二' });
    await runtime.auditCheckpoint();
    await runtime.close();
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  // The key the runtime was given; the CLI derives the audit keys from it.
  const env = { DATA_DIR: dataDir, FQ_DATA_KEY: TEST_MASTER_KEY.toString('base64') };

  it('will not run without the master key rather than make one up', async () => {
    const lines: string[] = [];
    expect(await runAuditVerify({ DATA_DIR: dataDir }, (l) => lines.push(l))).toBe(2);
    expect(lines[0]).toMatch(/needs the master key/);
  });

  it('passes on an intact log and names the first broken link after tampering', async () => {
    const lines: string[] = [];
    expect(await runAuditVerify(env, (l) => lines.push(l))).toBe(0);
    expect(lines[0]).toMatch(/^audit log OK: 2 rows in 1 chains/);
    expect(lines[1]).toMatch(/^1 signed checkpoints verified in .*audit-checkpoints/);

    // A fresh checkpoint directory: the chains alone, said so.
    lines.length = 0;
    const empty = path.join(dataDir, 'no-checkpoints');
    expect(await runAuditVerify({ ...env, AUDIT_CHECKPOINT_DIR: empty }, (l) => lines.push(l))).toBe(0);
    expect(lines[1]).toMatch(/^no checkpoint yet/);

    const db = await openPglite({ dataDir: path.join(dataDir, 'pglite') });
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db.db);
    await sql`update audit_log set after = '{"name":"伪造"}' where seq = 2`.execute(db.db);
    await db.close();

    lines.length = 0;
    expect(await runAuditVerify(env, (l) => lines.push(l))).toBe(1);
    expect(lines[0]).toBe('audit log BROKEN at chain 990100 seq 2 (row id 2): hash_mismatch');
  });

  it('reports an edited checkpoint file', async () => {
    const file = path.join(dataDir, 'audit-checkpoints', 'audit-checkpoints.jsonl');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"seq":"2"', '"seq":"1"'));
    const lines: string[] = [];
    expect(await runAuditVerify(env, (l) => lines.push(l))).toBe(1);
    expect(lines[0]).toMatch(/^audit log BROKEN: checkpoint .* line 1 fails its signature/);
  });
});
