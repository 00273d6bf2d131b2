import crypto from 'node:crypto';
import type { AuditHashAlg, AuditLogRow } from '../../db/schema.js';
import { canonicalJson } from '../../kernel/canonical-json.js';

/** The fields of an audit row that its hash covers; the hash also covers the previous row's hash. */
export interface AuditContent {
  chain: string;
  seq: string;
  at: Date;
  actorId: string | null;
  actorName: string;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string;
  areaCode: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** What a stored row's hash covers. */
export function auditContentOf(row: AuditLogRow): AuditContent {
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

export const GENESIS_HASH = '0'.repeat(64);
/** What every new row is hashed with. */
export const KEYED_ALG: AuditHashAlg = 'hmac-sha256';

function body(c: AuditContent): string {
  return canonicalJson({ ...c, at: c.at.toISOString() });
}

/**
 * The unkeyed hash of rows written before migration 0022. Anyone can recompute it, so it is only
 * accepted for a chain's legacy prefix, which the head and the signed checkpoints pin down.
 */
export function legacyAuditHash(prevHash: string, c: AuditContent): string {
  return crypto.createHash('sha256').update(prevHash).update('\n').update(body(c)).digest('hex');
}

/**
 * The keyed hash of every new row: HMAC-SHA256 under a key derived from the master key, which is
 * not in the database, so a database superuser cannot recompute the chain after changing a row.
 */
export function keyedAuditHash(key: Buffer, prevHash: string, c: AuditContent): string {
  return crypto.createHmac('sha256', key).update(prevHash).update('\n').update(body(c)).digest('hex');
}

export function auditHashWith(alg: AuditHashAlg, key: Buffer, prevHash: string, c: AuditContent): string {
  return alg === 'sha256' ? legacyAuditHash(prevHash, c) : keyedAuditHash(key, prevHash, c);
}

type At = { chain: string; seq: string };
export type ChainBreak =
  | ({ kind: 'hash_mismatch'; id: string } & At)
  | ({ kind: 'prev_hash_mismatch'; id: string } & At)
  | ({ kind: 'sequence_gap'; id: string; expectedSeq: string } & At)
  | ({ kind: 'head_mismatch' } & At)
  /** An unkeyed row above the chain's legacy prefix: a row rehashed without the key. */
  | ({ kind: 'unkeyed_row'; id: string } & At)
  /** The head claims a longer unkeyed prefix than a signed checkpoint recorded. */
  | ({ kind: 'legacy_prefix_grown' } & At)
  /** The row at a checkpointed seq no longer has the checkpointed hash: history was rewritten. */
  | ({ kind: 'checkpoint_mismatch'; id: string } & At)
  /** The chain ends (or is gone) below a checkpointed seq: the tail was deleted and the head moved back. */
  | ({ kind: 'checkpoint_cut' } & At)
  /** A checkpoint record whose signature does not verify (edited or forged); chain and seq are ''. */
  | ({ kind: 'checkpoint_signature'; line: number } & At);
