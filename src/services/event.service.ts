import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Executor } from '../db/database.js';
import type { EventRow } from '../db/schema.js';
import { inScope, type Scope, UNRESTRICTED } from '../db/scope.js';
import { type EventActorRole, type EventStatus, type Rating, transition as runTransition, type EventAction } from '../domain/event-state-machine.js';
import { isValidPhone, normalisePhone } from '../domain/phone.js';
import { WorkingCalendar } from '../domain/working-calendar.js';
import type { Clock } from '../lib/clock.js';
import type { PersonalDataCipher } from '../lib/personal-data.js';
import { locateArea } from '../repositories/area.repository.js';
import type { AuditService } from './audit.service.js';
import type { Actor } from './context.js';
import { AppError, invalid, type FieldProblem, notFound } from './errors.js';

export type Channel = EventRow['channel'];

export interface NewEventInput {
  categoryCode: string;
  description: string;
  location: { lng: number; lat: number };
  address?: string | null;
  reporter?: { name?: string | null; phone?: string | null } | null;
  channel?: Channel;
}

/** Share of an event's working time after which the yellow warning is raised. */
export const WARN_SHARE = 2 / 3;

// No 0/O, 1/I/L: tracking codes are read out over the phone.
const TRACKING_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
function trackingCode(): string {
  const bytes = crypto.randomBytes(10);
  return Array.from(bytes, (b) => TRACKING_ALPHABET[b % TRACKING_ALPHABET.length]).join('');
}

const PUBLIC_NOTES: Record<string, string> = {
  report: '已收到您反映的问题', accept: '已受理', reject: '不予受理', dispatch: '已派遣至承办单位', start: '承办单位正在处置', return: '正在重新分派',
  reassign: '已改派承办单位', feedback: '承办单位已反馈处理结果', verify: '已核查', rework: '处置结果需完善,正在重新处置', close: '已办结', rate: '感谢您的评价',
  reopen: '已根据您的评价重新处置', suspend: '暂时挂起', resume: '恢复办理',
};

/**
 * One door for every problem: intake from every channel, the closed loop through the state
 * machine, and public tracking. A transition locks the event row, so two operators cannot both
 * dispatch it; the second one gets a 409 from the state machine.
 */
export class EventService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly cipher: PersonalDataCipher,
    private readonly calendar: WorkingCalendar = new WorkingCalendar(),
  ) {}

  categories() {
    return this.db.selectFrom('event_category').selectAll().orderBy('sort').orderBy('code').execute();
  }

  create(actor: Actor | null, input: NewEventInput): Promise<EventRow> {
    return this.db.transaction().execute((trx) => this.createIn(trx, actor, input));
  }

  /** Intake inside the caller's transaction (a visit finding hands over in the same unit of work). */
  async createIn(trx: Executor, actor: Actor | null, input: NewEventInput): Promise<EventRow> {
    const problems: FieldProblem[] = [];
    const phone = input.reporter?.phone ? normalisePhone(input.reporter.phone) : null;
    if (phone && !isValidPhone(phone)) problems.push({ path: 'reporter.phone', key: 'phone_format' });
    const category = await trx.selectFrom('event_category').selectAll().where('code', '=', input.categoryCode).executeTakeFirst();
    if (!category || category.parent_code === null) problems.push({ path: 'categoryCode', key: 'event_category_unknown' });
    // A resident on the public page has no scope: any grid of the installation will do.
    const scope: Scope = actor?.scope ?? UNRESTRICTED;
    const grid = await locateArea(trx, scope, 'grid', input.location.lng, input.location.lat);
    if (!grid) problems.push({ path: 'location', key: 'location_outside_grids' });
    if (problems.length > 0 || !grid || !category) throw invalid(problems);

    const now = this.clock.now();
    const county = grid.code.slice(0, 6);
    const dueAt = this.calendar.addWorkingDays(now, category.limit_working_days);
    // The yellow warning comes when WARN_SHARE of the working time has passed.
    const warnAt = this.calendar.addWorkingHours(now, (this.calendar.workingMinutesBetween(now, dueAt) * WARN_SHARE) / 60);
    const day = WorkingCalendar.local(now).date.replace(/-/g, '');
    const counter = await sql<{ last: number }>`
      insert into event_number_counter (county_code, day, last) values (${county}, ${day}, 1)
      on conflict (county_code, day) do update set last = event_number_counter.last + 1
      returning last`.execute(trx);
    const number = `SJ-${county}-${day}-${String(counter.rows[0]!.last).padStart(6, '0')}`;
    const event = await trx
      .insertInto('event')
      .values({
        county_code: county, grid_code: grid.code, number, tracking_code: trackingCode(), category_code: category.code, channel: input.channel ?? (actor ? 'api' : 'public'),
        description: input.description, address: input.address ?? null, lng: input.location.lng, lat: input.location.lat,
        reporter_name_enc: input.reporter?.name ? this.cipher.encrypt(input.reporter.name) : null, reporter_phone_enc: phone ? this.cipher.encrypt(phone) : null,
        reporter_phone_hash: phone ? this.cipher.lookupHash('phone', phone) : null, status: 'reported', due_at: dueAt, warn_at: warnAt,
        created_by: actor?.userId ?? null, created_at: now, updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.addTransition(trx, event, actor, 'report', null, 'reported', null);
    await this.audit.record(trx, actor ?? { userId: null, username: 'public', ip: null }, {
      action: 'event.report', entityType: 'event', entityId: event.id, areaCode: grid.code, after: { number, categoryCode: category.code, channel: event.channel },
    });
    return event;
  }

  private async addTransition(trx: Executor, e: EventRow, actor: Pick<Actor, 'userId' | 'username'> | null, action: string, from: string | null, to: string, note: string | null) {
    await trx
      .insertInto('event_transition')
      .values({ county_code: e.county_code, event_id: e.id, at: this.clock.now(), actor_id: actor?.userId ?? null, actor_name: actor?.username ?? 'public', action, from_status: from, to_status: to, note, public_note: PUBLIC_NOTES[action] ?? null })
      .execute();
  }

  async get(scope: Scope, id: string) {
    const event = await this.db.selectFrom('event').selectAll().where('id', '=', id).where(inScope(scope, 'grid_code')).executeTakeFirst();
    if (!event) throw notFound();
    const timeline = await this.db.selectFrom('event_transition').select(['at', 'actor_name', 'action', 'from_status', 'to_status', 'note']).where('event_id', '=', id).orderBy('id').execute();
    return { event, timeline };
  }

  list(scope: Scope, f: { gridPrefix?: string; status?: string; categoryCode?: string; before?: { at: Date; id: string }; limit: number }) {
    let q = this.db.selectFrom('event').selectAll().where(inScope(scope, 'grid_code'));
    if (f.gridPrefix) q = q.where('grid_code', 'like', `${f.gridPrefix}%`);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.categoryCode) q = q.where('category_code', 'like', `${f.categoryCode}%`);
    if (f.before) {
      const b = f.before;
      q = q.where((eb) => eb.or([eb('created_at', '<', b.at), eb.and([eb('created_at', '=', b.at), eb('id', '<', b.id)])]));
    }
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
  }

  /** Applies an action through the state machine, under a row lock; illegal ones answer 409. */
  async transition(actor: Actor | null, id: string, input: { action: EventAction; note?: string | null; rating?: Rating; override?: boolean }, role: EventActorRole, by: { trackingCode?: string } = {}) {
    return this.db.transaction().execute(async (trx) => {
      let q = trx.selectFrom('event').selectAll().forUpdate();
      q = by.trackingCode ? q.where('tracking_code', '=', by.trackingCode) : q.where('id', '=', id).where(inScope(actor?.scope ?? UNRESTRICTED, 'grid_code'));
      const e = await q.executeTakeFirst();
      if (!e) throw notFound();
      const r = runTransition(
        { status: e.status as EventStatus, suspendedFrom: (e.suspended_from as EventStatus | null) ?? null, reopenCount: e.reopen_count, rating: (e.rating as Rating | null) ?? null, openCoHandlerTasks: 0 },
        { action: input.action, role, note: input.note, rating: input.rating, override: input.override },
      );
      if (!r.ok) throw new AppError(r.error === 'reason_required' || r.error === 'rating_required' ? 'validation_failed' : 'invalid_transition', `event_${r.error}`, r.error === 'reason_required' ? [{ path: 'note', key: 'event_reason_required' }] : r.error === 'rating_required' ? [{ path: 'rating', key: 'event_rating_required' }] : []);
      const now = this.clock.now();
      const updated = await trx
        .updateTable('event')
        .set({
          status: r.state.status, suspended_from: r.state.suspendedFrom, reopen_count: r.state.reopenCount, rating: r.state.rating,
          version: e.version + 1, updated_at: now, ...(r.state.status === 'closed' ? { closed_at: now } : {}),
        })
        .where('id', '=', e.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const who = actor ?? { userId: null, username: 'public', ip: null };
      await this.addTransition(trx, e, who, input.action, e.status, r.state.status, input.note ?? null);
      await this.audit.record(trx, who, { action: `event.${input.action}`, entityType: 'event', entityId: e.id, areaCode: e.grid_code, before: { status: e.status }, after: { status: r.state.status, rating: r.state.rating }, reason: input.note ?? null });
      return updated;
    });
  }

  /** What the public tracking page shows: status and a timeline with no personal data. */
  async track(code: string) {
    const e = await this.db.selectFrom('event as e').innerJoin('event_category as c', 'c.code', 'e.category_code').select(['e.id', 'e.number', 'e.status', 'e.created_at', 'e.due_at', 'e.closed_at', 'e.rating', 'c.name as category']).where('e.tracking_code', '=', code).executeTakeFirst();
    if (!e) throw notFound();
    const steps = await this.db.selectFrom('event_transition').select(['at', 'to_status', 'public_note']).where('event_id', '=', e.id).orderBy('id').execute();
    return { e, steps };
  }
}
