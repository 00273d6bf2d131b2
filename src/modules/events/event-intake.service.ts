import crypto from 'node:crypto';
import type { Db, Executor } from '../../db/database.js';
import type { Centre, EventRow } from '../../db/schema.js';
import { type Scope, UNRESTRICTED } from '../../db/scope.js';
import { idNumberProblem, normaliseIdNumber } from '../../kernel/id-number.js';
import { isValidPhone, normalisePhone } from '../../kernel/phone.js';
import { WorkingCalendar } from '../../kernel/working-calendar.js';
import type { Clock } from '../../lib/clock.js';
import type { EventPolicy } from '../../lib/config.js';
import type { Actor } from '../../lib/context.js';
import { type FieldProblem, invalid, rateLimited } from '../../lib/errors.js';
import { GroupCommit } from '../../lib/group-commit.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import type { AreaService } from '../areas/area.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { MediationService } from '../mediation/mediation.service.js';
import type { RoutingService } from '../routing/routing.service.js';
import type { DeadlinePolicy } from './deadline-policy.js';
import type { Duplicate, DuplicateKey } from './event-intake.repository.js';
import * as repo from './event-intake.repository.js';
import type { NotificationService, SmsChannel } from './notification.service.js';

export type Channel = EventRow['channel'];
export type PartyRole = 'reporter' | 'applicant' | 'respondent' | 'other';

export interface NewEventInput {
  categoryCode: string;
  description: string;
  /** Where it happened; without it the address is looked up among the registry's houses. */
  location?: { lng: number; lat: number } | null;
  address?: string | null;
  reporter?: { name?: string | null; phone?: string | null } | null;
  parties?: Array<{
    role: PartyRole;
    name: string;
    phone?: string | null;
    idNumber?: string | null;
    personId?: string | null;
  }>;
  channel?: Channel;
}

type Prepared = Awaited<ReturnType<EventIntakeService['prepare']>>;
/** An intake checked and ready to write. */
interface Pending {
  actor: Actor | null;
  p: Prepared;
  ip: string | null;
}

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
  /** Grids by point, on the pool or inside the intake's transaction. */
  areas: AreaService;
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

interface GridKey {
  prefix: string;
  lng: number;
  lat: number;
}

/**
 * One door: every channel (desk, grid worker's phone, hotline, public page, API, a visit finding)
 * lands here and becomes the same record, routed, numbered and with its deadlines set. Intakes that
 * are ready together are written in one transaction (group commit). The per-county counter rows and
 * the audit chain heads are the only rows intakes contend for, so they are held as briefly as possible.
 */
export class EventIntakeService {
  /** Intakes arriving while others are being written go together in the next transaction (group commit). */
  private readonly writer: GroupCommit<Pending, EventRow>;

  /**
   * The grid of each intake and an earlier open report of the same thing nearby are looked up for every intake: those
   * asked while a lookup is running go together in the next statement, as the writes do.
   */
  private readonly grids: GroupCommit<GridKey, Awaited<ReturnType<AreaService['locate']>>>;
  private readonly duplicates: GroupCommit<DuplicateKey, Duplicate | null>;

  constructor(private readonly d: IntakeDeps) {
    this.grids = new GroupCommit({
      maxBatch: 64,
      maxConcurrent: 1,
      writeMany: (keys) => d.areas.locateMany('grid', keys, d.db),
      writeOne: async (key) => (await d.areas.locateMany('grid', [key], d.db))[0],
    });
    this.duplicates = new GroupCommit({
      maxBatch: 64,
      maxConcurrent: 1,
      writeMany: (keys) => repo.findDuplicates(d.db, keys, d.policy.duplicateRadiusMetres),
      writeOne: async (key) => (await repo.findDuplicates(d.db, [key], d.policy.duplicateRadiusMetres))[0]!,
    });
    this.writer = new GroupCommit<Pending, EventRow>({
      maxBatch: 64,
      // One transaction in flight per process: the next group gathers while it commits. Two in flight halved the
      // groups and cost a fifth more CPU an event (bench/event-intake.ts).
      maxConcurrent: 1,
      writeMany: (items) => this.writeNew(items),
      writeOne: (item) => this.writeNew([item]).then((r) => r[0]!),
    });
  }

  /** How intakes were grouped into transactions since start. */
  get groupStats() {
    return this.writer.stats;
  }

  /** Intakes checked and waiting for their group's transaction. */
  get queuedWrites(): number {
    return this.writer.queued;
  }

  /** Holds checked intakes until the returned function is called (tests: a group of a known size). */
  holdWrites(): () => void {
    return this.writer.hold();
  }

  /** How the grid and duplicate lookups of intakes on the pool were gathered into statements since start. */
  get lookupStats() {
    return { grids: this.grids.stats, duplicates: this.duplicates.stats };
  }

  /** Lookups asked and not yet begun. */
  get queuedLookups(): number {
    return this.grids.queued + this.duplicates.queued;
  }

  /** Holds new lookups until the returned function is called (tests: one statement for a known set of intakes). */
  holdLookups(): () => void {
    const release = [this.grids.hold(), this.duplicates.hold()];
    return () => {
      for (const r of release) r();
    };
  }

  /**
   * Everything that only reads (validation, grid, route, deadlines, duplicate, mediation plan) runs on
   * the pool before the transaction opens; the writes then join the next group commit. Reading on the
   * pool while a transaction held a connection could exhaust the pool under load and deadlock every intake.
   */
  async create(actor: Actor | null, input: NewEventInput, opts: { ip?: string | null } = {}): Promise<EventRow> {
    const p = await this.prepare(this.d.db, actor, input, opts);
    const item: Pending = { actor, p, ip: opts.ip ?? null };
    // A report without an account is throttled per phone inside its own transaction, so it goes alone.
    const e = p.channel === 'public' ? (await this.writeNew([item]))[0]! : await this.writer.submit(item);
    // After the commit: a text for a report that rolled back would send the resident a dead code.
    if (p.phone)
      await this.d.sms
        .send(p.phone, `【枫桥】您反映的问题已登记,编号${e.number},查询码${e.tracking_code}。`)
        .catch(() => {});
    return e;
  }

  /** Intake inside the caller's transaction (a visit finding handed off becomes an event with the visit). */
  async createIn(
    trx: Executor,
    actor: Actor | null,
    input: NewEventInput,
    opts: { ip?: string | null } = {},
  ): Promise<EventRow> {
    const p = await this.prepare(trx, actor, input, opts);
    return (await this.write(trx, [{ actor, p, ip: opts.ip ?? null }], null))[0]!;
  }

  /**
   * New intakes in one transaction. On PostgreSQL the readable numbers are taken in their own statement first, so
   * the counter rows are locked for one statement, not the whole transaction; a failed write then leaves a gap in the
   * day's numbers, as a sequence would. PGlite has one connection, so there they are taken inside. A refused public
   * report must not use up a number, so it numbers inside too.
   */
  private async writeNew(items: Pending[]): Promise<EventRow[]> {
    const { db } = this.d;
    const outside = this.d.numberOutsideTransaction && items.every((i) => i.p.channel !== 'public');
    const numbers = outside
      ? await this.nextNumbers(
          db,
          items.map((i) => i.p),
        )
      : null;
    return db.transaction().execute((trx) => this.write(trx, items, numbers));
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
    if (!category || category.parent_code === null)
      problems.push({ path: 'categoryCode', key: 'event_category_unknown' });
    // A resident on the public page has no scope: any grid of the installation will do.
    const scope: Scope = actor?.scope ?? UNRESTRICTED;
    const location = input.location ?? (input.address ? await this.geocode(q, scope, input.address) : null);
    // The grid and an earlier report of the same thing nearby are independent reads: they go together.
    const [grid, duplicate] = location
      ? await this.lookUp(q, scope, location, category?.code ?? null, now)
      : [null, null];
    if (!grid)
      problems.push({
        path: 'location',
        key: input.location || !input.address ? 'location_outside_grids' : 'address_not_found',
      });
    if (problems.length > 0 || !grid || !category || !location) throw invalid(problems);

    const channel = input.channel ?? (actor ? 'api' : 'public');
    const isDispute = category.code.startsWith('01');
    const { dueAt, warnAt } = this.d.deadlines.eventDeadline(now, category.limit_working_days);
    const [route, stageDueAt, mediation] = await Promise.all([
      this.d.routing.route(q, category.code, grid.code, category.centre as Centre, ref),
      this.d.deadlines.stageDue(q, category.code, 'accept', now, dueAt, ref),
      isDispute ? this.d.mediation.plan(q, grid.code, ref) : null,
    ]);
    return {
      now,
      phone,
      parties,
      category,
      location,
      grid,
      channel,
      isDispute,
      dueAt,
      warnAt,
      route,
      stageDueAt,
      duplicate,
      mediation,
      description: input.description,
      address: input.address ?? null,
      reporterName: input.reporter?.name ?? null,
      county: grid.code.slice(0, 6),
      ipHash: opts.ip ? cipher.lookupHash('ip', opts.ip) : null,
      phoneHash: phone ? cipher.lookupHash('phone', phone) : null,
    };
  }

  /** The events, their first timeline steps, parties, mediation cases, notices and audit rows: a statement each for all. */
  private async write(trx: Executor, items: Pending[], takenNumbers: string[] | null): Promise<EventRow[]> {
    const { cipher } = this.d;
    for (const { p } of items) if (p.channel === 'public') await this.throttle(trx, p.phoneHash, p.ipHash, p.now);
    const numbers =
      takenNumbers ??
      (await this.nextNumbers(
        trx,
        items.map((i) => i.p),
      ));
    const values = items.map(({ actor, p }, i) => ({
      county_code: p.county,
      grid_code: p.grid.code,
      number: numbers[i]!,
      tracking_code: trackingCode(),
      category_code: p.category.code,
      channel: p.channel,
      description: p.description,
      address: p.address,
      lng: p.location.lng,
      lat: p.location.lat,
      reporter_name_enc: p.reporterName ? cipher.encrypt(p.reporterName) : null,
      reporter_phone_enc: p.phone ? cipher.encrypt(p.phone) : null,
      reporter_phone_hash: p.phoneHash,
      reporter_ip_hash: p.ipHash,
      status: 'reported' as const,
      due_at: p.dueAt,
      warn_at: p.warnAt,
      stage: 'accept' as const,
      stage_due_at: p.stageDueAt,
      centre: p.route.centre,
      routing_rule_id: p.route.ruleId,
      routed_unit_id: p.route.unitId,
      receiving_unit_id: p.route.receivingUnitId,
      owner_unit_id: p.route.receivingUnitId,
      is_dispute: p.isDispute,
      possible_duplicate_of: p.duplicate?.id ?? null,
      created_by: actor?.userId ?? null,
      created_by_name: actor?.displayName ?? null,
      created_at: p.now,
      updated_at: p.now,
    }));
    // The events and the first steps of their timelines in one statement.
    const inserted = await repo.insertEventsWithFirstSteps(trx, values);
    // RETURNING promises no order: each event is found by its tracking code.
    const byCode = new Map(inserted.map((e) => [e.tracking_code, e]));
    const events = values.map((v) => byCode.get(v.tracking_code)!);
    const parties = items.flatMap(({ p }, i) =>
      p.parties.map((x) => ({ ...x, county_code: p.county, event_id: events[i]!.id })),
    );
    if (parties.length > 0) await repo.insertParties(trx, parties);
    await this.d.mediation.openMany(
      trx,
      items.flatMap(({ p }, i) => (p.mediation ? [{ event: events[i]!, plan: p.mediation }] : [])),
    );
    for (const [i, { p }] of items.entries()) {
      if (p.duplicate)
        await this.d.notifications.toOperators(trx, p.grid.code, {
          kind: 'duplicate',
          eventId: events[i]!.id,
          title: `疑似重复事件 ${numbers[i]}`,
          body: p.description.slice(0, 80),
        });
    }
    await this.d.audit.recordEach(
      trx,
      items.map(({ actor, p, ip }, i) => ({
        actor: actor ?? { userId: null, username: 'public', ip },
        entry: {
          action: 'event.report',
          entityType: 'event',
          entityId: events[i]!.id,
          areaCode: p.grid.code,
          after: {
            number: numbers[i],
            categoryCode: p.category.code,
            channel: p.channel,
            duplicateOf: p.duplicate?.id ?? null,
          },
        },
      })),
    );
    return events;
  }

  /** The cached reference tables (categories, rules, limits, policies, units). */
  reference(q: Executor) {
    return this.d.routing.reference.get(q);
  }

  /**
   * Readable numbers SJ-<county>-<yyyymmdd>-<nnnnnn>, one counter row per county and Shanghai day, for many
   * intakes in one statement: each row moves by its count, and the rows are taken in key order so two such
   * statements cannot deadlock.
   */
  private async nextNumbers(q: Executor, list: ReadonlyArray<{ county: string; now: Date }>): Promise<string[]> {
    // A key is the county (6 digits) and the Shanghai day (8): both fixed-width, so the key alone says both.
    const keys = list.map(({ county, now }) => county + WorkingCalendar.local(now).date.replace(/-/g, ''));
    const counts = new Map<string, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    const sorted = [...counts.keys()].sort();
    const rows = await repo.advanceNumberCounters(q, {
      counties: sorted.map((k) => k.slice(0, 6)),
      days: sorted.map((k) => k.slice(6)),
      counts: sorted.map((k) => counts.get(k)!),
    });
    // Each key's numbers run up to its new last, handed out in the intakes' order.
    const next = new Map(rows.map((x) => [x.county_code + x.day, x.last - counts.get(x.county_code + x.day)! + 1]));
    return keys.map((k) => {
      const n = next.get(k)!;
      next.set(k, n + 1);
      return `SJ-${k.slice(0, 6)}-${k.slice(6)}-${String(n).padStart(6, '0')}`;
    });
  }

  /** Reports without an account are limited per phone per day and per address per hour, across processes. */
  private async throttle(trx: Executor, phoneHash: string | null, ipHash: string | null, now: Date) {
    const { publicPerPhonePerDay, publicPerIpPerHour } = this.d.policy;
    // Serialise reports from the same phone, so two at once cannot both slip under the limit.
    if (phoneHash) await repo.lockReporterPhone(trx, phoneHash);
    const count = (col: 'reporter_phone_hash' | 'reporter_ip_hash', hash: string, since: Date) =>
      repo.countPublicReports(trx, col, hash, since);
    if (phoneHash) {
      const r = await count('reporter_phone_hash', phoneHash, new Date(now.getTime() - 86_400_000));
      if (Number(r.n) >= publicPerPhonePerDay)
        throw rateLimited(Math.ceil((new Date(r.first as Date).getTime() + 86_400_000 - now.getTime()) / 1000));
    }
    if (ipHash) {
      const r = await count('reporter_ip_hash', ipHash, new Date(now.getTime() - 3_600_000));
      if (Number(r.n) >= publicPerIpPerHour)
        throw rateLimited(Math.ceil((new Date(r.first as Date).getTime() + 3_600_000 - now.getTime()) / 1000));
    }
  }

  /** The grid and a possible duplicate: gathered with other intakes' on the pool, asked alone inside a caller's transaction. */
  private lookUp(q: Executor, scope: Scope, at: { lng: number; lat: number }, categoryCode: string | null, now: Date) {
    const { duplicateRadiusMetres: r, duplicateWindowMs } = this.d.policy;
    const gridKey: GridKey = { prefix: scope.prefix, lng: at.lng, lat: at.lat };
    const dupKey: DuplicateKey | null =
      categoryCode && r > 0 && duplicateWindowMs > 0
        ? { categoryCode, lng: at.lng, lat: at.lat, since: new Date(now.getTime() - duplicateWindowMs) }
        : null;
    const pooled = q === this.d.db;
    return Promise.all([
      pooled ? this.grids.submit(gridKey) : this.d.areas.locate(scope, at.lng, at.lat, 'grid', q),
      dupKey === null
        ? null
        : pooled
          ? this.duplicates.submit(dupKey)
          : repo.findDuplicates(q, [dupKey], r).then((x) => x[0]!),
    ]);
  }

  /** The first registry house whose address contains the text, within scope and with a location. */
  private async geocode(trx: Executor, scope: Scope, address: string) {
    const q = address.trim();
    if (q.length < 2) return null;
    const h = await repo.findHouseLocation(trx, scope, q);
    return h && h.lng !== null && h.lat !== null ? { lng: h.lng, lat: h.lat } : null;
  }

  private async checkParties(
    trx: Executor,
    actor: Actor | null,
    parties: NonNullable<NewEventInput['parties']>,
    problems: FieldProblem[],
    now: Date,
  ) {
    const { cipher } = this.d;
    const rows = [];
    for (const [i, p] of parties.entries()) {
      const phone = p.phone ? normalisePhone(p.phone) : null;
      if (phone && !isValidPhone(phone)) problems.push({ path: `parties.${i}.phone`, key: 'phone_format' });
      const idProblem = p.idNumber ? idNumberProblem(p.idNumber, now) : null;
      if (idProblem) problems.push({ path: `parties.${i}.idNumber`, key: idProblem });
      // A registry link is only accepted for a person the reporting account may see.
      if (p.personId) {
        const person = actor ? await repo.findPersonInScope(trx, actor.scope, p.personId) : null;
        if (!person) problems.push({ path: `parties.${i}.personId`, key: 'person_unknown' });
      }
      rows.push({
        role: p.role,
        person_id: p.personId ?? null,
        name_enc: cipher.encrypt(p.name),
        phone_enc: phone ? cipher.encrypt(phone) : null,
        id_number_enc: p.idNumber && !idProblem ? cipher.encrypt(normaliseIdNumber(p.idNumber)) : null,
        created_at: now,
      });
    }
    return rows;
  }
}
