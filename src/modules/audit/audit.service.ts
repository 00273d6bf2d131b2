import type { Executor } from '../../db/database.js';
import { countyCodeOf } from '../../kernel/area-code.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { appendAudit, appendAuditMany } from './audit.repository.js';

/** City-wide and system entries (accounts scoped to the city, logins) share one chain. */
export const SYSTEM_CHAIN = '000000';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  areaCode: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export class AuditService {
  /** `hmacKey` (from deriveAuditKeys) hashes every row; it is never stored in the database. */
  constructor(
    private readonly clock: Clock,
    private readonly hmacKey: Buffer,
  ) {}

  /** Records one entry in the caller's transaction: the write and its audit row commit together. */
  async record(trx: Executor, actor: Pick<Actor, 'userId' | 'username' | 'ip'>, e: AuditEntry): Promise<void> {
    await appendAudit(trx, this.input(actor, e), this.hmacKey);
  }

  /** Records many entries in the caller's transaction, a statement per chain: as many record() calls in turn. */
  async recordMany(
    trx: Executor,
    actor: Pick<Actor, 'userId' | 'username' | 'ip'>,
    entries: readonly AuditEntry[],
  ): Promise<void> {
    await this.recordEach(
      trx,
      entries.map((entry) => ({ actor, entry })),
    );
  }

  /** Records entries of different actors (writes gathered into one transaction), in their order. */
  async recordEach(
    trx: Executor,
    entries: ReadonlyArray<{ actor: Pick<Actor, 'userId' | 'username' | 'ip'>; entry: AuditEntry }>,
  ): Promise<void> {
    if (entries.length > 0)
      await appendAuditMany(
        trx,
        entries.map((x) => this.input(x.actor, x.entry)),
        this.hmacKey,
      );
  }

  private input(actor: Pick<Actor, 'userId' | 'username' | 'ip'>, e: AuditEntry) {
    return {
      chain: e.areaCode ? countyCodeOf(e.areaCode) : SYSTEM_CHAIN,
      at: this.clock.now(),
      actorId: actor.userId,
      actorName: actor.username,
      ip: actor.ip,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      areaCode: e.areaCode,
      before: e.before ?? null,
      after: e.after ?? null,
      reason: e.reason ?? null,
    };
  }
}
