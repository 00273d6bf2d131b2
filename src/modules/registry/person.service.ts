import type { Db, Executor } from '../../db/database.js';
import type { PersonRow } from '../../db/schema.js';
import type { Scope } from '../../db/scope.js';
import { idNumberFacts, idNumberProblem, normaliseIdNumber } from '../../kernel/id-number.js';
import { isValidPhone, normalisePhone } from '../../kernel/phone.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { conflict, type FieldProblem, forbidden, invalid, invalidField, notFound } from '../../lib/errors.js';
import { idTailHash, type PersonalDataCipher } from '../../lib/personal-data.js';
import type { AreaService } from '../areas/area.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ElementHistory } from './element-history.js';
import { findHousePlace } from './house.repository.js';
import { findHouseholdGrid, setHouseholdHead } from './household.repository.js';
import * as people from './person.repository.js';
import { listTags, moveActiveTags } from './person-tag.repository.js';
import { may } from './registry.policy.js';
import { type BulkPerson, bulkInsertPeople, linkHouseholdHeads } from './registry-bulk.repository.js';

export type { BulkPerson };
export type BulkMeta = Parameters<typeof bulkInsertPeople>[3];

export type RegistrationType = 'registered' | 'floating' | 'overseas';
export type PersonStatus = 'present' | 'moved_out' | 'deceased';

export interface PersonInput {
  name: string;
  idNumber: string;
  /** When given, must agree with what the ID number says. */
  birthDate?: string;
  sex?: 'male' | 'female';
  ethnicity?: string;
  phone?: string | null;
  registrationType: RegistrationType;
  gridCode?: string;
  householdId?: string | null;
  relationToHead?: string | null;
  houseId?: string | null;
}

export type PersonPatch = Partial<Omit<PersonInput, 'idNumber' | 'birthDate' | 'sex' | 'gridCode'>> & {
  version?: number;
};

/** The record as the timeline sees it (API field names; personal fields are masked in the diff). */
function snapshot(p: PersonRow, idNumber: string, phone: string | null) {
  return {
    name: p.name,
    idNumber,
    phone,
    ethnicity: p.ethnicity,
    registrationType: p.registration_type,
    gridCode: p.grid_code,
    householdId: p.household_id,
    relationToHead: p.relation_to_head,
    houseId: p.house_id,
    status: p.status,
  };
}

export class PersonService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly history: ElementHistory,
    private readonly cipher: PersonalDataCipher,
    private readonly areas: AreaService,
  ) {}

  /** Validates the ID number and phone and collects every field problem at once. */
  private checkIdentity(input: Pick<PersonInput, 'idNumber' | 'birthDate' | 'sex' | 'phone'>): FieldProblem[] {
    const problems: FieldProblem[] = [];
    const idProblem = idNumberProblem(input.idNumber, this.clock.now());
    if (idProblem) problems.push({ path: 'idNumber', key: idProblem });
    else {
      const facts = idNumberFacts(input.idNumber);
      if (input.birthDate && input.birthDate !== facts.birthDate)
        problems.push({ path: 'birthDate', key: 'birth_date_mismatch', params: { expected: facts.birthDate } });
      if (input.sex && input.sex !== facts.sex) problems.push({ path: 'sex', key: 'sex_mismatch' });
    }
    if (input.phone && !isValidPhone(input.phone)) problems.push({ path: 'phone', key: 'phone_format' });
    return problems;
  }

  /** Where a person lives decides the grid: the household's, else the house's, else the given grid. */
  private async resolveGrid(
    trx: Executor,
    scope: Scope,
    input: { gridCode?: string; householdId?: string | null; houseId?: string | null },
  ): Promise<string> {
    if (input.householdId) {
      const h = await findHouseholdGrid(trx, scope, input.householdId);
      if (!h) throw invalidField('householdId', 'household_not_found');
      return h.grid_code;
    }
    if (input.houseId) {
      const h = await findHousePlace(trx, scope, input.houseId);
      if (!h) throw invalidField('houseId', 'house_not_found');
      return h.grid_code;
    }
    if (!input.gridCode) throw invalidField('gridCode', 'required');
    const grid = await this.areas.find(scope, input.gridCode, trx);
    if (!grid || grid.level !== 'grid' || grid.status !== 'active') throw invalidField('gridCode', 'grid_required');
    return grid.code;
  }

  async create(actor: Actor, input: PersonInput, reason: string | null = null) {
    const problems = this.checkIdentity(input);
    if (problems.length > 0) throw invalid(problems);
    const idNumber = normaliseIdNumber(input.idNumber);
    const phone = input.phone ? normalisePhone(input.phone) : null;
    const facts = idNumberFacts(idNumber);
    const idHash = this.cipher.lookupHash('id_number', idNumber);

    return this.db.transaction().execute(async (trx) => {
      if (await people.findPersonIdByIdHash(trx, idHash)) throw conflict('id_number_exists');
      const gridCode = await this.resolveGrid(trx, actor.scope, input);
      const now = this.clock.now();
      const row = await people.insertPerson(trx, {
        county_code: gridCode.slice(0, 6),
        grid_code: gridCode,
        name: input.name,
        id_number_enc: this.cipher.encrypt(idNumber),
        id_number_hash: idHash,
        id_tail_hash: idTailHash(this.cipher, idNumber),
        birth_date: facts.birthDate,
        sex: facts.sex,
        ethnicity: input.ethnicity ?? '汉族',
        phone_enc: phone ? this.cipher.encrypt(phone) : null,
        phone_hash: phone ? this.cipher.lookupHash('phone', phone) : null,
        phone_tail: phone ? phone.slice(-4) : null,
        registration_type: input.registrationType,
        household_id: input.householdId ?? null,
        relation_to_head: input.relationToHead ?? null,
        house_id: input.houseId ?? null,
        created_at: now,
        updated_at: now,
      });
      if (input.householdId && input.relationToHead === '户主') await setHouseholdHead(trx, input.householdId, row.id);
      await this.history.record(trx, actor, {
        type: 'person',
        id: row.id,
        countyCode: row.county_code,
        gridCode,
        version: 1,
        action: 'create',
        before: null,
        after: snapshot(row, idNumber, phone),
        reason,
      });
      return row;
    });
  }

  async update(actor: Actor, id: string, patch: PersonPatch, reason: string | null) {
    if (patch.phone && !isValidPhone(patch.phone)) throw invalidField('phone', 'phone_format');
    return this.db.transaction().execute(async (trx) => {
      const before = await people.findPerson(trx, actor.scope, id);
      if (!before) throw notFound();
      if (patch.version !== undefined && patch.version !== before.version)
        throw conflict('stale_version', { version: before.version });
      const phone = patch.phone === undefined ? undefined : patch.phone ? normalisePhone(patch.phone) : null;
      const householdId = patch.householdId === undefined ? before.household_id : patch.householdId;
      const houseId = patch.houseId === undefined ? before.house_id : patch.houseId;
      // A new household or house may sit in another grid: the person follows it (a move within scope).
      const gridCode =
        householdId !== before.household_id || houseId !== before.house_id
          ? await this.resolveGrid(trx, actor.scope, { householdId, houseId, gridCode: before.grid_code })
          : before.grid_code;
      const now = this.clock.now();
      const after = await people.updatePerson(trx, id, {
        name: patch.name ?? before.name,
        ethnicity: patch.ethnicity ?? before.ethnicity,
        registration_type: patch.registrationType ?? before.registration_type,
        relation_to_head: patch.relationToHead === undefined ? before.relation_to_head : patch.relationToHead,
        household_id: householdId,
        house_id: houseId,
        grid_code: gridCode,
        county_code: gridCode.slice(0, 6),
        ...(phone === undefined
          ? {}
          : {
              phone_enc: phone ? this.cipher.encrypt(phone) : null,
              phone_hash: phone ? this.cipher.lookupHash('phone', phone) : null,
              phone_tail: phone ? phone.slice(-4) : null,
            }),
        version: before.version + 1,
        updated_at: now,
      });
      if (gridCode !== before.grid_code) await moveActiveTags(trx, id, gridCode);
      const idNumber = this.cipher.decrypt(before.id_number_enc);
      const oldPhone = before.phone_enc ? this.cipher.decrypt(before.phone_enc) : null;
      const changes = await this.history.record(trx, actor, {
        type: 'person',
        id,
        countyCode: after.county_code,
        gridCode,
        version: after.version,
        action: gridCode !== before.grid_code ? 'move' : 'update',
        before: snapshot(before, idNumber, oldPhone),
        after: snapshot(after, idNumber, phone === undefined ? oldPhone : phone),
        reason,
      });
      return { person: after, changes };
    });
  }

  /**
   * 迁入/迁出 and deaths. A move to another grid keeps the record and its history; a person who left
   * the scope entirely is marked moved_out rather than deleted.
   */
  async changeStatus(actor: Actor, id: string, to: { status?: PersonStatus; gridCode?: string }, reason: string) {
    return this.db.transaction().execute(async (trx) => {
      const before = await people.findPerson(trx, actor.scope, id);
      if (!before) throw notFound();
      let gridCode = before.grid_code;
      if (to.gridCode) {
        const grid = await this.areas.find(actor.scope, to.gridCode, trx);
        if (!grid || grid.level !== 'grid' || grid.status !== 'active') throw invalidField('gridCode', 'grid_required');
        gridCode = grid.code;
      }
      const status = to.status ?? before.status;
      const movedHome = gridCode !== before.grid_code;
      const after = await people.updatePerson(trx, id, {
        status,
        grid_code: gridCode,
        county_code: gridCode.slice(0, 6),
        version: before.version + 1,
        updated_at: this.clock.now(),
        // Moving to another grid leaves the old household and house behind.
        ...(movedHome ? { household_id: null, house_id: null, relation_to_head: null } : {}),
      });
      if (movedHome) await moveActiveTags(trx, id, gridCode);
      const idNumber = this.cipher.decrypt(before.id_number_enc);
      const phone = before.phone_enc ? this.cipher.decrypt(before.phone_enc) : null;
      await this.history.record(trx, actor, {
        type: 'person',
        id,
        countyCode: after.county_code,
        gridCode,
        version: after.version,
        action: movedHome ? 'move' : 'status',
        before: snapshot(before, idNumber, phone),
        after: snapshot(after, idNumber, phone),
        reason,
      });
      return after;
    });
  }

  async get(scope: Scope, id: string) {
    const p = await people.findPerson(this.db, scope, id);
    if (!p) throw notFound();
    const [tags, timeline] = await Promise.all([
      listTags(this.db, id, true),
      this.history.timeline(this.db, 'person', id),
    ]);
    return { person: p, tags, timeline };
  }

  /** The full ID number or phone, for an actor who may see it; each view is audited. */
  async reveal(actor: Actor, id: string, field: 'idNumber' | 'phone'): Promise<string | null> {
    if (!may(actor, 'seeFullPersonalData')) throw forbidden();
    return this.db.transaction().execute(async (trx) => {
      const p = await people.findPerson(trx, actor.scope, id);
      if (!p) throw notFound();
      await this.audit.record(trx, actor, {
        action: 'personal.read',
        entityType: 'person',
        entityId: id,
        areaCode: p.grid_code,
        after: { field },
      });
      const stored = field === 'idNumber' ? p.id_number_enc : p.phone_enc;
      return stored ? this.cipher.decrypt(stored) : null;
    });
  }

  list(scope: Scope, f: Omit<people.PersonFilter, 'q'> & { q?: string }) {
    return people.listPeople(this.db, scope, { ...f, q: f.q ? this.parseQuery(f.q) : undefined });
  }

  /** One search box: an ID number, the last 4 of one, a phone, the last 4 of one, or a name fragment. */
  parseQuery(q: string): NonNullable<people.PersonFilter['q']> {
    const s = q.trim();
    if (/^\d{17}[\dXx]$/.test(s)) return { idHash: this.cipher.lookupHash('id_number', normaliseIdNumber(s)) };
    if (/^1[3-9]\d{9}$/.test(s)) return { phoneHash: this.cipher.lookupHash('phone', s) };
    if (/^\d{3}[\dXx]$/.test(s)) return { tail: s.toUpperCase(), idTailHash: idTailHash(this.cipher, s) };
    return { name: s };
  }

  /**
   * Many validated people in the caller's transaction, in batches, each with a first version row;
   * ID numbers already registered are skipped and reported back (the spreadsheet import).
   */
  insertMany(trx: Executor, rows: BulkPerson[], meta: BulkMeta) {
    return bulkInsertPeople(trx, this.cipher, rows, meta);
  }

  /** Sets each household's head from the member whose relation is 户主. */
  linkHouseholdHeads(trx: Executor, householdIds: string[]) {
    return linkHouseholdHeads(trx, householdIds);
  }
}
