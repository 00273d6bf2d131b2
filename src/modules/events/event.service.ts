import { type ExpressionBuilder, sql } from 'kysely';
import type { Db, Executor } from '../../db/database.js';
import type { DB, EventRow } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';
import type { Clock } from '../../lib/clock.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import type { CoHandlerService } from './co-handler.service.js';
import type { Actor } from '../../lib/context.js';
import type { EventIntakeService, NewEventInput } from './event-intake.service.js';
import { EventLoop, type TransitionInput } from './event-loop.js';
import type { EventActorRole } from './event-state-machine.js';
import type { MediationService } from '../mediation/mediation.service.js';
import type { ReferenceData } from '../../lib/reference-cache.js';
import { notFound } from '../../lib/errors.js';

export type { Channel, NewEventInput } from './event-intake.service.js';

const CLOSED = ['rejected', 'closed', 'rated'] as const;

export interface EventFilter {
  gridPrefix?: string;
  statuses?: string[];
  categoryCode?: string;
  deadline?: 'yellow' | 'red';
  channel?: string;
  centre?: string;
  unitId?: string;
  supervised?: boolean;
  dispute?: boolean;
  before?: { at: Date; id: string };
  limit: number;
}

/**
 * Reads of the one-door record (the event with its timeline, parties, joint tasks and mediation
 * case), the work queue, public tracking, and the entry points that delegate to intake and to the
 * closed loop.
 */
export class EventService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly cipher: PersonalDataCipher,
    readonly intake: EventIntakeService,
    readonly loop: EventLoop,
    private readonly coHandlers: CoHandlerService,
    private readonly mediation: MediationService,
  ) {}

  categories() {
    return this.db.selectFrom('event_category').selectAll().orderBy('sort').orderBy('code').execute();
  }

  create(actor: Actor | null, input: NewEventInput, opts: { ip?: string | null } = {}) {
    return this.intake.create(actor, input, opts);
  }

  createIn(trx: Executor, actor: Actor | null, input: NewEventInput) {
    return this.intake.createIn(trx, actor, input);
  }

  transition(actor: Actor | null, id: string, input: TransitionInput, role: EventActorRole, by: { trackingCode?: string } = {}) {
    return this.loop.transition(actor, id, input, role, by);
  }

  async get(scope: Scope, id: string) {
    const event = await this.db.selectFrom('event').selectAll().where('id', '=', id).where(inScope(scope, 'grid_code')).executeTakeFirst();
    if (!event) throw notFound();
    const [timeline, parties, coHandlers, mediation, units, links, category, files] = await Promise.all([
      this.db
        .selectFrom('event_transition as t')
        .leftJoin('unit as u', 'u.id', 't.unit_id')
        .select(['t.id', 't.at', 't.actor_name', 't.action', 't.from_status', 't.to_status', 't.note', 'u.name as unit_name'])
        .where('t.event_id', '=', id)
        .orderBy('t.id')
        .execute(),
      this.db.selectFrom('event_party').selectAll().where('event_id', '=', id).orderBy('created_at').execute(),
      this.coHandlers.listFor(this.db, id),
      this.mediation.get(this.db, id),
      this.unitsOf([event]),
      this.db.selectFrom('event').select(['id', 'number']).where('id', 'in', [event.possible_duplicate_of ?? event.id, event.merged_into ?? event.id]).execute(),
      this.db.selectFrom('event_category').select('name').where('code', '=', event.category_code).executeTakeFirstOrThrow(),
      this.db.selectFrom('event_attachment').select(['id', 'file_name', 'transition_id']).where('event_id', '=', id).where('transition_id', 'is not', null).orderBy('created_at').execute(),
    ]);
    // Attachments given with a transition (a photo with the feedback, say) show on that step of the timeline.
    const byStep = new Map<string, Array<{ id: string; fileName: string }>>();
    for (const f of files) byStep.set(String(f.transition_id), [...(byStep.get(String(f.transition_id)) ?? []), { id: f.id, fileName: f.file_name }]);
    const steps = timeline.map((t) => ({ ...t, attachments: byStep.get(String(t.id)) ?? [] }));
    return { event, timeline: steps, parties, coHandlers, mediation, units, links, categoryName: category.name };
  }

  /** Unit and category names for presenting events, from one look at the reference tables. */
  async namesFor(events: Pick<EventRow, 'receiving_unit_id' | 'owner_unit_id' | 'lead_unit_id' | 'routed_unit_id'>[]) {
    const ref = await this.intake.reference(this.db);
    return { units: this.unitsIn(ref, events), categoryNames: new Map([...ref.categories.values()].map((r) => [r.code, r.name])) };
  }

  /** Units named on events, by id, for the list and the detail. */
  async unitsOf(events: Pick<EventRow, 'receiving_unit_id' | 'owner_unit_id' | 'lead_unit_id' | 'routed_unit_id'>[]) {
    return this.unitsIn(await this.intake.reference(this.db), events);
  }

  private unitsIn(ref: ReferenceData, events: Pick<EventRow, 'receiving_unit_id' | 'owner_unit_id' | 'lead_unit_id' | 'routed_unit_id'>[]) {
    const ids = new Set(events.flatMap((e) => [e.receiving_unit_id, e.owner_unit_id, e.lead_unit_id, e.routed_unit_id]).filter((x): x is string => x !== null));
    const out = new Map<string, { id: string; name: string; kind: string }>();
    for (const id of ids) {
      const u = ref.units.get(id);
      if (u) out.set(id, { id: u.id, name: u.name, kind: u.kind });
    }
    return out;
  }

  /** The work queue, newest first, with cursor pagination on (created_at, id). */
  list(scope: Scope, f: EventFilter) {
    const now = this.clock.now();
    let q = this.db.selectFrom('event').selectAll().where(inScope(scope, 'grid_code'));
    if (f.gridPrefix) q = q.where('grid_code', 'like', `${f.gridPrefix}%`);
    if (f.statuses && f.statuses.length > 0) q = q.where('status', 'in', f.statuses);
    if (f.categoryCode) q = q.where('category_code', 'like', `${f.categoryCode}%`);
    if (f.channel) q = q.where('channel', '=', f.channel as EventRow['channel']);
    if (f.centre) q = q.where('centre', '=', f.centre as EventRow['centre']);
    if (f.supervised) q = q.where('supervised_at', 'is not', null);
    if (f.dispute) q = q.where('is_dispute', '=', true);
    if (f.deadline) {
      const open = (eb: ExpressionBuilder<DB, 'event'>) => eb('status', 'not in', CLOSED);
      const red = (eb: ExpressionBuilder<DB, 'event'>) => eb.or([eb('overdue_at', 'is not', null), eb('due_at', '<=', now)]);
      q = f.deadline === 'red' ? q.where((eb) => eb.and([open(eb), red(eb)])) : q.where((eb) => eb.and([open(eb), eb.not(red(eb)), eb('warn_at', '<=', now)]));
    }
    if (f.unitId) {
      const unit = f.unitId;
      q = q.where((eb) =>
        eb.or([
          eb('owner_unit_id', '=', unit),
          eb('lead_unit_id', '=', unit),
          eb.exists(eb.selectFrom('event_co_handler as t').select(sql`1`.as('one')).whereRef('t.event_id', '=', 'event.id').where('t.unit_id', '=', unit).where('t.status', '=', 'open')),
          eb.exists(eb.selectFrom('mediation_case as m').select(sql`1`.as('one')).whereRef('m.event_id', '=', 'event.id').where('m.level_unit_id', '=', unit).where('m.status', '=', 'open')),
        ]),
      );
    }
    if (f.before) {
      const b = f.before;
      q = q.where((eb) => eb.or([eb('created_at', '<', b.at), eb.and([eb('created_at', '=', b.at), eb('id', '<', b.id)])]));
    }
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
  }

  /** What the public tracking page shows: status and a timeline with no personal data. */
  async track(code: string) {
    const e = await this.db
      .selectFrom('event as e')
      .innerJoin('event_category as c', 'c.code', 'e.category_code')
      .leftJoin('event as m', 'm.id', 'e.merged_into')
      .select(['e.id', 'e.number', 'e.status', 'e.created_at', 'e.due_at', 'e.closed_at', 'e.rating', 'c.name as category', 'm.number as merged_into_number', 'm.tracking_code as merged_into_code'])
      .where('e.tracking_code', '=', code)
      .executeTakeFirst();
    if (!e) throw notFound();
    const steps = await this.db.selectFrom('event_transition').select(['at', 'to_status', 'public_note']).where('event_id', '=', e.id).where('public_note', 'is not', null).orderBy('id').execute();
    return { e, steps };
  }

  /** Masked parties for the event page: the full data is read through the audited person record. */
  maskParties(parties: Awaited<ReturnType<EventService['get']>>['parties']) {
    return parties.map((p) => {
      const name = this.cipher.decrypt(p.name_enc);
      const phone = p.phone_enc ? this.cipher.decrypt(p.phone_enc) : null;
      return { id: p.id, role: p.role, nameMasked: `${name.slice(0, 1)}${'*'.repeat(Math.max(1, name.length - 1))}`, phoneMasked: phone ? phone.replace(/^(\d{3})\d+(\d{4})$/, '$1****$2') : null, personId: p.person_id };
    });
  }
}
