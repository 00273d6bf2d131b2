import type { Db, Executor } from '../../db/database.js';
import type { Scope } from '../../db/scope.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { conflict, invalidField, notFound } from '../../lib/errors.js';
import type { ElementHistory } from './element-history.js';
import { findHousePlace } from './house.repository.js';
import { findHouseholdGrid } from './household.repository.js';
import { findOrganizationGrid } from './organization.repository.js';
import { bumpPersonVersion, findPeopleGrids, findPersonPlace, listPresentMemberIds } from './person.repository.js';
import * as tags from './person-tag.repository.js';
import { nextVisitDue, type RiskLevel, specialGroup, unknownDetailKeys } from './special-groups.js';
import * as visits from './visit.repository.js';

export interface TagInput {
  tag: string;
  riskLevel?: RiskLevel;
  responsibleWorkerId?: string | null;
  visitIntervalDays?: number;
  details?: Record<string, unknown>;
}

export interface VisitInput {
  householdId?: string | null;
  personIds?: string[];
  houseId?: string | null;
  organizationId?: string | null;
  visitedAt?: Date;
  observed: string;
  requests?: string | null;
  finding?: string | null;
}

/** Hands a visit's finding to the events module, inside the caller's transaction. */
export interface FindingHandoff {
  handOff(
    trx: Executor,
    actor: Actor,
    finding: { gridCode: string; text: string; categoryCode: string },
  ): Promise<{ eventId: string }>;
}

export class VisitService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly history: ElementHistory,
    private readonly handoff: FindingHandoff | null = null,
  ) {}

  async addTag(actor: Actor, personId: string, input: TagInput, reason: string | null = null) {
    const group = specialGroup(input.tag);
    if (!group) throw invalidField('tag', 'tag_unknown');
    const unknown = unknownDetailKeys(input.tag, input.details ?? {});
    if (unknown.length > 0) throw invalidField(`details.${unknown[0]}`, 'tag_detail_unknown');
    return this.db.transaction().execute(async (trx) => {
      const person = await findPersonPlace(trx, actor.scope, personId);
      if (!person) throw notFound();
      if (input.responsibleWorkerId) {
        if (!(await visits.workerInScope(trx, actor.scope, input.responsibleWorkerId)))
          throw invalidField('responsibleWorkerId', 'grid_worker_not_found');
      }
      if (await tags.hasActiveTag(trx, personId, input.tag)) throw conflict('tag_exists');
      const now = this.clock.now();
      const interval = input.visitIntervalDays ?? group.visitIntervalDays;
      const t = await tags.insertTag(trx, {
        county_code: person.county_code,
        grid_code: person.grid_code,
        person_id: personId,
        tag: input.tag,
        risk_level: input.riskLevel ?? group.defaultRisk,
        responsible_worker_id: input.responsibleWorkerId ?? null,
        visit_interval_days: interval,
        details: JSON.stringify(input.details ?? {}),
        next_visit_due: nextVisitDue(now, interval),
        created_at: now,
        updated_at: now,
      });
      await this.history.record(trx, actor, {
        type: 'person',
        id: personId,
        countyCode: person.county_code,
        gridCode: person.grid_code,
        version: await bumpPersonVersion(trx, personId),
        action: 'tag_add',
        before: null,
        after: {
          [`tag:${t.tag}`]: { riskLevel: t.risk_level, visitIntervalDays: interval, details: input.details ?? {} },
        },
        reason,
      });
      return t;
    });
  }

  async endTag(actor: Actor, personId: string, tag: string, reason: string) {
    return this.db.transaction().execute(async (trx) => {
      const t = await tags.findActiveTag(trx, actor.scope, personId, tag);
      if (!t) throw notFound();
      await tags.endTag(trx, t.id, this.clock.now());
      await this.history.record(trx, actor, {
        type: 'person',
        id: personId,
        countyCode: t.county_code,
        gridCode: t.grid_code,
        version: await bumpPersonVersion(trx, personId),
        action: 'tag_end',
        before: { [`tag:${tag}`]: t.risk_level },
        after: { [`tag:${tag}`]: null },
        reason,
      });
    });
  }

  overdue(scope: Scope, gridPrefix: string, limit: number) {
    return tags.listOverdueVisits(this.db, scope, gridPrefix, this.clock.now(), limit);
  }

  /**
   * Records a 走访 and, for every visited person with a special-group tag, moves the next visit due
   * date on from the visit. The visit's grid is the subject's grid.
   */
  async record(actor: Actor, input: VisitInput) {
    if (!input.householdId && !input.houseId && !input.organizationId && !input.personIds?.length)
      throw invalidField('householdId', 'visit_subject_required');
    return this.db.transaction().execute(async (trx) => {
      let gridCode: string | undefined;
      let personIds = input.personIds ?? [];
      if (input.householdId) {
        const h = await findHouseholdGrid(trx, actor.scope, input.householdId);
        if (!h) throw invalidField('householdId', 'household_not_found');
        gridCode = h.grid_code;
        if (personIds.length === 0) {
          personIds = await listPresentMemberIds(trx, input.householdId);
        }
      }
      if (personIds.length > 0) {
        const found = await findPeopleGrids(trx, actor.scope, personIds);
        if (found.length !== new Set(personIds).size) throw invalidField('personIds', 'person_not_found');
        gridCode ??= found[0]!.grid_code;
      }
      if (input.houseId) {
        const h = await findHousePlace(trx, actor.scope, input.houseId);
        if (!h) throw invalidField('houseId', 'house_not_found');
        gridCode ??= h.grid_code;
      }
      if (input.organizationId) {
        const o = await findOrganizationGrid(trx, actor.scope, input.organizationId);
        if (!o) throw invalidField('organizationId', 'organization_not_found');
        gridCode ??= o.grid_code;
      }
      const grid = gridCode!;
      const now = this.clock.now();
      const visitedAt = input.visitedAt ?? now;
      if (visitedAt.getTime() > now.getTime() + 60_000) throw invalidField('visitedAt', 'visit_in_future');
      const worker = actor.userId ? await visits.findWorkerOfUser(trx, actor.userId) : undefined;
      const v = await visits.insertVisit(trx, {
        county_code: grid.slice(0, 6),
        grid_code: grid,
        grid_worker_id: worker?.id ?? null,
        user_id: actor.userId,
        visited_at: visitedAt,
        person_ids: personIds,
        household_id: input.householdId ?? null,
        house_id: input.houseId ?? null,
        organization_id: input.organizationId ?? null,
        observed: input.observed,
        requests: input.requests ?? null,
        finding: input.finding ?? null,
        finding_status: input.finding ? 'open' : 'none',
        created_at: now,
      });
      if (personIds.length > 0) await tags.advanceNextVisits(trx, personIds, visitedAt, now);
      await this.history.record(trx, actor, {
        type: 'visit',
        id: v.id,
        countyCode: v.county_code,
        gridCode: grid,
        version: 1,
        action: 'create',
        before: null,
        after: {
          householdId: v.household_id,
          personIds,
          houseId: v.house_id,
          organizationId: v.organization_id,
          observed: v.observed,
          requests: v.requests,
          finding: v.finding,
        },
      });
      return v;
    });
  }

  /** One action turns a visit's finding into an event, once: the visit row is locked while it happens. */
  async handOffFinding(actor: Actor, visitId: string, categoryCode: string) {
    const handoff = this.handoff;
    if (!handoff) throw conflict('events_not_available');
    return this.db.transaction().execute(async (trx) => {
      const v = await visits.findVisitForUpdate(trx, actor.scope, visitId);
      if (!v) throw notFound();
      if (v.finding_status !== 'open' || !v.finding) throw conflict('finding_not_open');
      const { eventId } = await handoff.handOff(trx, actor, { gridCode: v.grid_code, text: v.finding, categoryCode });
      await visits.markHandedOff(trx, visitId, eventId);
      return eventId;
    });
  }
}
