import type { Db } from '../../db/database.js';
import type { Scope } from '../../db/scope.js';
import { creditCodeProblem } from '../../kernel/credit-code.js';
import { isValidPhone, normalisePhone } from '../../kernel/phone.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { conflict, type FieldProblem, invalid, invalidField, notFound } from '../../lib/errors.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import type { AreaService } from '../areas/area.service.js';
import type { ElementHistory } from './element-history.js';
import { gridForLocation } from './household.service.js';
import type { OrganizationRow } from './organization.repository.js';
import * as orgs from './organization.repository.js';
import { findPersonName } from './person.repository.js';

export type OrganizationKind = 'enterprise' | 'social_org' | 'school' | 'hospital' | 'party_org' | 'other';

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
    private readonly areas: AreaService,
  ) {}

  private snapshot(o: OrganizationRow) {
    return {
      name: o.name,
      kind: o.kind,
      creditCode: o.credit_code,
      address: o.address,
      lng: o.lng,
      lat: o.lat,
      gridCode: o.grid_code,
      contactName: o.contact_name,
      contactPhone: o.contact_phone_enc ? this.cipher.decrypt(o.contact_phone_enc) : null,
      employeeCount: o.employee_count,
      status: o.status,
    };
  }

  private check(input: Partial<OrganizationInput>): void {
    const problems: FieldProblem[] = [];
    if (input.creditCode) {
      const p = creditCodeProblem(input.creditCode);
      if (p) problems.push({ path: 'creditCode', key: p });
    }
    if (input.contactPhone && !isValidPhone(input.contactPhone))
      problems.push({ path: 'contactPhone', key: 'phone_format' });
    if (problems.length > 0) throw invalid(problems);
  }

  private phoneColumns(phone: string | null | undefined) {
    if (phone === undefined) return {};
    const p = phone ? normalisePhone(phone) : null;
    return {
      contact_phone_enc: p ? this.cipher.encrypt(p) : null,
      contact_phone_hash: p ? this.cipher.lookupHash('phone', p) : null,
    };
  }

  async create(actor: Actor, input: OrganizationInput, reason: string | null = null) {
    this.check(input);
    const creditCode = input.creditCode?.trim().toUpperCase() || null;
    return this.db.transaction().execute(async (trx) => {
      if (creditCode && (await orgs.creditCodeTaken(trx, creditCode))) throw conflict('credit_code_exists');
      const gridCode = await gridForLocation(this.areas, trx, actor.scope, input);
      const now = this.clock.now();
      const o = await orgs.insertOrganization(trx, {
        county_code: gridCode.slice(0, 6),
        grid_code: gridCode,
        name: input.name,
        kind: input.kind,
        credit_code: creditCode,
        address: input.address,
        lng: input.lng ?? null,
        lat: input.lat ?? null,
        contact_name: input.contactName ?? null,
        ...this.phoneColumns(input.contactPhone ?? null),
        employee_count: input.employeeCount ?? null,
        created_at: now,
        updated_at: now,
      });
      await this.history.record(trx, actor, {
        type: 'organization',
        id: o.id,
        countyCode: o.county_code,
        gridCode,
        version: 1,
        action: 'create',
        before: null,
        after: this.snapshot(o),
        reason,
      });
      return o;
    });
  }

  async update(
    actor: Actor,
    id: string,
    patch: Partial<OrganizationInput> & { status?: 'active' | 'closed' | 'moved_out'; version?: number },
    reason: string | null,
  ) {
    this.check(patch);
    return this.db.transaction().execute(async (trx) => {
      const before = await orgs.findOrganization(trx, actor.scope, id);
      if (!before) throw notFound();
      if (patch.version !== undefined && patch.version !== before.version)
        throw conflict('stale_version', { version: before.version });
      const relocated = patch.lng !== undefined || patch.lat !== undefined || patch.gridCode !== undefined;
      const lng = patch.lng === undefined ? before.lng : patch.lng;
      const lat = patch.lat === undefined ? before.lat : patch.lat;
      const gridCode = relocated
        ? await gridForLocation(this.areas, trx, actor.scope, {
            lng,
            lat,
            gridCode: patch.gridCode ?? before.grid_code,
          })
        : before.grid_code;
      const after = await orgs.updateOrganization(trx, id, {
        name: patch.name ?? before.name,
        kind: patch.kind ?? before.kind,
        address: patch.address ?? before.address,
        lng,
        lat,
        grid_code: gridCode,
        county_code: gridCode.slice(0, 6),
        credit_code: patch.creditCode === undefined ? before.credit_code : patch.creditCode?.toUpperCase() || null,
        contact_name: patch.contactName === undefined ? before.contact_name : patch.contactName,
        ...this.phoneColumns(patch.contactPhone),
        employee_count: patch.employeeCount === undefined ? before.employee_count : patch.employeeCount,
        status: patch.status ?? before.status,
        version: before.version + 1,
        updated_at: this.clock.now(),
      });
      await this.history.record(trx, actor, {
        type: 'organization',
        id,
        countyCode: after.county_code,
        gridCode,
        version: after.version,
        action: gridCode !== before.grid_code ? 'move' : 'update',
        before: this.snapshot(before),
        after: this.snapshot(after),
        reason,
      });
      return after;
    });
  }

  async get(scope: Scope, id: string) {
    const o = await orgs.findOrganization(this.db, scope, id);
    if (!o) throw notFound();
    const [members, timeline] = await Promise.all([
      orgs.listMembers(this.db, id),
      this.history.timeline(this.db, 'organization', id),
    ]);
    return { organization: o, members, timeline };
  }

  list(scope: Scope, gridPrefix: string, opts: { q?: string; kind?: string; limit: number; offset: number }) {
    return orgs.listOrganizations(this.db, scope, gridPrefix, opts);
  }

  /** Located organisations under an area, for the map layer. */
  listLocated(scope: Scope, gridPrefix: string, limit: number) {
    return orgs.listLocatedOrganizations(this.db, scope, gridPrefix, limit);
  }

  async addMember(actor: Actor, organizationId: string, personId: string, role: string) {
    return this.db.transaction().execute(async (trx) => {
      const o = await orgs.findOrganizationVersion(trx, actor.scope, organizationId);
      if (!o) throw notFound();
      const p = await findPersonName(trx, actor.scope, personId);
      if (!p) throw invalidField('personId', 'person_not_found');
      if (await orgs.isActiveMember(trx, organizationId, personId)) throw conflict('member_exists');
      const now = this.clock.now();
      await orgs.insertMember(trx, { countyCode: o.county_code, organizationId, personId, role, startedAt: now });
      const version = await orgs.setOrganizationVersion(trx, organizationId, o.version + 1, now);
      await this.history.record(trx, actor, {
        type: 'organization',
        id: organizationId,
        countyCode: o.county_code,
        gridCode: o.grid_code,
        version,
        action: 'member_add',
        before: null,
        after: { [`member:${p.name}`]: role },
      });
    });
  }
}
