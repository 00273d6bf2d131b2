/**
 * Statistical division codes (国统字〔2009〕91号): 6-digit county (GB/T 2260), 3-digit township,
 * 3-digit village; a grid adds a 3-digit number. A city is the 6-digit prefecture code ending in 00.
 */
export const AREA_LEVELS = ['city', 'county', 'township', 'village', 'grid'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

const CODE_LENGTH: Record<AreaLevel, number> = { city: 6, county: 6, township: 9, village: 12, grid: 15 };

export type AreaCodeError =
  | 'code_format'
  | 'code_level_mismatch'
  | 'code_parent_mismatch'
  | 'parent_level_mismatch'
  | 'code_number_range';

export function parentLevel(level: AreaLevel): AreaLevel | null {
  const i = AREA_LEVELS.indexOf(level);
  return i > 0 ? (AREA_LEVELS[i - 1] ?? null) : null;
}

/** The level a well-formed code belongs to, or null. 6-digit codes ending in 00 are cities. */
export function levelOfCode(code: string): AreaLevel | null {
  if (!/^\d+$/.test(code)) return null;
  switch (code.length) {
    case 6:
      return code.endsWith('00') ? 'city' : 'county';
    case 9:
      return 'township';
    case 12:
      return 'village';
    case 15:
      return 'grid';
    default:
      return null;
  }
}

/** The 6-digit county code that shards an area's rows; a city shards under its own code. */
export function countyCodeOf(code: string): string {
  return code.slice(0, 6);
}

/** Every area in the subtree of `code` has a code starting with this prefix. */
export function subtreePrefix(code: string, level: AreaLevel): string {
  return level === 'city' ? code.slice(0, 4) : code;
}

/** What the parent's code must be for a child code at `level`. */
export function expectedParentCode(code: string, level: AreaLevel): string | null {
  switch (level) {
    case 'city':
      return null;
    case 'county':
      return `${code.slice(0, 4)}00`;
    default:
      return code.slice(0, CODE_LENGTH[level] - 3);
  }
}

export function townshipKind(code: string): 'street' | 'town' | 'township' | 'other' {
  const n = Number(code.slice(6, 9));
  if (n >= 1 && n <= 99) return 'street';
  if (n >= 100 && n <= 199) return 'town';
  if (n >= 200 && n <= 399) return 'township';
  return 'other';
}

/** Validates a new area's code against its level and parent. Returns the first problem found. */
export function validateAreaCode(
  code: string,
  level: AreaLevel,
  parent: { code: string; level: AreaLevel } | null,
): AreaCodeError | null {
  if (!/^\d+$/.test(code)) return 'code_format';
  if (code.length !== CODE_LENGTH[level] || levelOfCode(code) !== level) return 'code_level_mismatch';
  if (level !== 'city' && level !== 'county' && code.endsWith('000')) return 'code_number_range';
  if (level === 'city') return parent === null ? null : 'parent_level_mismatch';
  if (!parent || parent.level !== parentLevel(level)) return 'parent_level_mismatch';
  if (expectedParentCode(code, level) !== parent.code) return 'code_parent_mismatch';
  return null;
}

/** True when `code` lies in the subtree rooted at (scopeCode, scopeLevel), inclusive. */
export function inSubtree(code: string, scopeCode: string, scopeLevel: AreaLevel): boolean {
  return code.startsWith(subtreePrefix(scopeCode, scopeLevel));
}
