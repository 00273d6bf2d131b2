import crypto from 'node:crypto';
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

export const GENESIS_HASH = '0'.repeat(64);

export function auditHash(prevHash: string, c: AuditContent): string {
  const body = canonicalJson({ ...c, at: c.at.toISOString() });
  return crypto.createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export type ChainBreak =
  | { kind: 'hash_mismatch'; chain: string; seq: string; id: string }
  | { kind: 'prev_hash_mismatch'; chain: string; seq: string; id: string }
  | { kind: 'sequence_gap'; chain: string; seq: string; id: string; expectedSeq: string }
  | { kind: 'head_mismatch'; chain: string; seq: string };
