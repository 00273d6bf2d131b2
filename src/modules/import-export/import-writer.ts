import type { Executor } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import { diffFields } from '../registry/element-diff.js';
import type { ElementType } from '../registry/element-history.js';
import type { BulkPerson, PersonService } from '../registry/person.service.js';
import type { ElementKind } from './columns.js';
import { chunks, type HouseholdPlan, need, needNumber, numberOf, type Parsed, text } from './import-rows.js';
import * as writes from './import-write.repository.js';

/** Writes the new rows of an import inside the caller's transaction. */
export class ImportWriter {
  constructor(
    private readonly clock: Clock,
    private readonly cipher: PersonalDataCipher,
    private readonly people: PersonService,
  ) {}

  /** Writes the new rows in batches, each record with its first version row. */
  async write(
    trx: Executor,
    actor: Actor,
    kind: ElementKind,
    fresh: Parsed[],
    households: Map<string, HouseholdPlan>,
  ): Promise<{ inserted: number; alreadyThere: number }> {
    const now = this.clock.now();
    const versions = async (
      type: ElementType,
      rows: Array<{ id: string; county_code: string; grid_code: string; after: Record<string, unknown> }>,
    ) => {
      for (const part of chunks(rows)) {
        if (part.length === 0) continue;
        await writes.insertVersions(
          trx,
          part.map((r) => ({
            county_code: r.county_code,
            grid_code: r.grid_code,
            element_type: type,
            element_id: r.id,
            version: 1,
            at: now,
            actor_id: actor.userId,
            actor_name: actor.username,
            action: 'import',
            changes: JSON.stringify(diffFields(null, r.after)),
            reason: null,
          })),
        );
      }
    };

    if (kind === 'people') {
      const freshRows = new Set(fresh.map((p) => p.row.row));
      const toOpen = [...households.values()].filter(
        (h) => h.id === null && h.members.some((m) => freshRows.has(m.row.row)),
      );
      for (const part of chunks(toOpen)) {
        const created = await writes.insertHouseholds(
          trx,
          part.map((h) => ({
            county_code: h.countyCode,
            grid_code: h.gridCode,
            number: h.number,
            address: h.address ?? h.number,
            created_at: now,
            updated_at: now,
          })),
        );
        for (const c of created) households.get(`${c.county_code}|${c.number}`)!.id = c.id;
        await versions(
          'household',
          created.map((c) => ({
            ...c,
            after: {
              number: c.number,
              address: c.address,
              houseId: null,
              headPersonId: null,
              gridCode: c.grid_code,
              status: 'active',
            },
          })),
        );
      }
      const householdOf = new Map<number, string>();
      for (const h of households.values()) for (const m of h.members) if (h.id) householdOf.set(m.row.row, h.id);
      const people: BulkPerson[] = fresh.map((p) => {
        const v = p.values;
        return {
          name: need(v, 'name'),
          idNumber: need(v, 'idNumber'),
          phone: text(v, 'phone'),
          ethnicity: text(v, 'ethnicity') ?? '汉族',
          registrationType: need(v, 'registrationType') as BulkPerson['registrationType'],
          gridCode: need(v, 'gridCode'),
          householdId: householdOf.get(p.row.row) ?? null,
          relationToHead: text(v, 'relationToHead'),
          houseId: null,
        };
      });
      const r = await this.people.insertMany(trx, people, {
        now,
        actorId: actor.userId,
        actorName: actor.username,
        action: 'import',
        reason: null,
      });
      const withNewHead = new Set(
        fresh
          .filter((p) => text(p.values, 'relationToHead') === '户主' && householdOf.has(p.row.row))
          .map((p) => householdOf.get(p.row.row)!),
      );
      await this.people.linkHouseholdHeads(trx, [...withNewHead]);
      return { inserted: r.inserted.length, alreadyThere: r.existing.length };
    }

    const base = (p: Parsed) => ({
      county_code: need(p.values, 'gridCode').slice(0, 6),
      grid_code: need(p.values, 'gridCode'),
      created_at: now,
      updated_at: now,
    });
    let inserted = 0;
    let alreadyThere = 0;
    for (const part of chunks(fresh)) {
      if (kind === 'houses') {
        const rows = await writes.insertHouses(
          trx,
          part.map((p) => ({
            ...base(p),
            address: need(p.values, 'address'),
            lng: numberOf(p.values, 'lng'),
            lat: numberOf(p.values, 'lat'),
            use: need(p.values, 'use'),
            rental_status: text(p.values, 'rentalStatus') ?? 'owner_occupied',
            floors: numberOf(p.values, 'floors'),
            owner_name: text(p.values, 'ownerName'),
          })),
        );
        inserted += rows.length;
        await versions(
          'house',
          rows.map((h) => ({
            ...h,
            after: {
              address: h.address,
              lng: h.lng,
              lat: h.lat,
              gridCode: h.grid_code,
              use: h.use,
              rentalStatus: h.rental_status,
              floors: h.floors,
              areaM2: null,
              ownerName: h.owner_name,
              status: h.status,
            },
          })),
        );
      } else if (kind === 'organizations') {
        const rows = await writes.insertOrganizations(
          trx,
          part.map((p) => {
            const phone = text(p.values, 'contactPhone');
            return {
              ...base(p),
              name: need(p.values, 'name'),
              kind: need(p.values, 'kind'),
              credit_code: text(p.values, 'creditCode'),
              address: need(p.values, 'address'),
              contact_name: text(p.values, 'contactName'),
              contact_phone_enc: phone ? this.cipher.encrypt(phone) : null,
              contact_phone_hash: phone ? this.cipher.lookupHash('phone', phone) : null,
              employee_count: numberOf(p.values, 'employeeCount'),
            };
          }),
        );
        inserted += rows.length;
        alreadyThere += part.length - rows.length;
        await versions(
          'organization',
          rows.map((o) => ({
            ...o,
            after: {
              name: o.name,
              kind: o.kind,
              creditCode: o.credit_code,
              address: o.address,
              lng: o.lng,
              lat: o.lat,
              gridCode: o.grid_code,
              contactName: o.contact_name,
              // A personal field: the version row only says it was set (diffFields hides the value).
              contactPhone: o.contact_phone_enc ? 'set' : null,
              employeeCount: o.employee_count,
              status: o.status,
            },
          })),
        );
      } else if (kind === 'places') {
        const rows = await writes.insertPlaces(
          trx,
          part.map((p) => ({
            ...base(p),
            name: need(p.values, 'name'),
            kind: need(p.values, 'kind'),
            address: need(p.values, 'address'),
            lng: needNumber(p.values, 'lng'),
            lat: needNumber(p.values, 'lat'),
          })),
        );
        inserted += rows.length;
        await versions(
          'place',
          rows.map((r) => ({
            ...r,
            after: {
              name: r.name,
              kind: r.kind,
              address: r.address,
              lng: r.lng,
              lat: r.lat,
              gridCode: r.grid_code,
              status: r.status,
            },
          })),
        );
      } else {
        const rows = await writes.insertThings(
          trx,
          part.map((p) => ({
            ...base(p),
            kind: need(p.values, 'kind') as 'facility' | 'hazard' | 'camera',
            subtype: need(p.values, 'subtype'),
            name: need(p.values, 'name'),
            lng: needNumber(p.values, 'lng'),
            lat: needNumber(p.values, 'lat'),
            status: text(p.values, 'status') ?? 'normal',
            details: '{}',
          })),
        );
        inserted += rows.length;
        await versions(
          'thing',
          rows.map((r) => ({
            ...r,
            after: {
              kind: r.kind,
              subtype: r.subtype,
              name: r.name,
              lng: r.lng,
              lat: r.lat,
              gridCode: r.grid_code,
              status: r.status,
            },
          })),
        );
      }
    }
    return { inserted, alreadyThere };
  }
}
