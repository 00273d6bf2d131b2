import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';
import { TEST_MASTER_KEY } from '../../../tests/helpers/test-env.js';
import type { Db } from '../../db/database.js';
import type { AuditHashAlg } from '../../db/schema.js';
import { systemActor } from '../../lib/context.js';
import { type AuditContent, auditContentOf, GENESIS_HASH, keyedAuditHash, legacyAuditHash } from './audit-chain.js';
import { CHECKPOINT_FILE, PUBLIC_KEY_FILE } from './audit-checkpoint.js';
import { deriveAuditKeys } from './audit-keys.js';
import { AuditLogService } from './audit-log.service.js';

const keys = deriveAuditKeys(TEST_MASTER_KEY);

/**
 * The attacks of issue #14 item 4, as a database superuser would run them: triggers disabled,
 * rows rewritten and their hashes recomputed, the chain head moved. Each chain here is a made-up
 * county of its own, so the attacks do not touch each other.
 */
describe(`audit chain anchoring (${backend})`, () => {
  let t: TestApp;
  let db: Db;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-anchor-'));
  let dirs = 0;
  /** A log service with a checkpoint directory of its own. */
  const anchored = () =>
    new AuditLogService(db, { keys, checkpointDir: path.join(root, `cp${++dirs}`), clock: t.clock });

  beforeAll(async () => {
    t = await startTestApp({ env: { AUDIT_CHECKPOINT_DIR: path.join(root, 'runtime') } });
    db = t.runtime.database.db;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function write(county: string, n: number) {
    for (let i = 0; i < n; i++)
      await t.runtime.services.audit.record(db, systemActor('test'), {
        action: 'area.rename',
        entityType: 'area',
        entityId: `${county}001`,
        areaCode: `${county}001`,
        after: { name: `名${i}` },
      });
  }

  const rowsOf = (chain: string) =>
    db.selectFrom('audit_log').selectAll().where('chain', '=', chain).orderBy('seq').execute();

  /** As a superuser: the protecting triggers off, `work`, the triggers back on. */
  async function asSuperuser(work: () => Promise<void>) {
    await sql`alter table audit_log disable trigger user`.execute(db);
    await sql`alter table audit_chain_head disable trigger user`.execute(db);
    try {
      await work();
    } finally {
      await sql`alter table audit_log enable trigger user`.execute(db);
      await sql`alter table audit_chain_head enable trigger user`.execute(db);
    }
  }

  /**
   * Changes row `seq`'s actor, recomputes that row's and every later row's hash with `hash` (marked
   * `alg`), and moves the head to the new last hash.
   */
  async function rewrite(
    chain: string,
    seq: number,
    alg: AuditHashAlg,
    hash: (prev: string, c: AuditContent) => string,
  ) {
    const rows = await rowsOf(chain);
    await asSuperuser(async () => {
      let prev = rows[seq - 2]?.hash ?? GENESIS_HASH;
      for (const row of rows.slice(seq - 1)) {
        const actor = Number(row.seq) === seq ? 'someone-else' : row.actor_name;
        const h = hash(prev, { ...auditContentOf(row), actorName: actor });
        await sql`update audit_log set actor_name = ${actor}, prev_hash = ${prev}, hash = ${h}, alg = ${alg}
                  where id = ${row.id}`.execute(db);
        prev = h;
      }
      await sql`update audit_chain_head set hash = ${prev} where chain = ${chain}`.execute(db);
    });
  }

  it('an honest run verifies, with and without checkpoints, over the API too', async () => {
    await write('990001', 3);
    const log = anchored();
    expect((await log.verify()).firstBreak).toBeNull();
    expect((await log.verify()).checkpoints.records).toBe(0);
    expect(await log.checkpoint()).toMatchObject({ written: true });
    expect(await log.checkpoint()).toMatchObject({ written: false });
    await write('990001', 2);
    expect(await log.checkpoint()).toMatchObject({ written: true });
    const r = await log.verify();
    expect(r.firstBreak).toBeNull();
    expect(r.checkpoints.records).toBe(2);
    expect(r.rows).toBeGreaterThan(5);
    expect(fs.readFileSync(path.join(root, `cp${dirs}`, PUBLIC_KEY_FILE), 'utf8')).toContain('BEGIN PUBLIC KEY');

    await t.runtime.auditCheckpoint();
    const admin = await t.login('demo-city');
    const res = await t.api('GET', '/api/audit/verify', { token: admin });
    expect(res.body).toMatchObject({ ok: true, checkpoints: { records: 1 } });
  });

  it('new rows are keyed: a plain SHA-256 rehash, or the old unkeyed algorithm, is caught', async () => {
    await write('990002', 4);
    const log = anchored();
    const rows = await rowsOf('990002');
    expect(rows.every((r) => r.alg === 'hmac-sha256')).toBe(true);

    await rewrite('990002', 2, 'hmac-sha256', legacyAuditHash);
    expect((await log.verify({ chain: '990002' })).firstBreak).toMatchObject({
      kind: 'hash_mismatch',
      seq: '2',
    });
    await rewrite('990002', 2, 'sha256', legacyAuditHash);
    expect((await log.verify({ chain: '990002' })).firstBreak).toMatchObject({ kind: 'unkeyed_row', seq: '2' });
  });

  it('with the HMAC key stolen, rows under a checkpoint still cannot be rewritten; rows after it can', async () => {
    await write('990003', 4);
    const log = anchored();
    await log.checkpoint();
    const forge = (prev: string, c: AuditContent) => keyedAuditHash(keys.hmacKey, prev, c);
    await rewrite('990003', 2, 'hmac-sha256', forge);
    expect((await log.verify({ chain: '990003' })).firstBreak).toMatchObject({
      kind: 'checkpoint_mismatch',
      seq: '4',
    });

    // The documented limit: what was written after the last checkpoint is only as safe as the key.
    await write('990004', 2);
    const log2 = anchored();
    await log2.checkpoint();
    await write('990004', 2);
    await rewrite('990004', 3, 'hmac-sha256', forge);
    expect((await log2.verify({ chain: '990004' })).firstBreak).toBeNull();
  });

  it('deleting the last row and moving the head back is caught by the checkpoint', async () => {
    await write('990005', 3);
    const log = anchored();
    await log.checkpoint();
    const last = (await rowsOf('990005'))[2]!;
    // The trigger refuses it…
    await expect(
      sql`update audit_chain_head set seq = 2, hash = ${last.prev_hash} where chain = '990005'`.execute(db),
    ).rejects.toThrow(/only move forward/);
    await expect(sql`delete from audit_chain_head where chain = '990005'`.execute(db)).rejects.toThrow(
      /cannot be deleted/,
    );
    // …but a superuser disables it.
    await asSuperuser(async () => {
      await sql`delete from audit_log where id = ${last.id}`.execute(db);
      await sql`update audit_chain_head set seq = 2, hash = ${last.prev_hash} where chain = '990005'`.execute(db);
    });
    // The chain alone looks whole; the checkpoint says it reached seq 3.
    expect((await anchored().verify({ chain: '990005' })).firstBreak).toBeNull();
    expect((await log.verify({ chain: '990005' })).firstBreak).toMatchObject({ kind: 'checkpoint_cut', seq: '3' });

    // Gone altogether, head and rows: still a cut.
    await asSuperuser(async () => {
      await sql`delete from audit_log where chain = '990005'`.execute(db);
      await sql`delete from audit_chain_head where chain = '990005'`.execute(db);
    });
    expect((await log.verify({ chain: '990005' })).firstBreak).toMatchObject({
      kind: 'checkpoint_cut',
      chain: '990005',
      seq: '3',
    });
  });

  it('an edited checkpoint fails its signature', async () => {
    await write('990006', 2);
    const log = anchored();
    await log.checkpoint();
    const file = path.join(root, `cp${dirs}`, CHECKPOINT_FILE);
    const text = fs.readFileSync(file, 'utf8');
    const head = (await rowsOf('990006'))[0]!;
    // Move the checkpointed head back to seq 1, as one would to hide a deleted tail.
    const edited = text.replace(/"chain":"990006","hash":"[0-9a-f]+","legacyThrough":"0","seq":"2"/, () => {
      return `"chain":"990006","hash":"${head.hash}","legacyThrough":"0","seq":"1"`;
    });
    expect(edited).not.toBe(text);
    fs.writeFileSync(file, edited);
    expect((await log.verify()).firstBreak).toMatchObject({ kind: 'checkpoint_signature', line: 1 });
    // A torn last line (a crash mid-append) is not a forgery.
    fs.writeFileSync(file, `${text}{"v":1,"at":"2026-`);
    expect((await log.verify({ chain: '990006' })).firstBreak).toBeNull();
  });

  it('legacy unkeyed rows pass only as the prefix the head and the checkpoints pin down', async () => {
    // A chain as migration 0022 leaves it: two unkeyed rows, legacy_through = 2.
    const base = {
      chain: '990007',
      at: t.clock.now(),
      actor_id: null,
      actor_name: 'old',
      ip: null,
      action: 'area.rename',
      entity_type: 'area',
      entity_id: '990007001',
      area_code: '990007001',
      before: null,
      after: null,
      reason: null,
    };
    let prev = GENESIS_HASH;
    for (const seq of ['1', '2']) {
      const row = { ...base, seq, prev_hash: prev, alg: 'sha256' as const, hash: '' };
      row.hash = legacyAuditHash(prev, auditContentOf({ ...row, id: '0' }));
      await db.insertInto('audit_log').values(row).execute();
      prev = row.hash;
    }
    await db
      .insertInto('audit_chain_head')
      .values({ chain: '990007', seq: 2, hash: prev, legacy_through: 2 })
      .execute();
    await write('990007', 2);
    const log = anchored();
    expect((await log.verify({ chain: '990007' })).firstBreak).toBeNull();
    await log.checkpoint();

    // Downgrading the keyed rows to the unkeyed hash, and widening the legacy prefix to cover them.
    await rewrite('990007', 3, 'sha256', legacyAuditHash);
    await asSuperuser(async () => {
      await sql`update audit_chain_head set legacy_through = 4 where chain = '990007'`.execute(db);
    });
    expect((await log.verify({ chain: '990007' })).firstBreak).toMatchObject({ kind: 'legacy_prefix_grown' });

    // A whole unkeyed chain made up after the checkpoints began: no checkpoint pins a legacy prefix for it.
    const row = { ...base, chain: '990008', seq: '1', prev_hash: GENESIS_HASH, alg: 'sha256' as const, hash: '' };
    row.hash = legacyAuditHash(GENESIS_HASH, auditContentOf({ ...row, id: '0' }));
    await db.insertInto('audit_log').values(row).execute();
    await db
      .insertInto('audit_chain_head')
      .values({ chain: '990008', seq: 1, hash: row.hash, legacy_through: 1 })
      .execute();
    expect((await anchored().verify({ chain: '990008' })).firstBreak).toBeNull();
    expect((await log.verify({ chain: '990008' })).firstBreak).toMatchObject({ kind: 'legacy_prefix_grown' });
  });
});
