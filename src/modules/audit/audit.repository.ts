import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { inScope, type Scope } from '../../db/scope.js';
import {
  type AuditContent,
  auditContentOf,
  auditHashWith,
  type ChainBreak,
  GENESIS_HASH,
  KEYED_ALG,
  keyedAuditHash,
} from './audit-chain.js';
import type { CheckpointRecord } from './audit-checkpoint.js';

export type AuditInput = Omit<AuditContent, 'seq'>;

function asJson(value: unknown): unknown {
  return value === undefined || value === null ? null : JSON.parse(JSON.stringify(value));
}

/**
 * Appends to a chain inside the caller's transaction. The chain-head row lock serialises writers
 * of one chain (one county) until commit, so two transactions can never link to the same parent.
 */
export async function appendAudit(trx: Executor, entry: AuditInput, hmacKey: Buffer): Promise<void> {
  await appendAuditMany(trx, [entry], hmacKey);
}

/**
 * Appends entries in their order, in two statements whatever the number of chains: the heads of
 * the chains touched are locked together (in chain order, so two writers cannot deadlock), the
 * hashes are chained here, and the rows and the moved heads go in one statement, so the heads stay
 * locked for one round trip and the commit. The same rows and hashes as one append per entry.
 * Each row is hashed with HMAC-SHA256 under `hmacKey` (see audit-keys.ts): one HMAC per row.
 */
export async function appendAuditMany(trx: Executor, entries: readonly AuditInput[], hmacKey: Buffer): Promise<void> {
  if (entries.length === 0) return;
  const chains = [...new Set(entries.map((e) => e.chain))].sort();
  const lockHeads = () =>
    trx
      .selectFrom('audit_chain_head')
      .select(['chain', 'seq', 'hash'])
      .where('chain', 'in', chains)
      .orderBy('chain')
      .forUpdate()
      .execute();
  let heads = await lockHeads();
  if (heads.length < chains.length) {
    const missing = chains.filter((c) => !heads.some((h) => h.chain.trimEnd() === c));
    await trx
      .insertInto('audit_chain_head')
      .values(missing.map((chain) => ({ chain, seq: 0, hash: GENESIS_HASH })))
      .onConflict((oc) => oc.column('chain').doNothing())
      .execute();
    heads = await lockHeads();
  }
  // chain is char(6): a shorter name (the city's '6207') comes back padded.
  const tip = new Map(heads.map((h) => [h.chain.trimEnd(), { seq: BigInt(h.seq), hash: h.hash }]));
  const rows = entries.map((entry) => {
    const head = tip.get(entry.chain);
    if (!head) throw new Error(`audit chain head ${entry.chain} could not be created`);
    const seq = (head.seq + 1n).toString();
    // Hash what jsonb will hand back (Dates as strings, no undefined), so verification agrees.
    const content: AuditContent = { ...entry, seq, before: asJson(entry.before), after: asJson(entry.after) };
    const hash = keyedAuditHash(hmacKey, head.hash, content);
    const row = {
      chain: entry.chain,
      seq,
      at: entry.at,
      actor_id: entry.actorId,
      actor_name: entry.actorName,
      ip: entry.ip,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      area_code: entry.areaCode,
      before: content.before === null ? null : JSON.stringify(content.before),
      after: content.after === null ? null : JSON.stringify(content.after),
      reason: entry.reason,
      prev_hash: head.hash,
      hash,
      alg: KEYED_ALG,
    };
    tip.set(entry.chain, { seq: head.seq + 1n, hash });
    return row;
  });
  const moved = [...tip];
  const pick = (f: (t: { seq: bigint; hash: string }) => string) =>
    sql`case chain ${sql.join(
      moved.map(([chain, t]) => sql`when ${chain} then ${f(t)}`),
      sql` `,
    )} end`;
  await trx
    .with('moved', (db) =>
      db
        .updateTable('audit_chain_head')
        .set({
          seq: sql<string>`(${pick((t) => t.seq.toString())})::bigint`,
          hash: sql<string>`${pick((t) => t.hash)}`,
        })
        .where('chain', 'in', chains)
        .returning('chain'),
    )
    .insertInto('audit_log')
    .values(rows)
    .execute();
}

export function listAuditForEntity(db: Executor, scope: Scope, entityType: string, entityId: string, limit: number) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_name', 'action', 'entity_type', 'entity_id', 'area_code', 'before', 'after', 'reason'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .where(inScope(scope, 'area_code'))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export function listAuditInScope(
  db: Executor,
  scope: Scope,
  opts: { beforeId?: string; limit: number; action?: string },
) {
  let q = db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_name', 'ip', 'action', 'entity_type', 'entity_id', 'area_code', 'reason'])
    .where(inScope(scope, 'area_code'));
  if (opts.beforeId) q = q.where('id', '<', opts.beforeId);
  if (opts.action) q = q.where('action', '=', opts.action);
  return q.orderBy('id', 'desc').limit(opts.limit).execute();
}

/** Every chain head, for a checkpoint. */
export function listChainHeads(db: Executor) {
  return db
    .selectFrom('audit_chain_head')
    .select(['chain', 'seq', 'hash', 'legacy_through'])
    .orderBy('chain')
    .execute();
}

/** What the signed checkpoints say about one chain. */
interface ChainAnchor {
  /** seq → hash the chain had there. */
  points: Map<string, string>;
  maxSeq: bigint;
  /** The shortest unkeyed prefix any checkpoint recorded. */
  legacyThrough: bigint;
}

function anchorsOf(records: readonly CheckpointRecord[]): Map<string, ChainAnchor> {
  const anchors = new Map<string, ChainAnchor>();
  for (const r of records)
    for (const h of r.heads) {
      const chain = h.chain.trimEnd();
      let a = anchors.get(chain);
      if (!a) {
        a = { points: new Map(), maxSeq: 0n, legacyThrough: BigInt(h.legacyThrough) };
        anchors.set(chain, a);
      }
      a.points.set(h.seq, h.hash);
      if (BigInt(h.seq) > a.maxSeq) a.maxSeq = BigInt(h.seq);
      if (BigInt(h.legacyThrough) < a.legacyThrough) a.legacyThrough = BigInt(h.legacyThrough);
    }
  return anchors;
}

type Verification = { rows: number; chains: number; firstBreak: ChainBreak | null };

/**
 * Walks every chain in sequence order, in pages, and returns the first broken link: a row whose
 * hash does not match its content, a row that does not link to its predecessor, a missing
 * sequence number (a deleted row), an unkeyed row above the chain's legacy prefix, or a chain head
 * that the last row does not reach (a deleted tail). With `checkpoints` (signed, read from outside
 * the database) it also finds a row that no longer has its checkpointed hash and a chain cut below
 * a checkpointed seq, which a superuser who rewrites rows and moves the head could otherwise hide.
 */
export async function verifyAuditChains(
  db: Executor,
  opts: { hmacKey: Buffer; chain?: string; pageSize?: number; checkpoints?: readonly CheckpointRecord[] },
): Promise<Verification> {
  const pageSize = opts.pageSize ?? 5000;
  let headQuery = db.selectFrom('audit_chain_head').selectAll().orderBy('chain');
  if (opts.chain) headQuery = headQuery.where('chain', '=', opts.chain);
  const heads = await headQuery.execute();
  const anchors = anchorsOf(opts.checkpoints ?? []);
  let rows = 0;
  const done = (firstBreak: ChainBreak | null): Verification => ({ rows, chains: heads.length, firstBreak });
  for (const head of heads) {
    const chain = head.chain.trimEnd();
    const anchor = anchors.get(chain);
    anchors.delete(chain);
    const legacyThrough = BigInt(head.legacy_through);
    // Every chain that had unkeyed rows existed at the upgrade and is in every checkpoint since, so a
    // chain missing from the checkpoints has no legacy prefix at all.
    const pinned = anchor ? anchor.legacyThrough : opts.checkpoints?.length ? 0n : legacyThrough;
    if (legacyThrough > pinned)
      return done({ kind: 'legacy_prefix_grown', chain: head.chain, seq: String(head.legacy_through) });
    let prevHash = GENESIS_HASH;
    let expected = 1n;
    let lastSeq = 0n;
    for (;;) {
      const page = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('chain', '=', head.chain)
        .where('seq', '>', lastSeq.toString())
        .orderBy('seq')
        .limit(pageSize)
        .execute();
      for (const row of page) {
        const seq = BigInt(row.seq);
        const at = { chain: row.chain, seq: String(row.seq), id: String(row.id) };
        if (seq !== expected) return done({ kind: 'sequence_gap', ...at, expectedSeq: expected.toString() });
        if (row.prev_hash !== prevHash) return done({ kind: 'prev_hash_mismatch', ...at });
        if (row.alg !== KEYED_ALG && seq > legacyThrough) return done({ kind: 'unkeyed_row', ...at });
        if (auditHashWith(row.alg, opts.hmacKey, row.prev_hash, auditContentOf(row)) !== row.hash)
          return done({ kind: 'hash_mismatch', ...at });
        const anchored = anchor?.points.get(at.seq);
        if (anchored !== undefined && anchored !== row.hash) return done({ kind: 'checkpoint_mismatch', ...at });
        prevHash = row.hash;
        expected = seq + 1n;
        lastSeq = seq;
        rows++;
      }
      if (page.length < pageSize) break;
    }
    if (BigInt(head.seq) !== lastSeq || head.hash !== prevHash)
      return done({ kind: 'head_mismatch', chain: head.chain, seq: String(head.seq) });
    if (anchor && anchor.maxSeq > lastSeq)
      return done({ kind: 'checkpoint_cut', chain: head.chain, seq: anchor.maxSeq.toString() });
  }
  // A checkpointed chain whose head is gone altogether.
  for (const [chain, anchor] of anchors)
    if (anchor.maxSeq > 0n && (!opts.chain || chain === opts.chain.trimEnd()))
      return done({ kind: 'checkpoint_cut', chain, seq: anchor.maxSeq.toString() });
  return done(null);
}
