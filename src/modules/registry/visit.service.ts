import { sql } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import { inScope, type Scope } from '../../db/scope.js';
import { nextVisitDue, type RiskLevel, specialGroup, unknownDetailKeys } from './special-groups.js';
import type { Clock } from '../../lib/clock.js';
import { listOverdueVisits } from './person.repository.js';
import type { Actor } from '../../lib/context.js';
import type { ElementHistory } from './element-history.js';
import { conflict, invalidField, notFound } from '../../lib/errors.js';

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
  handOff(trx: Executor, actor: Actor, finding: { gridCode: string; text: string; categoryCode: string }): Promise<{ eventId: string }>;
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
      const person = await trx.selectFrom('person').select(['id', 'grid_code', 'county_code', 'status']).where('id', '=', personId).where(inScope(actor.scope, 'grid_code')).executeTakeFirst();
      if (!person) throw notFound();
      if (input.responsibleWorkerId) {
        const w = await trx.selectFrom('grid_worker').select('id').where('id', '=', input.responsibleWorkerId).where(inScope(actor.scope, 'home_code')).executeTakeFirst();
        if (!w) throw invalidField('responsibleWorkerId', 'grid_worker_not_found');
      }
      const existing = await trx.selectFrom('person_tag').select('id').where('person_id', '=', personId).where('tag', '=', input.tag).where('active', '=', true).executeTakeFirst();
      if (existing) throw conflict('tag_exists');
      const now = this.clock.now();
      const interval = input.visitIntervalDays ?? group.visitIntervalDays;
      const t = await trx
        .insertInto('person_tag')
        .values({
          county_code: person.county_code, grid_code: person.grid_code, person_id: personId, tag: input.tag, risk_level: input.riskLevel ?? group.defaultRisk,
          responsible_worker_id: input.responsibleWorkerId ?? null, visit_interval_days: interval, details: JSON.stringify(input.details ?? {}),
          next_visit_due: nextVisitDue(now, interval), created_at: now, updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.history.record(trx, actor, {
        type: 'person', id: personId, countyCode: person.county_code, gridCode: person.grid_code,
        version: await this.bumpPersonVersion(trx, personId), action: 'tag_add', before: null,
        after: { [`tag:${t.tag}`]: { riskLevel: t.risk_level, visitIntervalDays: interval, details: input.details ?? {} } }, reason,
      });
      return t;
    });
  }

  async endTag(actor: Actor, personId: string, tag: string, reason: string) {
    return this.db.transaction().execute(async (trx) => {
      const t = await trx.selectFrom('person_tag').selectAll().where('person_id', '=', personId).where('tag', '=', tag).where('active', '=', true).where(inScope(actor.scope, 'grid_code')).executeTakeFirst();
      if (!t) throw notFound();
      await trx.updateTable('person_tag').set({ active: false, ended_at: this.clock.now(), updated_at: this.clock.now() }).where('id', '=', t.id).execute();
      await this.history.record(trx, actor, {
        type: 'person', id: personId, countyCode: t.county_code, gridCode: t.grid_code, version: await this.bumpPersonVersion(trx, personId),
        action: 'tag_end', before: { [`tag:${tag}`]: t.risk_level }, after: { [`tag:${tag}`]: null }, reason,
      });
    });
  }

  /** A tag change is a change of the person: it gets the person's next version number. */
  private async bumpPersonVersion(trx: Executor, personId: string): Promise<number> {
    const r = await trx.updateTable('person').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', personId).returning('version').executeTakeFirstOrThrow();
    return r.version;
  }

  overdue(scope: Scope, gridPrefix: string, limit: number) {
    return listOverdueVisits(this.db, scope, gridPrefix, this.clock.now(), limit);
  }

  /**
   * Records a 走访 and, for every visited person with a special-group tag, moves the next visit due
   * date on from the visit. The visit's grid is the subject's grid.
   */
  async record(actor: Actor, input: VisitInput) {
    if (!input.householdId && !input.houseId && !input.organizationId && !(input.personIds?.length)) throw invalidField('householdId', 'visit_subject_required');
    return this.db.transaction().execute(async (trx) => {
      let gridCode: string | undefined;
      let personIds = input.personIds ?? [];
      if (input.householdId) {
        const h = await trx.selectFrom('household').select('grid_code').where('id', '=', input.householdId).where(inScope(actor.scope, 'grid_code')).executeTakeFirst();
        if (!h) throw invalidField('householdId', 'household_not_found');
        gridCode = h.grid_code;
        if (personIds.length === 0) {
          personIds = (await trx.selectFrom('person').select('id').where('household_id', '=', input.householdId).where('status', '=', 'present').execute()).map((p) => p.id);
        }
      }
      if (personIds.length > 0) {
        const found = await trx.selectFrom('person').select(['id', 'grid_code']).where('id', 'in', personIds).where(inScope(actor.scope, 'grid_code')).execute();
        if (found.length !== new Set(personIds).size) throw invalidField('personIds', 'person_not_found');
        gridCode ??= found[0]!.grid_code;
      }
      if (input.houseId) {
        const h = await trx.selectFrom('house').select('grid_code').where('id', '=', input.houseId).where(inScope(actor.scope, 'grid_code')).executeTakeFirst();
        if (!h) throw invalidField('houseId', 'house_not_found');
        gridCode ??= h.grid_code;
      }
      if (input.organizationId) {
        const o = await trx.selectFrom('organization').select('grid_code').where('id', '=', input.organizationId).where(inScope(actor.scope, 'grid_code')).executeTakeFirst();
        if (!o) throw invalidField('organizationId', 'organization_not_found');
        gridCode ??= o.grid_code;
      }
      const grid = gridCode!;
      const now = this.clock.now();
      const visitedAt = input.visitedAt ?? now;
      if (visitedAt.getTime() > now.getTime() + 60_000) throw invalidField('visitedAt', 'visit_in_future');
      const worker = actor.userId ? await trx.selectFrom('grid_worker').select('id').where('user_id', '=', actor.userId).executeTakeFirst() : undefined;
      const v = await trx
        .insertInto('visit')
        .values({
          county_code: grid.slice(0, 6), grid_code: grid, grid_worker_id: worker?.id ?? null, user_id: actor.userId, visited_at: visitedAt,
          person_ids: personIds, household_id: input.householdId ?? null, house_id: input.houseId ?? null, organization_id: input.organizationId ?? null,
          observed: input.observed, requests: input.requests ?? null, finding: input.finding ?? null, finding_status: input.finding ? 'open' : 'none', created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (personIds.length > 0) {
        // Each tag's next visit is this visit plus that tag's own interval; an older, back-dated
        // visit does not pull a due date backwards.
        await trx
          .updateTable('person_tag')
          .set({
            last_visit_at: visitedAt,
            next_visit_due: sql<Date>`${visitedAt}::timestamptz + make_interval(days => visit_interval_days)`,
            updated_at: now,
          })
          .where('person_id', 'in', personIds)
          .where('active', '=', true)
          .where((eb) => eb.or([eb('last_visit_at', 'is', null), eb('last_visit_at', '<', visitedAt)]))
          .execute();
      }
      await this.history.record(trx, actor, {
        type: 'visit', id: v.id, countyCode: v.county_code, gridCode: grid, version: 1, action: 'create', before: null,
        after: { householdId: v.household_id, personIds, houseId: v.house_id, organizationId: v.organization_id, observed: v.observed, requests: v.requests, finding: v.finding },
      });
      return v;
    });
  }

  /** One action turns a visit's finding into an event, once: the visit row is locked while it happens. */
  async handOffFinding(actor: Actor, visitId: string, categoryCode: string) {
    const handoff = this.handoff;
    if (!handoff) throw conflict('events_not_available');
    return this.db.transaction().execute(async (trx) => {
      const v = await trx.selectFrom('visit').selectAll().where('id', '=', visitId).where(inScope(actor.scope, 'grid_code')).forUpdate().executeTakeFirst();
      if (!v) throw notFound();
      if (v.finding_status !== 'open' || !v.finding) throw conflict('finding_not_open');
      const { eventId } = await handoff.handOff(trx, actor, { gridCode: v.grid_code, text: v.finding, categoryCode });
      await trx.updateTable('visit').set({ finding_status: 'handed_off', event_id: eventId }).where('id', '=', visitId).execute();
      return eventId;
    });
  }
}
