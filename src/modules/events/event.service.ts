import type { Db, Executor } from '../../db/database.js';
import type { EventRow } from '../../db/schema.js';
import type { Scope } from '../../db/scope.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { notFound } from '../../lib/errors.js';
import type { ReferenceData } from '../../lib/reference-cache.js';
import type { MediationService } from '../mediation/mediation.service.js';
import type { CoHandlerService } from './co-handler.service.js';
import type { EventFilter } from './event.repository.js';
import * as events from './event.repository.js';
import type { EventIntakeService, NewEventInput } from './event-intake.service.js';
import type { EventLoop, TransitionInput } from './event-loop.js';
import type { EventActorRole } from './event-state-machine.js';

export type { EventFilter } from './event.repository.js';
export type { Channel, NewEventInput } from './event-intake.service.js';

/**
 * Reads of the one-door record (the event with its timeline, parties, joint tasks and mediation
 * case), the work queue, public tracking, and the entry points that delegate to intake and to the
 * closed loop.
 */
export class EventService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    readonly intake: EventIntakeService,
    readonly loop: EventLoop,
    private readonly coHandlers: CoHandlerService,
    private readonly mediation: MediationService,
  ) {}

  categories() {
    return events.listEventCategories(this.db);
  }

  create(actor: Actor | null, input: NewEventInput, opts: { ip?: string | null } = {}) {
    return this.intake.create(actor, input, opts);
  }

  createIn(trx: Executor, actor: Actor | null, input: NewEventInput) {
    return this.intake.createIn(trx, actor, input);
  }

  transition(
    actor: Actor | null,
    id: string,
    input: TransitionInput,
    role: EventActorRole,
    by: { trackingCode?: string } = {},
  ) {
    return this.loop.transition(actor, id, input, role, by);
  }

  /** The event with everything its page shows; `stepFiles` are the attachments given with a step of the timeline. */
  async get(scope: Scope, id: string) {
    const event = await events.findEventInScope(this.db, scope, id);
    if (!event) throw notFound();
    const [steps, parties, coHandlers, mediation, units, links, category, stepFiles] = await Promise.all([
      events.listTimeline(this.db, id),
      events.listParties(this.db, id),
      this.coHandlers.listFor(this.db, id),
      this.mediation.get(this.db, id),
      this.unitsOf([event]),
      events.findEventNumbers(this.db, [event.possible_duplicate_of ?? event.id, event.merged_into ?? event.id]),
      events.findCategoryName(this.db, event.category_code),
      events.listStepAttachments(this.db, id),
    ]);
    return {
      event,
      timeline: steps,
      stepFiles,
      parties,
      coHandlers,
      mediation,
      units,
      links,
      categoryName: category.name,
    };
  }

  /** Unit and category names for presenting events, from one look at the reference tables. */
  async namesFor(events: Pick<EventRow, 'receiving_unit_id' | 'owner_unit_id' | 'lead_unit_id' | 'routed_unit_id'>[]) {
    const ref = await this.intake.reference(this.db);
    return {
      units: this.unitsIn(ref, events),
      categoryNames: new Map([...ref.categories.values()].map((r) => [r.code, r.name])),
    };
  }

  /** Units named on events, by id, for the list and the detail. */
  async unitsOf(events: Pick<EventRow, 'receiving_unit_id' | 'owner_unit_id' | 'lead_unit_id' | 'routed_unit_id'>[]) {
    return this.unitsIn(await this.intake.reference(this.db), events);
  }

  private unitsIn(
    ref: ReferenceData,
    events: Pick<EventRow, 'receiving_unit_id' | 'owner_unit_id' | 'lead_unit_id' | 'routed_unit_id'>[],
  ) {
    const ids = new Set(
      events
        .flatMap((e) => [e.receiving_unit_id, e.owner_unit_id, e.lead_unit_id, e.routed_unit_id])
        .filter((x): x is string => x !== null),
    );
    const out = new Map<string, { id: string; name: string; kind: string }>();
    for (const id of ids) {
      const u = ref.units.get(id);
      if (u) out.set(id, { id: u.id, name: u.name, kind: u.kind });
    }
    return out;
  }

  /** The work queue, newest first, with cursor pagination on (created_at, id). */
  list(scope: Scope, f: EventFilter) {
    return events.listEvents(this.db, scope, f, this.clock.now());
  }

  /** What the public tracking page shows: status and a timeline with no personal data. */
  async track(code: string) {
    const e = await events.findTrackedEvent(this.db, code);
    if (!e) throw notFound();
    const steps = await events.listPublicSteps(this.db, e.id);
    return { e, steps };
  }
}
