import type { Db, Executor } from '../../db/database.js';
import type { AreaLevel, AreaRow } from '../../db/schema.js';
import type { Scope } from '../../db/scope.js';
import { countyCodeOf, levelOfCode, validateAreaCode } from '../../kernel/area-code.js';
import { type AreaGeometry, geometryError, toRingRows } from '../../kernel/geometry.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { conflict, invalidField, notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { AuditLogService } from '../audit/audit-log.service.js';
import * as areas from './area.repository.js';
import { geometryColumns, redrawBox, areaSnapshot as snapshot } from './area-geometry.js';
import { retireProblem, rootAreaAllowed } from './areas.policy.js';
import { endGridAssignments } from './grid-worker.repository.js';
import type { RegridService } from './regrid.service.js';

export interface AreaInput {
  code: string;
  name: string;
  parentCode: string | null;
  boundary: AreaGeometry;
}

/** Every code prefix from the city down to the area's parent. */
function ancestorCodes(code: string): string[] {
  const out = [`${code.slice(0, 4)}00`];
  for (const len of [6, 9, 12]) if (code.length > len) out.push(code.slice(0, len));
  return out.filter((c) => c !== code);
}

export class AreaService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly auditLog: AuditLogService,
    private readonly regrid: RegridService | null = null,
  ) {}

  /** The area if it lies in the scope; `db` may be the caller's transaction. */
  find(scope: Scope, code: string, db: Executor = this.db): Promise<AreaRow | undefined> {
    return areas.findArea(db, scope, code);
  }

  async get(scope: Scope, code: string) {
    const area = await areas.findArea(this.db, scope, code);
    if (!area) throw notFound();
    const [children, ancestors] = await Promise.all([
      areas.listChildren(this.db, scope, code),
      areas.listAncestors(this.db, scope, ancestorCodes(code)),
    ]);
    return { area, children, ancestors };
  }

  async childGeometries(scope: Scope, code: string) {
    const area = await areas.findArea(this.db, scope, code);
    if (!area) throw notFound();
    return { area, children: await areas.listChildGeometries(this.db, scope, code) };
  }

  search(scope: Scope, q: string, level: AreaLevel | undefined, limit: number) {
    return areas.searchAreas(this.db, scope, q, level, limit);
  }

  /** The active area of `level` containing the point, inside the scope; `db` may be the caller's transaction. */
  locate(scope: Scope, lng: number, lat: number, level: AreaLevel = 'grid', db: Executor = this.db) {
    return areas.locateArea(db, scope, level, lng, lat);
  }

  /** The area of each point (each within its own scope prefix) in one statement, for bulk intake. */
  locateMany(
    level: AreaLevel,
    points: ReadonlyArray<{ prefix: string; lng: number; lat: number }>,
    db: Executor = this.db,
  ) {
    return areas.locateAreas(db, level, points);
  }

  async create(actor: Actor, input: AreaInput): Promise<AreaRow> {
    const level = levelOfCode(input.code);
    if (!level) throw invalidField('code', 'code_format');
    const geometryProblem = geometryError(input.boundary);
    if (geometryProblem) throw invalidField('boundary', geometryProblem);

    return this.db.transaction().execute(async (trx) => {
      const parent = input.parentCode ? await areas.findArea(trx, actor.scope, input.parentCode) : undefined;
      if (input.parentCode && !parent) throw invalidField('parentCode', 'parent_not_found');
      if (parent && parent.status !== 'active') throw invalidField('parentCode', 'parent_retired');
      const codeProblem = validateAreaCode(
        input.code,
        level,
        parent ? { code: parent.code, level: parent.level } : null,
      );
      if (codeProblem) throw invalidField('code', codeProblem);
      if (!parent && !rootAreaAllowed(actor.scope, input.code)) throw invalidField('code', 'code_outside_scope');
      if (await areas.codeExists(trx, input.code)) throw conflict('code_taken', { code: input.code });

      const now = this.clock.now();
      const row = {
        code: input.code,
        county_code: countyCodeOf(input.code),
        level,
        name: input.name,
        parent_code: parent?.code ?? null,
        ...geometryColumns(input.boundary),
        created_at: now,
        updated_at: now,
      };
      await areas.insertAreas(trx, [row]);
      await areas.replaceRings(trx, row, toRingRows(input.boundary));
      await this.audit.record(trx, actor, {
        action: 'area.create',
        entityType: 'area',
        entityId: row.code,
        areaCode: row.code,
        after: snapshot({ ...row, status: 'active', boundary: input.boundary }),
      });
      const created = await areas.findArea(trx, actor.scope, row.code);
      if (!created) throw notFound();
      return created;
    });
  }

  /** Rename and/or redraw. The version number guards against overwriting a concurrent edit. */
  async update(
    actor: Actor,
    code: string,
    patch: { name?: string; boundary?: AreaGeometry; version?: number; reason?: string },
  ) {
    if (patch.boundary) {
      const problem = geometryError(patch.boundary);
      if (problem) throw invalidField('boundary', problem);
    }
    return this.db.transaction().execute(async (trx) => {
      const before = await areas.findArea(trx, actor.scope, code);
      if (!before) throw notFound();
      if (before.status !== 'active') throw conflict('area_retired');
      if (patch.version !== undefined && patch.version !== before.version)
        throw conflict('stale_version', { version: before.version });
      const now = this.clock.now();
      const after = await areas.updateArea(
        trx,
        code,
        { ...(patch.name ? { name: patch.name } : {}), ...(patch.boundary ? geometryColumns(patch.boundary) : {}) },
        now,
      );
      let regridded = 0;
      if (patch.boundary) {
        await areas.replaceRings(trx, before, toRingRows(patch.boundary));
        // Elements near the old or the new edge may now lie in another grid.
        const box = redrawBox(before.bbox, patch.boundary);
        if (before.level === 'grid' && this.regrid) {
          regridded = await this.regrid.afterRedraw(trx, actor, before.county_code, box);
        }
      }
      const action = patch.boundary && patch.name ? 'area.update' : patch.boundary ? 'area.redraw' : 'area.rename';
      await this.audit.record(trx, actor, {
        action,
        entityType: 'area',
        entityId: code,
        areaCode: code,
        before: snapshot(before),
        after: { ...snapshot(after), ...(patch.boundary ? { regridded } : {}) },
        reason: patch.reason ?? null,
      });
      return after;
    });
  }

  /** Retiring keeps the row and its history; the code stays taken for ever. */
  async retire(actor: Actor, code: string, reason: string) {
    return this.db.transaction().execute(async (trx) => {
      const before = await areas.findArea(trx, actor.scope, code);
      if (!before) throw notFound();
      const problem = retireProblem(actor.scope, before);
      if (problem) throw conflict(problem);
      const children = await areas.countActiveChildren(trx, code);
      if (children > 0) throw conflict('area_has_active_children', { count: children });
      const now = this.clock.now();
      const ended = await endGridAssignments(trx, code, now);
      await areas.deleteRings(trx, code);
      const after = await areas.updateArea(trx, code, { status: 'retired', retired_at: now }, now);
      await this.audit.record(trx, actor, {
        action: 'area.retire',
        entityType: 'area',
        entityId: code,
        areaCode: code,
        before: snapshot(before),
        after: { ...snapshot(after), endedAssignments: ended.length },
        reason,
      });
      return after;
    });
  }

  async history(scope: Scope, code: string, limit = 100) {
    const area = await areas.findArea(this.db, scope, code);
    if (!area) throw notFound();
    return this.auditLog.forEntity(scope, 'area', code, limit);
  }
}
