import type { Db } from '../../db/database.js';
import { withinScope } from '../../db/scope.js';
import type { MapArea } from './map-areas.js';
import { registryCountFeature, registryPointFeature } from './map-feature.presenter.js';
import { countsPerGrid, pointsInBox } from './map-registry.repository.js';
import type { TileRequest } from './tile-request.js';
import type { TileBox, TileFeature } from './tiles.js';
import { CODE_LENGTH, REGISTRY_KINDS, type RegistryKind, type TileLevel } from './tiles-filter.js';

/** Registry elements per grid and kind, recounted in the background when older than a minute. */
export class RegistryCounts {
  private data = new Map<RegistryKind, { at: number; grids: Map<string, number> }>();
  private loading = new Map<RegistryKind, Promise<void>>();
  constructor(
    private readonly db: Db,
    private readonly maxAgeMs = 60_000,
  ) {}

  private async load(kind: RegistryKind) {
    const rows = await countsPerGrid(this.db, kind);
    this.data.set(kind, { at: Date.now(), grids: new Map(rows.map((x) => [x.grid_code, x.n])) });
  }

  async get(kind: RegistryKind): Promise<Map<string, number>> {
    const d = this.data.get(kind);
    if (!d || Date.now() - d.at > this.maxAgeMs) {
      const p = this.loading.get(kind) ?? this.load(kind).finally(() => this.loading.delete(kind));
      this.loading.set(kind, p);
      if (!d) await p;
      else void p.catch(() => undefined);
    }
    return this.data.get(kind)!.grids;
  }
}

/**
 * Places, things and organisations: counts per area centre when zoomed out (below z13), points
 * with their id and name when zoomed in, always under the scope prefix.
 */
export async function registryTile(
  db: Db,
  counts: RegistryCounts,
  r: TileRequest,
  kinds: string[],
  level: TileLevel,
  areas: MapArea[],
  box: TileBox,
  pos: (lng: number, lat: number) => [number, number],
): Promise<TileFeature[]> {
  const features: TileFeature[] = [];
  const wanted = REGISTRY_KINDS.filter((k) => kinds.includes(k));
  for (const kind of wanted) {
    if (r.z < 13) {
      // Zoomed out: counts per area from the per-grid counts kept in memory (refreshed each minute).
      const perGrid = await counts.get(kind);
      const len = CODE_LENGTH[level];
      const sums = new Map<string, number>();
      for (const [grid, n] of perGrid)
        if (withinScope(r.scope, grid)) sums.set(grid.slice(0, len), (sums.get(grid.slice(0, len)) ?? 0) + n);
      for (const a of areas) {
        const n = sums.get(a.code);
        if (n) features.push(registryCountFeature(features.length + 1, kind, n, a, pos));
      }
    } else {
      const rows = await pointsInBox(db, r.scope, kind, box);
      for (const x of rows) features.push(registryPointFeature(features.length + 1, kind, x, pos));
    }
  }
  return features;
}
