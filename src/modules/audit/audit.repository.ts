import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { AuditLogRow } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';
import { type AuditContent, auditHash, type ChainBreak, GENESIS_HASH } from './audit-chain.js';

export type AuditInput = Omit<AuditContent, 'seq'>;

function asJson(value: unknown): unknown {
  return value === undefined || value === null ? null : JSON.parse(JSON.stringify(value));
}

/**
 * Appends to a chain inside the caller's transaction. The chain-head row lock serialises writers
 * of one chain (one county) until commit, so two transactions can never link to the same parent.
 */
export async function appendAudit(trx: Executor, entry: AuditInput): Promise<void> {
  await appendAuditMany(trx, [entry]);
}

/**
 * Appends entries in their order, in two statements whatever the number of chains: the heads of
 * the chains touched are locked together (in chain order, so two writers cannot deadlock), the
 * hashes are chained here, and the rows and the moved heads go in one statement, so the heads stay
 * locked for one round trip and the commit. The same rows and hashes as one append per entry.
 */
export async function appendAuditMany(trx: Executor, entries: readonly AuditInput[]): Promise<void> {
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
    const hash = auditHash(head.hash, content);
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

function contentOf(row: AuditLogRow): AuditContent {
  return {
    chain: row.chain,
    seq: String(row.seq),
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    ip: row.ip,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    areaCode: row.area_code,
    before: row.before,
    after: row.after,
    reason: row.reason,
  };
}

/**
 * Walks every chain in sequence order, in pages, and returns the first broken link: a row whose
 * hash does not match its content, a row that does not link to its predecessor, a missing
 * sequence number (a deleted row), or a chain head that the last row does not reach (a deleted tail).
 */
export async function verifyAuditChains(
  db: Executor,
  opts: { chain?: string; pageSize?: number } = {},
): Promise<{ rows: number; chains: number; firstBreak: ChainBreak | null }> {
  const pageSize = opts.pageSize ?? 5000;
  let headQuery = db.selectFrom('audit_chain_head').selectAll().orderBy('chain');
  if (opts.chain) headQuery = headQuery.where('chain', '=', opts.chain);
  const heads = await headQuery.execute();
  let rows = 0;
  for (const head of heads) {
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
        if (seq !== expected)
          return {
            rows,
            chains: heads.length,
            firstBreak: { kind: 'sequence_gap', ...at, expectedSeq: expected.toString() },
          };
        if (row.prev_hash !== prevHash)
          return { rows, chains: heads.length, firstBreak: { kind: 'prev_hash_mismatch', ...at } };
        if (auditHash(row.prev_hash, contentOf(row)) !== row.hash)
          return { rows, chains: heads.length, firstBreak: { kind: 'hash_mismatch', ...at } };
        prevHash = row.hash;
        expected = seq + 1n;
        lastSeq = seq;
        rows++;
      }
      if (page.length < pageSize) break;
    }
    if (BigInt(head.seq) !== lastSeq || head.hash !== prevHash) {
      return {
        rows,
        chains: heads.length,
        firstBreak: { kind: 'head_mismatch', chain: head.chain, seq: String(head.seq) },
      };
    }
  }
  return { rows, chains: heads.length, firstBreak: null };
}
