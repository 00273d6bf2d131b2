import type { Executor } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import type { AuditService } from '../audit/audit.service.js';
import { type Changes, diffFields } from './element-diff.js';
import { insertElementVersion, listElementVersions } from './element-history.repository.js';

export type ElementType =
  | 'person'
  | 'household'
  | 'house'
  | 'person_tag'
  | 'place'
  | 'thing'
  | 'organization'
  | 'visit';

export interface ElementChange {
  type: ElementType;
  id: string;
  countyCode: string;
  gridCode: string;
  version: number;
  action: string;
  /** Snapshots in API field names; personal fields are masked by diffFields. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  reason?: string | null;
}

/**
 * Writes a registry change twice, in the caller's transaction: as a version row for the record's
 * timeline, and as an audit entry. Both carry only the diff, with personal values hidden.
 */
export class ElementHistory {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async record(trx: Executor, actor: Actor, c: ElementChange): Promise<Changes> {
    const changes = diffFields(c.before, c.after);
    await insertElementVersion(trx, {
      county_code: c.countyCode,
      grid_code: c.gridCode,
      element_type: c.type,
      element_id: c.id,
      version: c.version,
      at: this.clock.now(),
      actor_id: actor.userId,
      actor_name: actor.username,
      action: c.action,
      changes: JSON.stringify(changes),
      reason: c.reason ?? null,
    });
    await this.audit.record(trx, actor, {
      action: `${c.type}.${c.action}`,
      entityType: c.type,
      entityId: c.id,
      areaCode: c.gridCode,
      after: changes,
      reason: c.reason ?? null,
    });
    return changes;
  }

  timeline(db: Executor, type: ElementType, id: string) {
    return listElementVersions(db, type, id);
  }
}

export type TimelineRow = Awaited<ReturnType<ElementHistory['timeline']>>[number];
