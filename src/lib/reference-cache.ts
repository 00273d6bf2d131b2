import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import * as repo from '../db/reference.repository.js';
import type {
  EventCategoryTable,
  MediationLevel,
  RoutingRuleRow,
  StageLimitTable,
  UnitKind,
  UnitTable,
} from '../db/schema.js';
import { SharedVersions } from './shared-versions.js';

type Category = Selectable<EventCategoryTable>;
type StageLimit = Selectable<StageLimitTable>;
type Unit = Pick<Selectable<UnitTable>, 'id' | 'code' | 'name' | 'kind' | 'area_code' | 'status'>;

export interface ReferenceData {
  version: string;
  categories: ReadonlyMap<string, Category>;
  liveRules: readonly RoutingRuleRow[];
  stageLimits: readonly StageLimit[];
  mediationPolicies: ReadonlyArray<{ id: string; area_prefix: string; levels: MediationLevel[] }>;
  units: ReadonlyMap<string, Unit>;
  /** Active units of each kind, nearest-first order within an area as the database sorts them. */
  unitsByKind: ReadonlyMap<string, readonly Unit[]>;
}

/**
 * A per-process copy of the reference tables intake reads for every event. Migration 0015 bumps
 * `reference_version` on any change to them; `get` reads that one row and reloads when it moved.
 * Inside a transaction that changed them itself, the fresh rows are used but not kept: they might
 * still roll back.
 */
export class ReferenceCache {
  private data: ReferenceData | null = null;
  private loading: { version: string; promise: Promise<ReferenceData> } | null = null;

  constructor(private readonly versions: SharedVersions = new SharedVersions()) {}

  async get(q: Executor): Promise<ReferenceData> {
    const { reference: version } = await this.versions.get(q);
    if (this.data?.version === version) return this.data;
    if (q.isTransaction) return load(q, version);
    if (this.loading?.version !== version) {
      const promise = load(q, version).then((d) => {
        this.data = d;
        return d;
      });
      this.loading = { version, promise };
      promise.catch(() => (this.loading = null));
    }
    return this.loading.promise;
  }
}

async function load(q: Executor, version: string): Promise<ReferenceData> {
  const [categories, liveRules, stageLimits, policies, units] = await Promise.all([
    repo.listCategories(q),
    repo.listLiveRoutingRules(q),
    repo.listStageLimits(q),
    repo.listMediationPolicies(q),
    repo.listUnitsForRouting(q),
  ]);
  const unitsByKind = new Map<string, Unit[]>();
  for (const u of units) {
    if (u.status !== 'active') continue;
    unitsByKind.set(u.kind, [...(unitsByKind.get(u.kind) ?? []), u]);
  }
  return {
    version,
    categories: new Map(categories.map((c) => [c.code, c])),
    liveRules,
    stageLimits,
    mediationPolicies: policies.map((p) => ({
      id: p.id,
      area_prefix: p.area_prefix,
      levels: (typeof p.levels === 'string' ? JSON.parse(p.levels) : p.levels) as MediationLevel[],
    })),
    units: new Map(units.map((u) => [u.id, u])),
    unitsByKind,
  };
}

/** The first active unit of the kind in the first of the areas (nearest first) that has one. */
export function nearestUnitIn(ref: ReferenceData, kind: UnitKind, areas: readonly string[]): string | null {
  const ofKind = ref.unitsByKind.get(kind) ?? [];
  for (const area of areas) {
    const u = ofKind.find((x) => x.area_code === area);
    if (u) return u.id;
  }
  return null;
}

/** The longest prefix that starts `code`, among rows with a prefix column. */
export function mostSpecific<T>(rows: readonly T[], prefixOf: (r: T) => string, code: string): T | null {
  let best: T | null = null;
  for (const r of rows) {
    if (!code.startsWith(prefixOf(r))) continue;
    if (!best || prefixOf(r).length > prefixOf(best).length) best = r;
  }
  return best;
}
