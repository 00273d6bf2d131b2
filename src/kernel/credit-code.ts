/**
 * Unified social credit codes, GB 32100-2015: 18 characters from a 31-character alphabet (no I, O,
 * S, V, Z): registering authority, organisation category, 6-digit region, 9-character organisation
 * code, and a MOD 31 check character.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'credit_code_format' | 'credit_code_check';

export function creditCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function creditCodeProblem(raw: string): CreditCodeProblem | null {
  const code = raw.trim().toUpperCase();
  if (
    code.length !== 18 ||
    [...code].some((c) => !ALPHABET.includes(c)) ||
    !/^[0-9A-HJ-NP-RTUWXY]{2}\d{6}/.test(code)
  ) {
    return 'credit_code_format';
  }
  return creditCheckChar(code) === code[17] ? null : 'credit_code_check';
}

/** Builds a valid code (for synthetic demo data and tests). */
export function makeCreditCode(authorityAndKind: string, region: string, orgCode9: string): string {
  const first17 = `${authorityAndKind}${region}${orgCode9}`;
  return `${first17}${creditCheckChar(first17)}`;
}
