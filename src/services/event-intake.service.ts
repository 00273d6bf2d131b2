import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { EventPolicy } from '../config.js';
import type { Db, Executor } from '../db/database.js';
import type { Centre, EventRow } from '../db/schema.js';
import { inScope, type Scope, UNRESTRICTED } from '../db/scope.js';
import { containsText } from '../db/text-search.js';
import { idNumberProblem, normaliseIdNumber } from '../domain/id-number.js';
import { isValidPhone, normalisePhone } from '../domain/phone.js';
import { WorkingCalendar } from '../domain/working-calendar.js';
import type { Clock } from '../lib/clock.js';
import type { PersonalDataCipher } from '../lib/personal-data.js';
import { locateArea } from '../repositories/area.repository.js';
import type { AuditService } from './audit.service.js';
import type { Actor } from './context.js';
import type { DeadlinePolicy } from './deadline-policy.js';
import { type FieldProblem, invalid, rateLimited } from './errors.js';
import type { MediationService } from './mediation.service.js';
import type { NotificationService, SmsChannel } from './notification.service.js';
import type { RoutingService } from './routing.service.js';

export type Channel = EventRow['channel'];
export type PartyRole = 'reporter' | 'applicant' | 'respondent' | 'other';

export interface NewEventInput {
  categoryCode: string;
  description: string;
  /** Where it happened; without it the address is looked up among the registry's houses. */
  location?: { lng: number; lat: number } | null;
  address?: string | null;
  reporter?: { name?: string | null; phone?: string | null } | null;
  parties?: Array<{ role: PartyRole; name: string; phone?: string | null; idNumber?: string | null; personId?: string | null }>;
  channel?: Channel;
}

type Prepared = Awaited<ReturnType<EventIntakeService['prepare']>>;

// No 0/O, 1/I/L: tracking codes are read out over the phone.
const TRACKING_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
function trackingCode(): string {
  return Array.from(crypto.randomBytes(10), (b) => TRACKING_ALPHABET[b % TRACKING_ALPHABET.length]).join('');
}

export interface IntakeDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  cipher: PersonalDataCipher;
  deadlines: DeadlinePolicy;
  routing: RoutingService;
  mediation: MediationService;
  notifications: NotificationService;
  sms: SmsChannel;
  policy: EventPolicy;
  /**
   * Take the readable number in its own short statement before the intake transaction, so the
   * county's counter row is locked for one statement, not the whole intake (PostgreSQL). A failed
   * intake then leaves a gap in the day's numbers, as a sequence would. PGlite has one connection,
   * so there the number is taken inside the transaction.
   */
  numberOutsideTransaction: boolean;
}

/**
 * One door: every channel (desk, grid worker's phone, hotline, public page, API, a visit finding)
 * lands here and becomes the same record, routed, numbered and with its deadlines set, in one
 * transaction. The per-county counter row and the audit chain head are the only rows intakes
 * contend for, so they are written last and held for as short a time as possible.
 */
export class EventIntakeService {
  constructor(private readonly d: IntakeDeps) {}

  /**
   * Everything that only reads (validation, grid, route, deadlines, duplicate, mediation plan) runs on
   * the pool before the transaction opens, and the readable number is taken in its own statement;
   * the transaction then holds one connection for the writes alone. Reading on the pool while a
   * transaction held a connection could exhaust the pool under load and deadlock every intake.
   */
  async create(actor: Actor | null, input: NewEventInput, opts: { ip?: string | null } = {}): Promise<EventRow> {
    const { db } = this.d;
    const p = await this.prepare(db, actor, input, opts);
    // A refused public report must not use up a number, so the public page numbers inside the transaction.
    const number = this.d.numberOutsideTransaction && p.channel !== 'public' ? await this.nextNumber(db, p.county, p.now) : null;
    const e = await db.transaction().execute((trx) => this.write(trx, actor, p, number, opts));
    // After the commit: a text for a report that rolled back would send the resident a dead code.
    if (p.phone) await this.d.sms.send(p.phone, `【枫桥】您反映的问题已登记,编号${e.number},查询码${e.tracking_code}。`).catch(() => {});
    return e;
  }

  /** Intake inside the caller's transaction (a visit finding handed off becomes an event with the visit). */
  async createIn(trx: Executor, actor: Actor | null, input: NewEventInput, opts: { ip?: string | null } = {}): Promise<EventRow> {
    return this.write(trx, actor, await this.prepare(trx, actor, input, opts), null, opts);
  }

  private async prepare(q: Executor, actor: Actor | null, input: NewEventInput, opts: { ip?: string | null }) {
    const { cipher, clock } = this.d;
    const now = clock.now();
    const problems: FieldProblem[] = [];
    const phone = input.reporter?.phone ? normalisePhone(input.reporter.phone) : null;
    if (phone && !isValidPhone(phone)) problems.push({ path: 'reporter.phone', key: 'phone_format' });
    if (!actor && !phone) problems.push({ path: 'reporter.phone', key: 'required' });
    const parties = await this.checkParties(q, actor, input.parties ?? [], problems, now);
    // One look at the reference tables for the whole intake.
    const ref = await this.reference(q);
    const category = ref.categories.get(input.categoryCode);
    if (!category || category.parent_code === null) problems.push({ path: 'categoryCode', key: 'event_category_unknown' });
    // A resident on the public page has no scope: any grid of the installation will do.
    const scope: Scope = actor?.scope ?? UNRESTRICTED;
    const location = input.location ?? (input.address ? await this.geocode(q, scope, input.address) : null);
    const grid = location ? await locateArea(q, scope, 'grid', location.lng, location.lat) : null;
    if (!grid) problems.push({ path: 'location', key: input.location || !input.address ? 'location_outside_grids' : 'address_not_found' });
    if (problems.length > 0 || !grid || !category || !location) throw invalid(problems);

    const channel = input.channel ?? (actor ? 'api' : 'public');
    const isDispute = category.code.startsWith('01');
    const { dueAt, warnAt } = this.d.deadlines.eventDeadline(now, category.limit_working_days);
    const [route, stageDueAt, duplicate, mediation] = await Promise.all([
      this.d.routing.route(q, category.code, grid.code, category.centre as Centre, ref),
      this.d.deadlines.stageDue(q, category.code, 'accept', now, dueAt, ref),
      this.findDuplicate(q, category.code, location, now),
      isDispute ? this.d.mediation.plan(q, grid.code, ref) : null,
    ]);
    return {
      now, phone, parties, category, location, grid, channel, isDispute, dueAt, warnAt, route, stageDueAt, duplicate, mediation,
      description: input.description, address: input.address ?? null, reporterName: input.reporter?.name ?? null,
      county: grid.code.slice(0, 6),
      ipHash: opts.ip ? cipher.lookupHash('ip', opts.ip) : null,
      phoneHash: phone ? cipher.lookupHash('phone', phone) : null,
    };
  }

  private async write(trx: Executor, actor: Actor | null, p: Prepared, takenNumber: string | null, opts: { ip?: string | null }): Promise<EventRow> {
    const { cipher } = this.d;
    const { now, county, category, grid, route, duplicate, channel, location } = p;
    if (channel === 'public') await this.throttle(trx, p.phoneHash, p.ipHash, now);
    const number = takenNumber ?? (await this.nextNumber(trx, county, now));
    const values = {
      county_code: county, grid_code: grid.code, number, tracking_code: trackingCode(), category_code: category.code, channel,
      description: p.description, address: p.address, lng: location.lng, lat: location.lat,
      reporter_name_enc: p.reporterName ? cipher.encrypt(p.reporterName) : null, reporter_phone_enc: p.phone ? cipher.encrypt(p.phone) : null,
      reporter_phone_hash: p.phoneHash, reporter_ip_hash: p.ipHash, status: 'reported', due_at: p.dueAt, warn_at: p.warnAt, stage: 'accept', stage_due_at: p.stageDueAt,
      centre: route.centre, routing_rule_id: route.ruleId, routed_unit_id: route.unitId, receiving_unit_id: route.receivingUnitId, owner_unit_id: route.receivingUnitId,
      is_dispute: p.isDispute, possible_duplicate_of: duplicate?.id ?? null, created_by: actor?.userId ?? null, created_by_name: actor?.displayName ?? null, created_at: now, updated_at: now,
    } as const;
    // The event and the first step of its timeline in one statement: one round trip fewer per intake.
    const event = await trx
      .with('e', (db) => db.insertInto('event').values(values).returningAll())
      .with('t', (db) =>
        db
          .insertInto('event_transition')
          .columns(['county_code', 'event_id', 'at', 'actor_id', 'actor_name', 'action', 'from_status', 'to_status', 'note', 'public_note', 'unit_id'])
          .expression(
            db.selectFrom('e').select([
              'e.county_code', 'e.id', 'e.created_at', 'e.created_by', sql<string>`${actor?.displayName ?? '群众'}::text`.as('actor_name'), sql<string>`'report'`.as('action'),
              sql<null>`null::text`.as('from_status'), 'e.status', sql<string | null>`${duplicate ? `疑似与 ${duplicate.number} 重复` : null}::text`.as('note'),
              sql<string>`'已收到您反映的问题'`.as('public_note'), 'e.receiving_unit_id',
            ]),
          )
          .returning('id'),
      )
      .selectFrom('e')
      .selectAll()
      .executeTakeFirstOrThrow();
    if (p.parties.length > 0) await trx.insertInto('event_party').values(p.parties.map((x) => ({ ...x, county_code: county, event_id: event.id }))).execute();
    if (p.mediation) await this.d.mediation.open(trx, event, p.mediation);
    if (duplicate) await this.d.notifications.toOperators(trx, grid.code, { kind: 'duplicate', eventId: event.id, title: `疑似重复事件 ${number}`, body: p.description.slice(0, 80) });
    await this.d.audit.record(trx, actor ?? { userId: null, username: 'public', ip: opts.ip ?? null }, {
      action: 'event.report', entityType: 'event', entityId: event.id, areaCode: grid.code, after: { number, categoryCode: category.code, channel, duplicateOf: duplicate?.id ?? null },
    });
    return event;
  }

  /** The cached reference tables (categories, rules, limits, policies, units). */
  reference(q: Executor) {
    return this.d.routing.reference.get(q);
  }

  /** Readable numbers SJ-<county>-<yyyymmdd>-<nnnnnn>, one counter row per county and Shanghai day. */
  private async nextNumber(trx: Executor, county: string, now: Date): Promise<string> {
    const day = WorkingCalendar.local(now).date.replace(/-/g, '');
    const counter = await sql<{ last: number }>`
      insert into event_number_counter (county_code, day, last) values (${county}, ${day}, 1)
      on conflict (county_code, day) do update set last = event_number_counter.last + 1
      returning last`.execute(trx);
    return `SJ-${county}-${day}-${String(counter.rows[0]!.last).padStart(6, '0')}`;
  }

  /** Reports without an account are limited per phone per day and per address per hour, across processes. */
  private async throttle(trx: Executor, phoneHash: string | null, ipHash: string | null, now: Date) {
    const { publicPerPhonePerDay, publicPerIpPerHour } = this.d.policy;
    // Serialise reports from the same phone, so two at once cannot both slip under the limit.
    if (phoneHash) await sql`select pg_advisory_xact_lock(hashtext(${phoneHash}))`.execute(trx);
    const count = (col: 'reporter_phone_hash' | 'reporter_ip_hash', hash: string, since: Date) =>
      trx.selectFrom('event').select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('created_at').as('first')]).where('channel', '=', 'public').where(col, '=', hash).where('created_at', '>', since).executeTakeFirstOrThrow();
    if (phoneHash) {
      const r = await count('reporter_phone_hash', phoneHash, new Date(now.getTime() - 86_400_000));
      if (Number(r.n) >= publicPerPhonePerDay) throw rateLimited(Math.ceil((new Date(r.first as Date).getTime() + 86_400_000 - now.getTime()) / 1000));
    }
    if (ipHash) {
      const r = await count('reporter_ip_hash', ipHash, new Date(now.getTime() - 3_600_000));
      if (Number(r.n) >= publicPerIpPerHour) throw rateLimited(Math.ceil((new Date(r.first as Date).getTime() + 3_600_000 - now.getTime()) / 1000));
    }
  }

  /** An open event of the same category within the configured radius and window, nearest first. */
  private async findDuplicate(trx: Executor, categoryCode: string, p: { lng: number; lat: number }, now: Date): Promise<{ id: string; number: string } | null> {
    const { duplicateRadiusMetres: r, duplicateWindowMs } = this.d.policy;
    if (r === 0 || duplicateWindowMs === 0) return null;
    const dLat = r / 111_320;
    const dLng = r / (111_320 * Math.max(0.1, Math.cos((p.lat * Math.PI) / 180)));
    const metres = sql<number>`6371000 * 2 * asin(sqrt(power(sin(radians(lat - ${p.lat}) / 2), 2) + cos(radians(${p.lat})) * cos(radians(lat)) * power(sin(radians(lng - ${p.lng}) / 2), 2)))`;
    const hit = await trx
      .selectFrom('event')
      .select(['id', 'number', metres.as('metres')])
      .where('category_code', '=', categoryCode)
      .where('created_at', '>', new Date(now.getTime() - duplicateWindowMs))
      .where('status', 'not in', ['rejected', 'closed', 'rated'])
      .where('merged_into', 'is', null)
      .where('lat', '>=', p.lat - dLat).where('lat', '<=', p.lat + dLat)
      .where('lng', '>=', p.lng - dLng).where('lng', '<=', p.lng + dLng)
      .orderBy('metres')
      .limit(1)
      .executeTakeFirst();
    return hit && hit.metres <= r ? { id: hit.id, number: hit.number } : null;
  }

  /** The first registry house whose address contains the text, within scope and with a location. */
  private async geocode(trx: Executor, scope: Scope, address: string) {
    const q = address.trim();
    if (q.length < 2) return null;
    const h = await trx
      .selectFrom('house')
      .select(['lng', 'lat'])
      .where(inScope(scope, 'grid_code'))
      .where(containsText(sql.ref('address'), q))
      .where('lng', 'is not', null)
      .limit(1)
      .executeTakeFirst();
    return h && h.lng !== null && h.lat !== null ? { lng: h.lng, lat: h.lat } : null;
  }

  private async checkParties(trx: Executor, actor: Actor | null, parties: NonNullable<NewEventInput['parties']>, problems: FieldProblem[], now: Date) {
    const { cipher } = this.d;
    const rows = [];
    for (const [i, p] of parties.entries()) {
      const phone = p.phone ? normalisePhone(p.phone) : null;
      if (phone && !isValidPhone(phone)) problems.push({ path: `parties.${i}.phone`, key: 'phone_format' });
      const idProblem = p.idNumber ? idNumberProblem(p.idNumber, now) : null;
      if (idProblem) problems.push({ path: `parties.${i}.idNumber`, key: idProblem });
      // A registry link is only accepted for a person the reporting account may see.
      if (p.personId) {
        const person = actor ? await trx.selectFrom('person').select('id').where('id', '=', p.personId).where(inScope(actor.scope, 'grid_code')).executeTakeFirst() : null;
        if (!person) problems.push({ path: `parties.${i}.personId`, key: 'person_unknown' });
      }
      rows.push({
        role: p.role, person_id: p.personId ?? null, name_enc: cipher.encrypt(p.name), phone_enc: phone ? cipher.encrypt(phone) : null,
        id_number_enc: p.idNumber && !idProblem ? cipher.encrypt(normaliseIdNumber(p.idNumber)) : null, created_at: now,
      });
    }
    return rows;
  }
}
