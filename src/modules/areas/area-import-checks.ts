import type { Scope } from '../../db/scope.js';
import { type AreaLevel, levelOfCode, validateAreaCode } from '../../kernel/area-code.js';
import type { AreaGeometry } from '../../kernel/geometry.js';
import type { BoundaryFeature } from './area-import-boundaries.js';
import { checkGeometry, groupProblems, type Shape } from './area-import-geometry.js';
import { type DivisionRow, parentOf } from './area-import-parse.js';
import { type Problem, problem } from './area-import-problems.js';

/** An area already stored, as the checks need it. */
export interface StoredArea {
  code: string;
  name: string;
  level: AreaLevel;
  parentCode: string | null;
  status: 'active' | 'retired';
  boundary: AreaGeometry | null;
}

export type PlanAction = 'create' | 'rename' | 'redraw' | 'rename_redraw' | 'unchanged';

export interface PlannedArea {
  code: string;
  name: string;
  level: AreaLevel;
  parentCode: string | null;
  action: PlanAction;
  /** The new boundary, when the import brings one that differs from the stored one. */
  boundary: AreaGeometry | null;
}

export interface CheckInput {
  rows: readonly DivisionRow[];
  features: readonly BoundaryFeature[];
  /** Stored areas: every code in the files, their parents, and the parents' other children. */
  stored: ReadonlyMap<string, StoredArea>;
  scope: Scope;
  codeProperty: string;
}

const sameBoundary = (a: AreaGeometry | null, b: AreaGeometry | null) =>
  a !== null && b !== null && a.type === b.type && JSON.stringify(a.coordinates) === JSON.stringify(b.coordinates);

/** Checks the table and the boundaries against each other and the stored tree, and plans what an apply would do. */
export function checkImport(input: CheckInput): { problems: Problem[]; plan: PlannedArea[] } {
  const { rows, features, stored, scope } = input;
  const problems: Problem[] = [];
  const inScope = (code: string) => code.startsWith(scope.prefix);

  // Rows: first pass finds each code's first row, so a child may name a parent listed after it.
  const firstRow = new Map<string, DivisionRow>();
  for (const r of rows) if (!firstRow.has(r.code)) firstRow.set(r.code, r);
  const units = new Map<string, DivisionRow>();
  for (const r of rows) {
    const at = (id: Parameters<typeof problem>[3], params?: Record<string, string | number>) =>
      problems.push(problem('row', r.row, r.code || null, id, params));
    const level = levelOfCode(r.code);
    if (!level) {
      at('code_bad');
      continue;
    }
    const first = firstRow.get(r.code)!;
    if (first !== r) {
      at('code_duplicate', { first: first.row });
      continue;
    }
    if (!r.name) at('name_missing');
    if (!inScope(r.code)) {
      at('outside_scope', { code: r.code });
      continue;
    }
    const old = stored.get(r.code);
    if (old?.status === 'retired') {
      at('code_retired', { code: r.code });
      continue;
    }
    const parent = parentOf(r);
    if (level !== 'city') {
      const parentLevel = parent ? levelOfCode(parent) : null;
      const known = parent !== null && (firstRow.has(parent) || stored.get(parent)?.status === 'active');
      if (!parent || !parentLevel || !known) {
        at('parent_missing', { parent: parent ?? '' });
        continue;
      }
      const codeProblem = validateAreaCode(r.code, level, { code: parent, level: parentLevel });
      if (codeProblem === 'parent_level_mismatch')
        at('level_skipped', { level, expected: expectedLevel(level), parentLevel });
      else if (codeProblem === 'code_parent_mismatch')
        at('code_not_under_parent', { code: r.code, parent, expected: parent.slice(0, r.code.length - 3) });
      else if (codeProblem === 'code_number_range') at('code_number_range');
      if (codeProblem) continue;
    }
    if (old && old.parentCode !== (level === 'city' ? null : parent))
      at('parent_changed', { before: old.parentCode ?? '' });
    else if (r.name) units.set(r.code, { ...r, parent: level === 'city' ? null : parent });
  }

  // Features: one valid boundary per unit.
  const boundaries = new Map<string, AreaGeometry>();
  const firstFeature = new Map<string, number>();
  for (const f of features) {
    const at = (id: Parameters<typeof problem>[3], params?: Record<string, string | number>) =>
      problems.push(problem('feature', f.index, f.code, id, params));
    if (!f.code) {
      at('feature_code_missing', { property: input.codeProperty });
      continue;
    }
    const seen = firstFeature.get(f.code);
    if (seen !== undefined) {
      at('boundary_duplicate', { code: f.code, first: seen });
      continue;
    }
    firstFeature.set(f.code, f.index);
    if (!inScope(f.code)) {
      at('outside_scope', { code: f.code });
      continue;
    }
    if (!firstRow.has(f.code) && stored.get(f.code)?.status !== 'active') {
      at('boundary_without_unit', { code: f.code });
      continue;
    }
    const checked = checkGeometry(f.geometry);
    if ('problem' in checked) at(checked.problem, checked.params);
    else boundaries.set(f.code, checked.geometry);
  }

  const plan = planChanges(units, boundaries, stored);
  // A unit whose boundary feature was refused is reported there, not again as missing.
  for (const p of plan)
    if (!p.boundary && !stored.get(p.code)?.boundary && !firstFeature.has(p.code))
      problems.push(problem('row', units.get(p.code)?.row ?? 0, p.code, 'unit_without_boundary'));
  problems.push(...shapeProblems(plan, stored, firstFeature, new Map([...units].map(([c, r]) => [c, r.row]))));
  return { problems, plan };
}

function expectedLevel(level: AreaLevel): string {
  return { city: '', county: 'city', township: 'county', village: 'township', grid: 'village' }[level];
}

function planChanges(
  units: ReadonlyMap<string, DivisionRow>,
  boundaries: ReadonlyMap<string, AreaGeometry>,
  stored: ReadonlyMap<string, StoredArea>,
): PlannedArea[] {
  const codes = new Set([...units.keys(), ...boundaries.keys()]);
  const plan: PlannedArea[] = [];
  for (const code of codes) {
    const row = units.get(code);
    const old = stored.get(code);
    if (!row && !old) continue; // a boundary whose row was refused
    const level = levelOfCode(code)!;
    const name = row?.name ?? old!.name;
    const drawn = boundaries.get(code) ?? null;
    const redraw = drawn !== null && !sameBoundary(drawn, old?.boundary ?? null);
    const rename = old !== undefined && name !== old.name;
    const action: PlanAction = !old
      ? 'create'
      : rename && redraw
        ? 'rename_redraw'
        : rename
          ? 'rename'
          : redraw
            ? 'redraw'
            : 'unchanged';
    plan.push({
      code,
      name,
      level,
      parentCode: row ? row.parent : old!.parentCode,
      action,
      boundary: redraw ? drawn : null,
    });
  }
  // Parents first: an apply inserts in this order.
  return plan.sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code));
}

/** Overlaps between siblings, children outside their parent, and gaps the children leave, for the groups touched. */
function shapeProblems(
  plan: readonly PlannedArea[],
  stored: ReadonlyMap<string, StoredArea>,
  featureIndex: ReadonlyMap<string, number>,
  rowIndex: ReadonlyMap<string, number>,
): Problem[] {
  const out: Problem[] = [];
  const finalShape = new Map<string, AreaGeometry>();
  const parentOfCode = new Map<string, string | null>();
  for (const s of stored.values())
    if (s.status === 'active') {
      if (s.boundary) finalShape.set(s.code, s.boundary);
      parentOfCode.set(s.code, s.parentCode);
    }
  for (const p of plan) {
    if (p.boundary) finalShape.set(p.code, p.boundary);
    parentOfCode.set(p.code, p.parentCode);
  }
  const changed = new Set(plan.filter((p) => p.boundary).map((p) => p.code));
  const children = new Map<string, Shape[]>();
  for (const [code, parent] of parentOfCode) {
    const g = finalShape.get(code);
    if (!parent || !g) continue;
    const list = children.get(parent) ?? [];
    list.push({ code, geometry: g });
    children.set(parent, list);
  }
  const where = (code: string) =>
    featureIndex.has(code)
      ? { source: 'feature' as const, index: featureIndex.get(code)! }
      : { source: 'row' as const, index: rowIndex.get(code) ?? 0 };
  for (const [parent, kids] of children) {
    const parentShape = finalShape.get(parent);
    const touched = changed.has(parent) || kids.some((k) => changed.has(k.code));
    if (!touched) continue;
    const found = groupProblems(parentShape ?? null, kids, changed);
    for (const o of found.overlaps) {
      const w = where(o.b);
      out.push(problem(w.source, w.index, o.b, 'overlaps_sibling', { other: o.a, percent: o.percent }));
    }
    for (const o of found.outside) {
      const w = where(o.code);
      out.push(problem(w.source, w.index, o.code, 'outside_parent', { percent: o.percent, parent }));
    }
    if (found.gap !== null) {
      const w = where(parent);
      out.push(problem(w.source, w.index, parent, 'gap_in_parent', { percent: found.gap }));
    }
  }
  return out;
}
