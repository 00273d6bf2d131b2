import type { Db } from '../../db/database.js';
import type { Scope } from '../../db/scope.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { conflict, invalidField, notFound } from '../../lib/errors.js';
import type { AreaService } from '../areas/area.service.js';
import type { ElementHistory } from './element-history.js';
import { gridForLocation } from './household.service.js';
import * as repo from './place-thing.repository.js';

export const PLACE_KINDS = [
  'school',
  'hospital',
  'market',
  'hotel',
  'entertainment',
  'religious',
  'transport',
  'restaurant',
  'square',
  'other',
] as const;
export const THING_SUBTYPES: Record<'facility' | 'hazard' | 'camera', readonly string[]> = {
  facility: ['water', 'power', 'gas', 'road', 'bridge', 'fire_hydrant', 'manhole', 'streetlight', 'other'],
  hazard: ['fire', 'flood', 'landslide', 'building', 'gas', 'traffic', 'electric', 'chemical', 'other'],
  camera: ['street', 'community', 'school', 'traffic', 'market', 'other'],
};

export interface PlaceInput {
  name: string;
  kind: string;
  address: string;
  lng: number;
  lat: number;
  responsibleUnitId?: string | null;
}

export interface ThingInput {
  kind: 'facility' | 'hazard' | 'camera';
  subtype: string;
  name: string;
  lng: number;
  lat: number;
  status?: 'normal' | 'fault' | 'rectifying' | 'removed';
  responsibleUnitId?: string | null;
  details?: Record<string, unknown>;
}

/** Public places 场所 and things 物 (facilities, hazards, cameras): located, versioned, never deleted. */
export class PlaceThingService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly history: ElementHistory,
    private readonly areas: AreaService,
  ) {}

  private async checkUnit(scope: Scope, unitId: string | null | undefined) {
    if (!unitId) return;
    if (!(await repo.unitInScope(this.db, scope, unitId))) throw invalidField('responsibleUnitId', 'unit_not_found');
  }

  async createPlace(actor: Actor, input: PlaceInput, reason: string | null = null) {
    await this.checkUnit(actor.scope, input.responsibleUnitId);
    return this.db.transaction().execute(async (trx) => {
      const gridCode = await gridForLocation(this.areas, trx, actor.scope, input);
      const now = this.clock.now();
      const p = await repo.insertPlace(trx, {
        county_code: gridCode.slice(0, 6),
        grid_code: gridCode,
        name: input.name,
        kind: input.kind,
        address: input.address,
        lng: input.lng,
        lat: input.lat,
        responsible_unit_id: input.responsibleUnitId ?? null,
        created_at: now,
        updated_at: now,
      });
      await this.history.record(trx, actor, {
        type: 'place',
        id: p.id,
        countyCode: p.county_code,
        gridCode,
        version: 1,
        action: 'create',
        before: null,
        after: { ...input, gridCode },
        reason,
      });
      return p;
    });
  }

  async createThing(actor: Actor, input: ThingInput, reason: string | null = null) {
    if (!THING_SUBTYPES[input.kind].includes(input.subtype)) throw invalidField('subtype', 'thing_subtype_unknown');
    await this.checkUnit(actor.scope, input.responsibleUnitId);
    return this.db.transaction().execute(async (trx) => {
      const gridCode = await gridForLocation(this.areas, trx, actor.scope, input);
      const now = this.clock.now();
      const th = await repo.insertThing(trx, {
        county_code: gridCode.slice(0, 6),
        grid_code: gridCode,
        kind: input.kind,
        subtype: input.subtype,
        name: input.name,
        lng: input.lng,
        lat: input.lat,
        status: input.status ?? 'normal',
        responsible_unit_id: input.responsibleUnitId ?? null,
        details: JSON.stringify(input.details ?? {}),
        created_at: now,
        updated_at: now,
      });
      await this.history.record(trx, actor, {
        type: 'thing',
        id: th.id,
        countyCode: th.county_code,
        gridCode,
        version: 1,
        action: 'create',
        before: null,
        after: { ...input, gridCode },
        reason,
      });
      return th;
    });
  }

  async updatePlace(
    actor: Actor,
    id: string,
    patch: {
      name?: string;
      kind?: string;
      address?: string;
      lng?: number;
      lat?: number;
      status?: 'active' | 'closed';
      version?: number;
    },
    reason: string | null,
  ) {
    return this.db.transaction().execute(async (trx) => {
      const before = await repo.findPlace(trx, actor.scope, id);
      if (!before) throw notFound();
      if (patch.version !== undefined && patch.version !== before.version)
        throw conflict('stale_version', { version: before.version });
      const lng = patch.lng ?? before.lng;
      const lat = patch.lat ?? before.lat;
      const gridCode =
        patch.lng !== undefined || patch.lat !== undefined
          ? await gridForLocation(this.areas, trx, actor.scope, { lng, lat })
          : before.grid_code;
      const after = await repo.updatePlace(trx, id, {
        name: patch.name ?? before.name,
        kind: patch.kind ?? before.kind,
        address: patch.address ?? before.address,
        lng,
        lat,
        grid_code: gridCode,
        county_code: gridCode.slice(0, 6),
        status: patch.status ?? before.status,
        version: before.version + 1,
        updated_at: this.clock.now(),
      });
      const snap = (p: typeof before) => ({
        name: p.name,
        kind: p.kind,
        address: p.address,
        lng: p.lng,
        lat: p.lat,
        gridCode: p.grid_code,
        status: p.status,
      });
      await this.history.record(trx, actor, {
        type: 'place',
        id,
        countyCode: after.county_code,
        gridCode,
        version: after.version,
        action: gridCode !== before.grid_code ? 'move' : 'update',
        before: snap(before),
        after: snap(after),
        reason,
      });
      return after;
    });
  }

  async getPlace(scope: Scope, id: string) {
    const place = await repo.findPlace(this.db, scope, id);
    if (!place) throw notFound();
    return { place, timeline: await this.history.timeline(this.db, 'place', id) };
  }

  async getThing(scope: Scope, id: string) {
    const thing = await repo.findThing(this.db, scope, id);
    if (!thing) throw notFound();
    return { thing, timeline: await this.history.timeline(this.db, 'thing', id) };
  }

  /** Status changes of a thing (a camera goes offline, a hazard is being rectified). */
  async updateThing(
    actor: Actor,
    id: string,
    patch: {
      status?: ThingInput['status'];
      name?: string;
      lng?: number;
      lat?: number;
      details?: Record<string, unknown>;
      version?: number;
    },
    reason: string | null,
  ) {
    return this.db.transaction().execute(async (trx) => {
      const before = await repo.findThing(trx, actor.scope, id);
      if (!before) throw notFound();
      if (patch.version !== undefined && patch.version !== before.version)
        throw conflict('stale_version', { version: before.version });
      const lng = patch.lng ?? before.lng;
      const lat = patch.lat ?? before.lat;
      const gridCode =
        patch.lng !== undefined || patch.lat !== undefined
          ? await gridForLocation(this.areas, trx, actor.scope, { lng, lat })
          : before.grid_code;
      const after = await repo.updateThing(trx, id, {
        status: patch.status ?? before.status,
        name: patch.name ?? before.name,
        lng,
        lat,
        grid_code: gridCode,
        county_code: gridCode.slice(0, 6),
        details: JSON.stringify(patch.details ?? before.details),
        version: before.version + 1,
        updated_at: this.clock.now(),
      });
      const snap = (t: typeof before) => ({
        status: t.status,
        name: t.name,
        lng: t.lng,
        lat: t.lat,
        gridCode: t.grid_code,
        details: t.details,
      });
      await this.history.record(trx, actor, {
        type: 'thing',
        id,
        countyCode: after.county_code,
        gridCode,
        version: after.version,
        action: 'update',
        before: snap(before),
        after: snap(after),
        reason,
      });
      return after;
    });
  }

  listPlaces(scope: Scope, gridPrefix: string, opts: { kind?: string; limit: number }) {
    return repo.listPlaces(this.db, scope, gridPrefix, opts);
  }

  listThings(scope: Scope, gridPrefix: string, opts: { kind?: ThingInput['kind']; status?: string; limit: number }) {
    return repo.listThings(this.db, scope, gridPrefix, opts);
  }
}
