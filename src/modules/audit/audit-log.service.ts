import type { Db } from '../../db/database.js';
import type { Scope } from '../../db/scope.js';
import type { Clock } from '../../lib/clock.js';
import { listAuditForEntity, listAuditInScope, listChainHeads, verifyAuditChains } from './audit.repository.js';
import type { ChainBreak } from './audit-chain.js';
import { appendCheckpoint, type CheckpointHead, readCheckpoints } from './audit-checkpoint.js';
import type { AuditKeys } from './audit-keys.js';

export interface AuditVerification {
  rows: number;
  chains: number;
  firstBreak: ChainBreak | null;
  checkpoints: {
    /** Where they were read from. */
    file: string;
    /** Records whose signature verified (0: no checkpoint yet, the chains alone were checked). */
    records: number;
    /** The newest verified checkpoint's time, or null. */
    latestAt: string | null;
  };
}

/**
 * Reading the audit log: the audit page, an entity's history and the chain check; and writing the
 * signed checkpoints of the chain heads outside the database. Writing entries stays with
 * AuditService, which records in the caller's transaction.
 */
export class AuditLogService {
  /** The heads of the last checkpoint this process wrote, so an idle system does not grow the file. */
  private lastWritten: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly anchor: { keys: AuditKeys; checkpointDir: string; clock: Clock },
  ) {}

  /** Entries for areas in the scope, newest first, before the cursor `beforeId`. */
  list(scope: Scope, opts: { beforeId?: string; limit: number; action?: string }) {
    return listAuditInScope(this.db, scope, opts);
  }

  /** The changes to one entity inside the scope, newest first. */
  forEntity(scope: Scope, entityType: string, entityId: string, limit: number) {
    return listAuditForEntity(this.db, scope, entityType, entityId, limit);
  }

  /**
   * Checks the signed checkpoints, then walks every hash chain (or one) against them and names the
   * first broken link. A checkpoint line that fails its signature is the first break.
   */
  async verify(opts: { chain?: string; pageSize?: number } = {}): Promise<AuditVerification> {
    const read = readCheckpoints(this.anchor.checkpointDir, this.anchor.keys.publicKey);
    const r = await verifyAuditChains(this.db, {
      ...opts,
      hmacKey: this.anchor.keys.hmacKey,
      checkpoints: read.records,
    });
    const latest = read.records.reduce<string | null>((m, c) => (m === null || c.at > m ? c.at : m), null);
    const checkpoints = { file: read.file, records: read.records.length, latestAt: latest };
    const bad = read.badLines[0];
    if (bad !== undefined)
      return { ...r, checkpoints, firstBreak: { kind: 'checkpoint_signature', chain: '', seq: '', line: bad } };
    return { ...r, checkpoints };
  }

  /**
   * Writes every chain head (chain, seq, hash, legacy prefix) as one Ed25519-signed record to the
   * append-only checkpoint file. Skipped when nothing moved since this process's last record.
   */
  async checkpoint(opts: { force?: boolean } = {}): Promise<{ written: boolean; chains: number }> {
    const heads: CheckpointHead[] = (await listChainHeads(this.db)).map((h) => ({
      chain: h.chain.trimEnd(),
      seq: String(h.seq),
      hash: h.hash,
      legacyThrough: String(h.legacy_through),
    }));
    const key = JSON.stringify(heads);
    if (!opts.force && key === this.lastWritten) return { written: false, chains: heads.length };
    appendCheckpoint(
      this.anchor.checkpointDir,
      { v: 1, at: this.anchor.clock.now().toISOString(), heads },
      this.anchor.keys,
    );
    this.lastWritten = key;
    return { written: true, chains: heads.length };
  }
}
