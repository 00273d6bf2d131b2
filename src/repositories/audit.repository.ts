import type { Executor } from '../db/database.js';
import type { AuditLogRow } from '../db/schema.js';
import { inScope, type Scope } from '../db/scope.js';
import { type AuditContent, auditHash, type ChainBreak, GENESIS_HASH } from '../domain/audit-chain.js';

export type AuditInput = Omit<AuditContent, 'seq'>;

/**
 * Appends to a chain inside the caller's transaction. The chain-head row lock serialises writers
 * of one chain (one county) until commit, so two transactions can never link to the same parent.
 */
function asJson(value: unknown): unknown {
  return value === undefined || value === null ? null : JSON.parse(JSON.stringify(value));
}

export async function appendAudit(trx: Executor, entry: AuditInput): Promise<void> {
  const lockHead = () => trx.selectFrom('audit_chain_head').select(['seq', 'hash']).where('chain', '=', entry.chain).forUpdate().executeTakeFirst();
  let head = await lockHead();
  if (!head) {
    await trx.insertInto('audit_chain_head').values({ chain: entry.chain, seq: 0, hash: GENESIS_HASH }).onConflict((oc) => oc.column('chain').doNothing()).execute();
    head = await lockHead();
  }
  if (!head) throw new Error(`audit chain head ${entry.chain} could not be created`);
  const seq = (BigInt(head.seq) + 1n).toString();
  // Hash what jsonb will hand back (Dates as strings, no undefined), so verification agrees.
  const content: AuditContent = { ...entry, seq, before: asJson(entry.before), after: asJson(entry.after) };
  const hash = auditHash(head.hash, content);
  // The row and the new head in one statement: the head stays locked (other writers of the chain
  // wait) for one round trip and the commit, not two.
  await trx
    .with('moved', (db) => db.updateTable('audit_chain_head').set({ seq, hash }).where('chain', '=', entry.chain).returning('chain'))
    .insertInto('audit_log')
    .values({
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
    })
    .execute();
}

/**
 * Appends many entries at once, in their order: per chain the head is locked once, the hashes are
 * chained here, and the rows and the new head go in one statement. The same rows and hashes as
 * appendAudit called for each entry in turn.
 */
export async function appendAuditMany(trx: Executor, entries: readonly AuditInput[]): Promise<void> {
  const byChain = new Map<string, AuditInput[]>();
  for (const e of entries) byChain.set(e.chain, [...(byChain.get(e.chain) ?? []), e]);
  for (const [chain, list] of [...byChain].sort(([a], [b]) => a.localeCompare(b))) {
    const lockHead = () => trx.selectFrom('audit_chain_head').select(['seq', 'hash']).where('chain', '=', chain).forUpdate().executeTakeFirst();
    let head = await lockHead();
    if (!head) {
      await trx.insertInto('audit_chain_head').values({ chain, seq: 0, hash: GENESIS_HASH }).onConflict((oc) => oc.column('chain').doNothing()).execute();
      head = await lockHead();
    }
    if (!head) throw new Error(`audit chain head ${chain} could not be created`);
    let seq = BigInt(head.seq);
    let prev = head.hash;
    const rows = list.map((entry) => {
      seq += 1n;
      const content: AuditContent = { ...entry, seq: seq.toString(), before: asJson(entry.before), after: asJson(entry.after) };
      const hash = auditHash(prev, content);
      const row = {
        chain, seq: seq.toString(), at: entry.at, actor_id: entry.actorId, actor_name: entry.actorName, ip: entry.ip, action: entry.action,
        entity_type: entry.entityType, entity_id: entry.entityId, area_code: entry.areaCode,
        before: content.before === null ? null : JSON.stringify(content.before), after: content.after === null ? null : JSON.stringify(content.after),
        reason: entry.reason, prev_hash: prev, hash,
      };
      prev = hash;
      return row;
    });
    await trx
      .with('moved', (db) => db.updateTable('audit_chain_head').set({ seq: seq.toString(), hash: prev }).where('chain', '=', chain).returning('chain'))
      .insertInto('audit_log')
      .values(rows)
      .execute();
  }
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

export function listAuditInScope(db: Executor, scope: Scope, opts: { beforeId?: string; limit: number; action?: string }) {
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
        if (seq !== expected) return { rows, chains: heads.length, firstBreak: { kind: 'sequence_gap', ...at, expectedSeq: expected.toString() } };
        if (row.prev_hash !== prevHash) return { rows, chains: heads.length, firstBreak: { kind: 'prev_hash_mismatch', ...at } };
        if (auditHash(row.prev_hash, contentOf(row)) !== row.hash) return { rows, chains: heads.length, firstBreak: { kind: 'hash_mismatch', ...at } };
        prevHash = row.hash;
        expected = seq + 1n;
        lastSeq = seq;
        rows++;
      }
      if (page.length < pageSize) break;
    }
    if (BigInt(head.seq) !== lastSeq || head.hash !== prevHash) {
      return { rows, chains: heads.length, firstBreak: { kind: 'head_mismatch', chain: head.chain, seq: String(head.seq) } };
    }
  }
  return { rows, chains: heads.length, firstBreak: null };
}
