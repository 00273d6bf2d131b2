/**
 * Resident ID numbers, GB 11643-1999: 6-digit region, 8-digit birth date, 3-digit sequence (odd
 * for men), and an ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82, 83, 91,
]);

export type IdNumberProblem =
  | 'id_number_format'
  | 'id_number_region'
  | 'id_number_birth_date'
  | 'id_number_check_digit';

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export function normaliseIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

export interface IdNumberFacts {
  birthDate: string;
  sex: 'male' | 'female';
  regionCode: string;
}

/** Checks the structure, region, birth date (not after `today`) and check digit. */
export function idNumberProblem(raw: string, today: Date): IdNumberProblem | null {
  const id = normaliseIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return 'id_number_format';
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return 'id_number_region';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (
    y < 1900 ||
    date.getUTCFullYear() !== y ||
    date.getUTCMonth() !== m - 1 ||
    date.getUTCDate() !== d ||
    date.getTime() > today.getTime()
  ) {
    return 'id_number_birth_date';
  }
  return idCheckChar(id) === id[17] ? null : 'id_number_check_digit';
}

export function idNumberFacts(raw: string): IdNumberFacts {
  const id = normaliseIdNumber(raw);
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: id.slice(0, 6),
  };
}

/** Builds a valid number (for synthetic demo data and tests). */
export function makeIdNumber(region: string, birthDate: string, sequence: number): string {
  const first17 = `${region}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return `${first17}${idCheckChar(first17)}`;
}
