import type { Db } from '../../db/database.js';
import type { Scope } from '../../db/scope.js';
import { listAuditForEntity, listAuditInScope, verifyAuditChains } from './audit.repository.js';

/**
 * Reading the audit log: the audit page, an entity's history and the chain check. Writing stays with
 * AuditService, which records in the caller's transaction.
 */
export class AuditLogService {
  constructor(private readonly db: Db) {}

  /** Entries for areas in the scope, newest first, before the cursor `beforeId`. */
  list(scope: Scope, opts: { beforeId?: string; limit: number; action?: string }) {
    return listAuditInScope(this.db, scope, opts);
  }

  /** The changes to one entity inside the scope, newest first. */
  forEntity(scope: Scope, entityType: string, entityId: string, limit: number) {
    return listAuditForEntity(this.db, scope, entityType, entityId, limit);
  }

  /** Walks every hash chain (or one) and names the first broken link. */
  verify(opts: { chain?: string; pageSize?: number } = {}) {
    return verifyAuditChains(this.db, opts);
  }
}
