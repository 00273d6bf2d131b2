import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCounty } from '../../../tests/helpers/factories.js';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';
import { TEST_AUDIT_KEY } from '../../../tests/helpers/test-env.js';
import { verifyAuditChains } from './audit.repository.js';

describe(`audit log (${backend})`, () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('demo-city');
  });
  afterAll(() => t.close());

  it('records every write with actor, address, before and after', async () => {
    const c = await createTestCounty(t);
    await t.api('PATCH', `/api/areas/${c.grids[0]}`, {
      token: admin,
      body: { name: '审计网格', reason: '测试' },
      headers: { 'x-forwarded-for': '10.0.0.9' },
    });
    const row = await t.runtime.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', c.grids[0])
      .where('action', '=', 'area.rename')
      .executeTakeFirstOrThrow();
    expect(row.actor_name).toBe('demo-city');
    expect(row.ip).toBeTruthy();
    expect(row.reason).toBe('测试');
    expect((row.before as { name: string }).name).toBe('测试村第1网格');
    expect((row.after as { name: string }).name).toBe('审计网格');
    expect(row.chain).toBe(c.county);
    expect(row.at.toISOString()).toBe(t.clock.now().toISOString());
  });

  it('logs logins and failed logins', async () => {
    await t.api('POST', '/api/auth/login', { body: { username: 'demo-gaotai', password: 'wrong-Pass1' } });
    const actions = await t.runtime.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_name', '=', 'demo-gaotai')
      .execute();
    expect(actions.map((a) => a.action)).toContain('auth.login_failed');
  });

  it('is append-only in the database itself', async () => {
    await expect(
      sql`update audit_log set reason = 'x' where id = (select min(id) from audit_log)`.execute(t.runtime.database.db),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from audit_log where id = (select min(id) from audit_log)`.execute(t.runtime.database.db),
    ).rejects.toThrow(/append-only/);
  });

  it('verifies, then reports the first tampered row', async () => {
    const ok = await t.api('GET', '/api/audit/verify', { token: admin });
    expect(ok.status).toBe(200);
    expect(ok.body.ok).toBe(true);
    expect(ok.body.rows).toBeGreaterThan(5);

    const c = await createTestCounty(t);
    await t.api('PATCH', `/api/areas/${c.grids[0]}`, { token: admin, body: { name: '一改' } });
    await t.api('PATCH', `/api/areas/${c.grids[0]}`, { token: admin, body: { name: '二改' } });
    const target = await t.runtime.database.db
      .selectFrom('audit_log')
      .select(['id', 'seq', 'chain'])
      .where('entity_id', '=', c.grids[0])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    // An attacker with database access edits history behind the trigger's back.
    const db = t.runtime.database.db;
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
    await sql`update audit_log set actor_name = 'someone-else' where id = ${target.id}`.execute(db);
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);

    const broken = await t.api('GET', '/api/audit/verify', { token: admin });
    expect(broken.body.ok).toBe(false);
    expect(broken.body.firstBreak).toMatchObject({
      kind: 'hash_mismatch',
      chain: target.chain,
      seq: String(target.seq),
      id: String(target.id),
    });
  });

  it('notices a deleted row and a truncated tail', async () => {
    const c = await createTestCounty(t);
    for (const name of ['甲', '乙', '丙'])
      await t.api('PATCH', `/api/areas/${c.grids[1]}`, { token: admin, body: { name } });
    const rows = await t.runtime.database.db
      .selectFrom('audit_log')
      .select(['id', 'seq'])
      .where('chain', '=', c.county)
      .orderBy('seq')
      .execute();
    const db = t.runtime.database.db;
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(db);
    await sql`delete from audit_log where id = ${rows[1]!.id}`.execute(db);
    let r = await verifyAuditChains(db, { chain: c.county, hmacKey: TEST_AUDIT_KEY });
    expect(r.firstBreak).toMatchObject({ kind: 'sequence_gap', chain: c.county, expectedSeq: String(rows[1]!.seq) });
    await sql`delete from audit_log where chain = ${c.county} and seq > 1`.execute(db);
    await sql`alter table audit_log enable trigger audit_log_no_update`.execute(db);
    r = await verifyAuditChains(db, { chain: c.county, hmacKey: TEST_AUDIT_KEY });
    expect(r.firstBreak).toMatchObject({ kind: 'head_mismatch', chain: c.county });
  });

  it('only lets holders of audit:verify run the check', async () => {
    const leader = await t.login('demo-leader');
    expect((await t.api('GET', '/api/audit/verify', { token: leader })).status).toBe(403);
  });
});
