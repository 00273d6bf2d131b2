/**
 * The problems an area import reports, with stable ids and their messages in both languages. The report carries
 * both texts, so the web screen and the CLI show them without a second lookup.
 */
export type Severity = 'error' | 'warning';

const PROBLEMS = {
  // The files themselves.
  file_unreadable: ['error', '文件无法读取或格式不支持', 'The file cannot be read or its format is not supported'],
  columns_missing: ['error', '区划表缺少“代码”或“名称”列', 'The division table lacks a code or a name column'],
  // Rows of the division table.
  code_bad: [
    'error',
    '代码应为 6、9、12 或 15 位数字的统计用区划代码',
    'A code is 6, 9, 12 or 15 digits (statistical division code)',
  ],
  name_missing: ['error', '名称为空', 'The name is empty'],
  code_duplicate: ['error', '代码在表中重复出现(首次在第 {first} 行)', 'The code appears twice (first on row {first})'],
  parent_missing: [
    'error',
    '上级区划 {parent} 既不在表中也不在系统中',
    'The parent {parent} is neither in the table nor in the system',
  ],
  code_not_under_parent: [
    'error',
    '代码 {code} 不在上级 {parent} 之下(应以 {expected} 开头)',
    'Code {code} is not under its parent {parent} (it should start with {expected})',
  ],
  level_skipped: [
    'error',
    '层级跳过:{level} 的上级应为 {expected},而不是 {parentLevel}',
    'Level skipped: the parent of a {level} is a {expected}, not a {parentLevel}',
  ],
  code_number_range: ['error', '代码末三位不能为 000', 'The last three digits of a code cannot be 000'],
  outside_scope: ['error', '代码 {code} 不在您的管辖范围内', 'Code {code} is outside your area'],
  code_retired: [
    'error',
    '代码 {code} 已撤销,区划代码不可重用',
    'Code {code} was retired; division codes are never reused',
  ],
  parent_changed: [
    'error',
    '已有区划的上级不能改变(原为 {before})',
    'An existing area cannot change its parent (it was {before})',
  ],
  unit_without_boundary: ['warning', '该区划没有边界', 'This unit has no boundary'],
  // Features of the boundary file.
  feature_code_missing: [
    'error',
    '要素缺少属性 {property}(区划代码)',
    'The feature lacks the property {property} (division code)',
  ],
  boundary_without_unit: [
    'error',
    '边界 {code} 在区划表和系统中都没有对应区划',
    'Boundary {code} has no unit in the table or in the system',
  ],
  boundary_duplicate: [
    'error',
    '代码 {code} 有多个边界要素(首个为第 {first} 个)',
    'Code {code} has several boundary features (the first is #{first})',
  ],
  geometry_type: [
    'error',
    '几何类型应为 Polygon 或 MultiPolygon,而不是 {type}',
    'The geometry must be a Polygon or MultiPolygon, not {type}',
  ],
  ring_not_closed: ['error', '多边形的环未闭合(首尾点不同)', 'A ring of the polygon is not closed'],
  ring_too_short: ['error', '多边形的环少于 4 个点', 'A ring has fewer than 4 positions'],
  coordinate_range: ['error', '坐标超出经纬度范围', 'A coordinate is outside the longitude/latitude range'],
  ring_degenerate: ['error', '多边形面积为零', 'The polygon has no area'],
  too_many_vertices: ['error', '边界顶点过多(上限 {max})', 'Too many vertices (at most {max})'],
  self_intersection: [
    'error',
    '边界自相交({count} 处,首处约在 {at})',
    'The boundary intersects itself ({count} times, first near {at})',
  ],
  overlaps_sibling: [
    'error',
    '与同级区划 {other} 重叠约 {percent}%',
    'Overlaps its sibling {other} by about {percent}%',
  ],
  outside_parent: [
    'warning',
    '约 {percent}% 的面积超出上级区划 {parent} 的边界',
    'About {percent}% of its area lies outside its parent {parent}',
  ],
  gap_in_parent: [
    'warning',
    '下级区划未覆盖本区划约 {percent}% 的面积',
    'Its children leave about {percent}% of its area uncovered',
  ],
} as const satisfies Record<string, readonly [Severity, string, string]>;

export type ProblemId = keyof typeof PROBLEMS;
export type ProblemParams = Record<string, string | number>;

export interface Problem {
  /** 'row' for the division table (row as Excel shows it), 'feature' for the boundary file (1-based). */
  source: 'row' | 'feature' | 'file';
  index: number;
  code: string | null;
  problem: ProblemId;
  severity: Severity;
  message: string;
  messageEn: string;
}

const fill = (text: string, params: ProblemParams) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));

export function problem(
  source: Problem['source'],
  index: number,
  code: string | null,
  id: ProblemId,
  params: ProblemParams = {},
): Problem {
  const [severity, zh, en] = PROBLEMS[id];
  return { source, index, code, problem: id, severity, message: fill(zh, params), messageEn: fill(en, params) };
}
