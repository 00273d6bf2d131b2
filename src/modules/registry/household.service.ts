import type { Db, Executor } from '../../db/database.js';
import type { HouseholdRow, HouseRow } from '../../db/schema.js';
import type { Scope } from '../../db/scope.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { conflict, invalidField, notFound } from '../../lib/errors.js';
import type { AreaService } from '../areas/area.service.js';
import type { ElementHistory } from './element-history.js';
import * as houses from './house.repository.js';
import * as households from './household.repository.js';
import { listHouseholdMembers, listHouseResidents } from './person.repository.js';
import { listHouseholdVisits } from './visit.repository.js';

export interface HouseInput {
  address: string;
  lng?: number | null;
  lat?: number | null;
  gridCode?: string;
  use: string;
  rentalStatus?: string;
  floors?: number | null;
  areaM2?: number | null;
  ownerName?: string | null;
}

const houseSnapshot = (h: HouseRow) => ({
  address: h.address,
  lng: h.lng,
  lat: h.lat,
  gridCode: h.grid_code,
  use: h.use,
  rentalStatus: h.rental_status,
  floors: h.floors,
  areaM2: h.area_m2 === null ? null : Number(h.area_m2),
  ownerName: h.owner_name,
  status: h.status,
});
const householdSnapshot = (h: HouseholdRow) => ({
  number: h.number,
  address: h.address,
  houseId: h.house_id,
  headPersonId: h.head_person_id,
  gridCode: h.grid_code,
  status: h.status,
});

/**
 * A located element takes its grid from its coordinates (the grid containing the point, within the
 * actor's scope); without coordinates the caller names the grid.
 */
export async function gridForLocation(
  areas: AreaService,
  trx: Executor,
  scope: Scope,
  input: { lng?: number | null; lat?: number | null; gridCode?: string },
): Promise<string> {
  if (input.lng != null && input.lat != null) {
    const hit = await areas.locate(scope, input.lng, input.lat, 'grid', trx);
    if (!hit) throw invalidField('lng', 'location_outside_grids');
    return hit.code;
  }
  if (!input.gridCode) throw invalidField('gridCode', 'location_or_grid_required');
  const grid = await areas.find(scope, input.gridCode, trx);
  if (!grid || grid.level !== 'grid' || grid.status !== 'active') throw invalidField('gridCode', 'grid_required');
  return grid.code;
}

export class HouseholdService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly history: ElementHistory,
    private readonly areas: AreaService,
  ) {}

  async createHouse(actor: Actor, input: HouseInput, reason: string | null = null) {
    return this.db.transaction().execute(async (trx) => {
      const gridCode = await gridForLocation(this.areas, trx, actor.scope, input);
      const now = this.clock.now();
      const h = await houses.insertHouse(trx, {
        county_code: gridCode.slice(0, 6),
        grid_code: gridCode,
        address: input.address,
        lng: input.lng ?? null,
        lat: input.lat ?? null,
        use: input.use,
        rental_status: input.rentalStatus ?? 'owner_occupied',
        floors: input.floors ?? null,
        area_m2: input.areaM2 ?? null,
        owner_name: input.ownerName ?? null,
        created_at: now,
        updated_at: now,
      });
      await this.history.record(trx, actor, {
        type: 'house',
        id: h.id,
        countyCode: h.county_code,
        gridCode,
        version: 1,
        action: 'create',
        before: null,
        after: houseSnapshot(h),
        reason,
      });
      return h;
    });
  }

  async updateHouse(
    actor: Actor,
    id: string,
    patch: Partial<HouseInput> & { status?: string; version?: number },
    reason: string | null,
  ) {
    return this.db.transaction().execute(async (trx) => {
      const before = await houses.findHouse(trx, actor.scope, id);
      if (!before) throw notFound();
      if (patch.version !== undefined && patch.version !== before.version)
        throw conflict('stale_version', { version: before.version });
      const moved = patch.lng !== undefined || patch.lat !== undefined;
      const lng = patch.lng === undefined ? before.lng : patch.lng;
      const lat = patch.lat === undefined ? before.lat : patch.lat;
      const gridCode = moved
        ? await gridForLocation(this.areas, trx, actor.scope, { lng, lat, gridCode: before.grid_code })
        : before.grid_code;
      const after = await houses.updateHouse(trx, id, {
        address: patch.address ?? before.address,
        lng,
        lat,
        grid_code: gridCode,
        county_code: gridCode.slice(0, 6),
        use: patch.use ?? before.use,
        rental_status: patch.rentalStatus ?? before.rental_status,
        floors: patch.floors === undefined ? before.floors : patch.floors,
        area_m2: patch.areaM2 === undefined ? before.area_m2 : patch.areaM2,
        owner_name: patch.ownerName === undefined ? before.owner_name : patch.ownerName,
        status: patch.status ?? before.status,
        version: before.version + 1,
        updated_at: this.clock.now(),
      });
      await this.history.record(trx, actor, {
        type: 'house',
        id,
        countyCode: after.county_code,
        gridCode,
        version: after.version,
        action: 'update',
        before: houseSnapshot(before),
        after: houseSnapshot(after),
        reason,
      });
      return after;
    });
  }

  async getHouse(scope: Scope, id: string) {
    const house = await houses.findHouse(this.db, scope, id);
    if (!house) throw notFound();
    const [householdRows, residents, timeline] = await Promise.all([
      households.listHouseholdsOfHouse(this.db, scope, id),
      listHouseResidents(this.db, scope, id),
      this.history.timeline(this.db, 'house', id),
    ]);
    return { house, households: householdRows, residents, timeline };
  }

  listHouses(scope: Scope, gridPrefix: string, opts: { q?: string; limit: number; offset: number }) {
    return houses.listHouses(this.db, scope, gridPrefix, opts);
  }

  async createHousehold(
    actor: Actor,
    input: { number?: string; address?: string; houseId?: string | null; gridCode?: string },
    reason: string | null = null,
  ) {
    return this.db.transaction().execute(async (trx) => {
      let gridCode: string;
      let address = input.address;
      if (input.houseId) {
        const house = await houses.findHousePlace(trx, actor.scope, input.houseId);
        if (!house) throw invalidField('houseId', 'house_not_found');
        gridCode = house.grid_code;
        address ??= house.address;
      } else {
        gridCode = await gridForLocation(this.areas, trx, actor.scope, { gridCode: input.gridCode });
      }
      if (!address) throw invalidField('address', 'required');
      const now = this.clock.now();
      const number = input.number ?? `${gridCode}-${now.getTime().toString(36).toUpperCase()}`;
      if (await households.householdNumberTaken(trx, gridCode.slice(0, 6), number))
        throw invalidField('number', 'household_number_taken');
      const h = await households.insertHousehold(trx, {
        county_code: gridCode.slice(0, 6),
        grid_code: gridCode,
        number,
        house_id: input.houseId ?? null,
        address,
        created_at: now,
        updated_at: now,
      });
      await this.history.record(trx, actor, {
        type: 'household',
        id: h.id,
        countyCode: h.county_code,
        gridCode,
        version: 1,
        action: 'create',
        before: null,
        after: householdSnapshot(h),
        reason,
      });
      return h;
    });
  }

  async getHousehold(scope: Scope, id: string) {
    const household = await households.findHousehold(this.db, scope, id);
    if (!household) throw notFound();
    const [members, visits, timeline] = await Promise.all([
      listHouseholdMembers(this.db, scope, id),
      listHouseholdVisits(this.db, id, 20),
      this.history.timeline(this.db, 'household', id),
    ]);
    return { household, members, visits, timeline };
  }

  /** Households by address fragment or number, for the grid worker's "find a household" step. */
  searchHouseholds(scope: Scope, q: string, gridPrefix: string | undefined, limit: number) {
    return households.searchHouseholds(this.db, scope, q, gridPrefix, limit);
  }
}
