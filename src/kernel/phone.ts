/** Mainland mobile numbers (11 digits, 13x–19x) and landlines with an area code (0xx-xxxxxxxx). */
export function normalisePhone(raw: string): string {
  return raw.replace(/[\s()-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
}

export function isValidPhone(raw: string): boolean {
  const p = normalisePhone(raw);
  return /^1[3-9]\d{9}$/.test(p) || /^0\d{2,3}\d{7,8}$/.test(p);
}
