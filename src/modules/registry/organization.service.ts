import type { Db } from '../../db/database.js';
import type { Selectable } from 'kysely';
import type { OrganizationTable } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';
import { containsText, nameAndAddress } from '../../db/text-search.js';
import { creditCodeProblem } from '../../kernel/credit-code.js';
import { isValidPhone, normalisePhone } from '../../kernel/phone.js';
import type { Clock } from '../../lib/clock.js';
import { maskPhone, type PersonalDataCipher } from '../../lib/personal-data.js';
import type { Actor } from '../../lib/context.js';
import type { ElementHistory } from './element-history.js';
import { conflict, type FieldProblem, invalid, invalidField, notFound } from '../../lib/errors.js';
import { gridForLocation } from './household.service.js';

export type OrganizationKind = 'enterprise' | 'social_org' | 'school' | 'hospital' | 'party_org' | 'other';
type OrganizationRow = Selectable<OrganizationTable>;

export interface OrganizationInput {
  name: string;
  kind: OrganizationKind;
  creditCode?: string | null;
  address: string;
  lng?: number | null;
  lat?: number | null;
  gridCode?: string;
  contactName?: string | null;
  contactPhone?: string | null;
  employeeCount?: number | null;
}

export class OrganizationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly history: ElementHistory,
    private readonly cipher: PersonalDataCipher,
  ) {}

  private snapshot(o: OrganizationRow) {
    return {
      name: o.name, kind: o.kind, creditCode: o.credit_code, address: o.address, lng: o.lng, lat: o.lat, gridCode: o.grid_code, contactName: o.contact_name,
      contactPhone: o.contact_phone_enc ? this.cipher.decrypt(o.contact_phone_enc) : null, employeeCount: o.employee_count, status: o.status,
    };
  }

  view(o: OrganizationRow) {
    return {
      id: o.id, name: o.name, kind: o.kind, creditCode: o.credit_code, address: o.address, lng: o.lng, lat: o.lat, gridCode: o.grid_code,
      contactName: o.contact_name, contactPhoneMasked: o.contact_phone_enc ? maskPhone(this.cipher.decrypt(o.contact_phone_enc)) : null,
      employeeCount: o.employee_count, status: o.status, version: o.version,
    };
  }

  private check(input: Partial<OrganizationInput>): void {
    const problems: FieldProblem[] = [];
    if (input.creditCode) {
      const p = creditCodeProblem(input.creditCode);
      if (p) problems.push({ path: 'creditCode', key: p });
    }
    if (input.contactPhone && !isValidPhone(input.contactPhone)) problems.push({ path: 'contactPhone', key: 'phone_format' });
    if (problems.length > 0) throw invalid(problems);
  }

  private phoneColumns(phone: string | null | undefined) {
    if (phone === undefined) return {};
    const p = phone ? normalisePhone(phone) : null;
    return { contact_phone_enc: p ? this.cipher.encrypt(p) : null, contact_phone_hash: p ? this.cipher.lookupHash('phone', p) : null };
  }

  async create(actor: Actor, input: OrganizationInput, reason: string | null = null) {
    this.check(input);
    const creditCode = input.creditCode?.trim().toUpperCase() || null;
    return this.db.transaction().execute(async (trx) => {
      if (creditCode && (await trx.selectFrom('organization').select('id').where('credit_code', '=', creditCode).executeTakeFirst())) throw conflict('credit_code_exists');
      const gridCode = await gridForLocation(trx, actor.scope, input);
      const now = this.clock.now();
      const o = await trx
        .insertInto('organization')
        .values({
          county_code: gridCode.slice(0, 6), grid_code: gridCode, name: input.name, kind: input.kind, credit_code: creditCode, address: input.address,
          lng: input.lng ?? null, lat: input.lat ?? null, contact_name: input.contactName ?? null, ...this.phoneColumns(input.contactPhone ?? null),
          employee_count: input.employeeCount ?? null, created_at: now, updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.history.record(trx, actor, { type: 'organization', id: o.id, countyCode: o.county_code, gridCode, version: 1, action: 'create', before: null, after: this.snapshot(o), reason });
      return o;
    });
  }

  async update(actor: Actor, id: string, patch: Partial<OrganizationInput> & { status?: 'active' | 'closed' | 'moved_out'; version?: number }, reason: string | null) {
    this.check(patch);
    return this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('organization').selectAll().where('id', '=', id).where(inScope(actor.scope, 'grid_code')).executeTakeFirst();
      if (!before) throw notFound();
      if (patch.version !== undefined && patch.version !== before.version) throw conflict('stale_version', { version: before.version });
      const relocated = patch.lng !== undefined || patch.lat !== undefined || patch.gridCode !== undefined;
      const lng = patch.lng === undefined ? before.lng : patch.lng;
      const lat = patch.lat === undefined ? before.lat : patch.lat;
      const gridCode = relocated ? await gridForLocation(trx, actor.scope, { lng, lat, gridCode: patch.gridCode ?? before.grid_code }) : before.grid_code;
      const after = await trx
        .updateTable('organization')
        .set({
          name: patch.name ?? before.name, kind: patch.kind ?? before.kind, address: patch.address ?? before.address, lng, lat, grid_code: gridCode, county_code: gridCode.slice(0, 6),
          credit_code: patch.creditCode === undefined ? before.credit_code : patch.creditCode?.toUpperCase() || null,
          contact_name: patch.contactName === undefined ? before.contact_name : patch.contactName, ...this.phoneColumns(patch.contactPhone),
          employee_count: patch.employeeCount === undefined ? before.employee_count : patch.employeeCount, status: patch.status ?? before.status,
          version: before.version + 1, updated_at: this.clock.now(),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.history.record(trx, actor, {
        type: 'organization', id, countyCode: after.county_code, gridCode, version: after.version, action: gridCode !== before.grid_code ? 'move' : 'update',
        before: this.snapshot(before), after: this.snapshot(after), reason,
      });
      return after;
    });
  }

  async get(scope: Scope, id: string) {
    const o = await this.db.selectFrom('organization').selectAll().where('id', '=', id).where(inScope(scope, 'grid_code')).executeTakeFirst();
    if (!o) throw notFound();
    const [members, timeline] = await Promise.all([
      this.db
        .selectFrom('organization_member as m')
        .innerJoin('person as p', 'p.id', 'm.person_id')
        .select(['m.id', 'm.role', 'm.started_at', 'p.id as person_id', 'p.name'])
        .where('m.organization_id', '=', id)
        .where('m.ended_at', 'is', null)
        .orderBy('p.name')
        .execute(),
      this.history.timeline(this.db, 'organization', id),
    ]);
    return { organization: this.view(o), members, timeline };
  }

  async list(scope: Scope, gridPrefix: string, opts: { q?: string; kind?: string; limit: number; offset: number }) {
    let q = this.db.selectFrom('organization').selectAll().where(inScope(scope, 'grid_code')).where('grid_code', 'like', `${gridPrefix}%`);
    if (opts.kind) q = q.where('kind', '=', opts.kind);
    if (opts.q) q = q.where(containsText(nameAndAddress(), opts.q));
    return (await q.orderBy('name').orderBy('id').limit(opts.limit).offset(opts.offset).execute()).map((o) => this.view(o));
  }

  /** Located organisations under an area, for the map layer. */
  listLocated(scope: Scope, gridPrefix: string, limit: number) {
    return this.db
      .selectFrom('organization')
      .select(['id', 'name', 'kind', 'status', 'grid_code', 'lng', 'lat', 'version'])
      .where(inScope(scope, 'grid_code'))
      .where('grid_code', 'like', `${gridPrefix}%`)
      .where('lng', 'is not', null)
      .where('lat', 'is not', null)
      .orderBy('name')
      .limit(limit)
      .execute() as Promise<Array<{ id: string; name: string; kind: string; status: string; grid_code: string; lng: number; lat: number; version: number }>>;
  }

  async addMember(actor: Actor, organizationId: string, personId: string, role: string) {
    return this.db.transaction().execute(async (trx) => {
      const o = await trx.selectFrom('organization').select(['id', 'county_code', 'grid_code', 'version']).where('id', '=', organizationId).where(inScope(actor.scope, 'grid_code')).executeTakeFirst();
      if (!o) throw notFound();
      const p = await trx.selectFrom('person').select(['id', 'name']).where('id', '=', personId).where(inScope(actor.scope, 'grid_code')).executeTakeFirst();
      if (!p) throw invalidField('personId', 'person_not_found');
      const existing = await trx.selectFrom('organization_member').select('id').where('organization_id', '=', organizationId).where('person_id', '=', personId).where('ended_at', 'is', null).executeTakeFirst();
      if (existing) throw conflict('member_exists');
      const now = this.clock.now();
      await trx.insertInto('organization_member').values({ county_code: o.county_code, organization_id: organizationId, person_id: personId, role, started_at: now }).execute();
      const v = await trx.updateTable('organization').set({ version: o.version + 1, updated_at: now }).where('id', '=', organizationId).returning('version').executeTakeFirstOrThrow();
      await this.history.record(trx, actor, { type: 'organization', id: organizationId, countyCode: o.county_code, gridCode: o.grid_code, version: v.version, action: 'member_add', before: null, after: { [`member:${p.name}`]: role } });
    });
  }
}
