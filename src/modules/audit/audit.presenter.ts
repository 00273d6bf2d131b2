import type { AuditLogRow } from '../../db/schema.js';
import { iso } from '../../http/common.schemas.js';
import type { AuditVerification } from './audit-log.service.js';

type ListedEntry = Pick<
  AuditLogRow,
  'id' | 'at' | 'actor_name' | 'ip' | 'action' | 'entity_type' | 'entity_id' | 'area_code' | 'reason'
>;
type HistoryEntry = Pick<AuditLogRow, 'id' | 'at' | 'actor_name' | 'action' | 'reason' | 'before' | 'after'>;

/** An entry of the audit log as the audit page lists it (no before/after). */
export function presentAuditEntry(r: ListedEntry) {
  return {
    id: String(r.id),
    at: iso(r.at),
    actor: r.actor_name,
    ip: r.ip,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    areaCode: r.area_code,
    reason: r.reason,
  };
}

/** A page of entries, newest first; a full page names the cursor of the next one. */
export function presentAuditPage(rows: ListedEntry[], limit: number) {
  return {
    items: rows.map(presentAuditEntry),
    nextBeforeId: rows.length === limit ? String(rows[rows.length - 1]!.id) : null,
  };
}

/** One change in an entity's history (an area's, a risk's), with what it was before and after. */
export function presentAuditHistoryEntry(r: HistoryEntry) {
  return {
    id: String(r.id),
    at: iso(r.at),
    actor: r.actor_name,
    action: r.action,
    reason: r.reason,
    before: r.before,
    after: r.after,
  };
}

/** The chain check; the checkpoint file's path stays on the server. */
export function presentChainVerification(r: AuditVerification) {
  return {
    ok: r.firstBreak === null,
    rows: r.rows,
    chains: r.chains,
    firstBreak: r.firstBreak,
    checkpoints: { records: r.checkpoints.records, latestAt: r.checkpoints.latestAt },
  };
}
