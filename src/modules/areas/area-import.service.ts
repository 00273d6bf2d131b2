import type { Db, Executor } from '../../db/database.js';
import type { AreaRow } from '../../db/schema.js';
import { countyCodeOf, expectedParentCode, levelOfCode } from '../../kernel/area-code.js';
import { type AreaGeometry, toRingRows } from '../../kernel/geometry.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import type { AuditEntry, AuditService } from '../audit/audit.service.js';
import * as areas from './area.repository.js';
import { geometryColumns } from './area-geometry.js';
import { listActiveChildrenOf, listAreasByCode } from './area-import.repository.js';
import { type BoundaryFeature, type Datum, parseBoundaries, toWgs84 } from './area-import-boundaries.js';
import { checkImport, type PlanAction, type PlannedArea, type StoredArea } from './area-import-checks.js';
import { type PlannedMove, predictMoves, redrawnBoxes } from './area-import-moves.js';
import { parentOf, parseDivisions } from './area-import-parse.js';
import type { Problem } from './area-import-problems.js';
import type { RegridService } from './regrid.service.js';

export interface ImportFiles {
  divisions: Buffer;
  boundaries?: Buffer | null;
}

export interface ImportOptions {
  datum: Datum;
  dryRun: boolean;
  /** The feature property holding the division code (default `code`). */
  codeProperty: string;
}

/** Moves listed in a report beyond this are only counted. */
const MOVES_LISTED = 500;
const INSERT_CHUNK = 1000;
const AUDIT_CHUNK = 2000;

export interface ImportReport {
  dryRun: boolean;
  applied: boolean;
  counts: {
    rows: number;
    features: number;
    errors: number;
    warnings: number;
    create: number;
    rename: number;
    redraw: number;
    unchanged: number;
    elementsMoved: number;
    eventsMoved: number;
  };
  problems: Problem[];
  changes: Array<{
    code: string;
    name: string;
    level: string;
    parentCode: string | null;
    action: Exclude<PlanAction, 'unchanged'>;
  }>;
  moves: PlannedMove[];
}

type Stored = StoredArea & { bbox: string | null; countyCode: string };

const toStored = (
  r: Pick<AreaRow, 'code' | 'name' | 'level' | 'parent_code' | 'status' | 'boundary' | 'bbox' | 'county_code'>,
): Stored => ({
  code: r.code,
  name: r.name,
  level: r.level,
  parentCode: r.parent_code,
  status: r.status,
  boundary: (r.boundary as AreaGeometry | null) ?? null,
  bbox: r.bbox,
  countyCode: r.county_code,
});

/**
 * Loads a city's own area tree and boundaries: checks everything first (a dry run writes nothing), then applies it in
 * one transaction — areas and rings upserted, located elements and open events moved to their new grids with
 * history, one audit entry per area changed.
 */
export class AreaImportService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly regrid: RegridService,
  ) {}

  async run(actor: Actor, files: ImportFiles, opts: ImportOptions): Promise<ImportReport> {
    const parsed = await this.read(files, opts);
    if (opts.dryRun || parsed.fileProblems.length > 0) return this.analyse(this.db, actor, parsed, opts.dryRun);
    // The check runs again inside the writing transaction, so what is applied is what was checked.
    return this.db.transaction().execute(async (trx) => {
      const report = await this.analyse(trx, actor, parsed, false);
      if (report.counts.errors > 0) return report;
      await this.apply(trx, actor, report, parsed.planned!);
      return { ...report, applied: true };
    });
  }

  private async read(files: ImportFiles, opts: ImportOptions) {
    const divisions = await parseDivisions(files.divisions, opts.codeProperty);
    let features: BoundaryFeature[] = divisions.features ?? [];
    const fileProblems = divisions.problems.map((p) => ({ ...p, index: 1 }));
    if (files.boundaries) {
      const b = await parseBoundaries(files.boundaries, opts.codeProperty);
      if ('problem' in b) fileProblems.push({ ...b.problem, index: 2 });
      else features = b.features;
    }
    features = features.map((f) => ({ ...f, geometry: toWgs84(f.geometry, opts.datum) }));
    return {
      rows: divisions.rows,
      features,
      fileProblems,
      codeProperty: opts.codeProperty,
      planned: null as { plan: PlannedArea[]; stored: Map<string, Stored> } | null,
    };
  }

  private async analyse(
    db: Executor,
    actor: Actor,
    parsed: Awaited<ReturnType<AreaImportService['read']>>,
    dryRun: boolean,
  ): Promise<ImportReport> {
    const { rows, features } = parsed;
    const codes = new Set<string>();
    for (const r of rows) {
      codes.add(r.code);
      const p = parentOf(r);
      if (p) codes.add(p);
    }
    for (const f of features) if (f.code) codes.add(f.code);
    const rootLevel = levelOfCode(actor.scope.code);
    const rootParent = rootLevel ? expectedParentCode(actor.scope.code, rootLevel) : null;
    const stored = new Map<string, Stored>();
    for (const r of await listAreasByCode(db, actor.scope, [...codes], rootParent)) stored.set(r.code, toStored(r));
    for (const r of await listActiveChildrenOf(db, actor.scope, [...codes])) stored.set(r.code, toStored(r));

    const { problems, plan } = checkImport({
      rows,
      features,
      stored,
      scope: actor.scope,
      codeProperty: parsed.codeProperty,
    });
    problems.unshift(...parsed.fileProblems);
    const boxes = redrawnBoxes(plan, stored);
    const moves = await predictMoves(db, plan, boxes);
    parsed.planned = { plan, stored };
    const count = (a: string) => plan.filter((p) => p.action === a || p.action.split('_').includes(a)).length;
    return {
      dryRun,
      applied: false,
      counts: {
        rows: rows.length,
        features: features.length,
        errors: problems.filter((p) => p.severity === 'error').length,
        warnings: problems.filter((p) => p.severity === 'warning').length,
        create: count('create'),
        rename: count('rename'),
        redraw: count('redraw'),
        unchanged: count('unchanged'),
        elementsMoved: moves.filter((m) => m.kind !== 'event').length,
        eventsMoved: moves.filter((m) => m.kind === 'event').length,
      },
      problems,
      changes: plan.flatMap((p) =>
        p.action === 'unchanged'
          ? []
          : [{ code: p.code, name: p.name, level: p.level, parentCode: p.parentCode, action: p.action }],
      ),
      moves: moves.slice(0, MOVES_LISTED),
    };
  }

  private async apply(
    trx: Executor,
    actor: Actor,
    report: ImportReport,
    { plan, stored }: { plan: PlannedArea[]; stored: Map<string, Stored> },
  ): Promise<void> {
    const now = this.clock.now();
    const entries: AuditEntry[] = [];
    const created = plan.filter((p) => p.action === 'create');
    const newRows = created.map((p) => ({
      code: p.code,
      county_code: countyCodeOf(p.code),
      level: p.level,
      name: p.name,
      parent_code: p.parentCode,
      ...(p.boundary
        ? geometryColumns(p.boundary)
        : { boundary: null, bbox: null, center_lng: null, center_lat: null }),
      created_at: now,
      updated_at: now,
    }));
    for (let i = 0; i < newRows.length; i += INSERT_CHUNK)
      await areas.insertAreas(trx, newRows.slice(i, i + INSERT_CHUNK));
    const rings = created.flatMap((p) =>
      p.boundary
        ? toRingRows(p.boundary).map((r) => ({
            ...r,
            areaCode: p.code,
            countyCode: countyCodeOf(p.code),
            level: p.level,
          }))
        : [],
    );
    for (let i = 0; i < rings.length; i += INSERT_CHUNK) await areas.insertRings(trx, rings.slice(i, i + INSERT_CHUNK));
    for (const p of created)
      entries.push({
        action: 'area.import',
        entityType: 'area',
        entityId: p.code,
        areaCode: p.code,
        after: {
          code: p.code,
          name: p.name,
          level: p.level,
          parentCode: p.parentCode,
          status: 'active',
          boundary: p.boundary,
        },
      });

    for (const p of plan) {
      if (p.action === 'create' || p.action === 'unchanged') continue;
      const before = stored.get(p.code)!;
      const patch = {
        ...(p.name !== before.name ? { name: p.name } : {}),
        ...(p.boundary ? geometryColumns(p.boundary) : {}),
      };
      await areas.updateArea(trx, p.code, patch, now);
      if (p.boundary)
        await areas.replaceRings(
          trx,
          { code: p.code, county_code: before.countyCode, level: p.level },
          toRingRows(p.boundary),
        );
      entries.push({
        action: 'area.import',
        entityType: 'area',
        entityId: p.code,
        areaCode: p.code,
        before: { name: before.name, boundary: p.boundary ? before.boundary : undefined },
        after: { name: p.name, boundary: p.boundary ?? undefined, change: p.action },
      });
    }

    // Elements and open events are placed again by the stored rings, in this transaction (RegridService).
    let elements = 0;
    let events = 0;
    for (const [county, box] of redrawnBoxes(plan, stored)) {
      elements += await this.regrid.afterRedraw(trx, actor, county, box);
      events += await this.regrid.eventsAfterRedraw(trx, actor, county, box, now);
    }
    report.counts.elementsMoved = elements;
    report.counts.eventsMoved = events;
    entries.push({
      action: 'area.import_batch',
      entityType: 'area',
      entityId: actor.scope.code || 'all',
      areaCode: actor.scope.code || null,
      after: { ...report.counts, errors: undefined },
    });
    // One statement per chunk: a statement takes at most 65,535 parameters, an audit row 16.
    for (let i = 0; i < entries.length; i += AUDIT_CHUNK)
      await this.audit.recordMany(trx, actor, entries.slice(i, i + AUDIT_CHUNK));
  }
}
