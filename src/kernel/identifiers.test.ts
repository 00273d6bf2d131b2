import { describe, expect, it } from 'vitest';
import { creditCheckChar, creditCodeProblem, makeCreditCode } from './credit-code.js';
import { idCheckChar, idNumberFacts, idNumberProblem, makeIdNumber } from './id-number.js';
import { isValidPhone, normalisePhone } from './phone.js';

const today = new Date('2026-11-28T00:00:00Z');

describe('ID numbers (GB 11643, ISO 7064 MOD 11-2)', () => {
  it('computes the check character of the standard example', () => {
    // GB 11643-1999 appendix example: 11010519491231002X.
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idNumberProblem('11010519491231002X', today)).toBeNull();
    expect(idNumberProblem('11010519491231002x', today)).toBeNull();
  });
  it('rejects a wrong check digit, format, region and dates', () => {
    expect(idNumberProblem('110105194912310021', today)).toBe('id_number_check_digit');
    expect(idNumberProblem('1101051949123100', today)).toBe('id_number_format');
    expect(idNumberProblem('11010519491231002Y', today)).toBe('id_number_format');
    expect(idNumberProblem(makeIdNumber('990105', '1949-12-31', 2), today)).toBe('id_number_region');
    expect(idNumberProblem(makeIdNumber('620702', '1990-02-30', 2), today)).toBe('id_number_birth_date');
    expect(idNumberProblem(makeIdNumber('620702', '2027-01-01', 2), today)).toBe('id_number_birth_date');
    expect(idNumberProblem(makeIdNumber('620702', '1899-12-31', 2), today)).toBe('id_number_birth_date');
  });
  it('derives birth date and sex', () => {
    expect(idNumberFacts('11010519491231002X')).toEqual({
      birthDate: '1949-12-31',
      sex: 'female',
      regionCode: '110105',
    });
    expect(idNumberFacts(makeIdNumber('620702', '1988-06-01', 13)).sex).toBe('male');
  });
  it('accepts every number it makes, and any single changed digit fails', () => {
    for (let s = 1; s < 200; s += 7) {
      const id = makeIdNumber('620724', '1975-03-09', s);
      expect(idNumberProblem(id, today)).toBeNull();
      const changed = `${id.slice(0, 15)}${(Number(id[15]) + 1) % 10}${id.slice(16)}`;
      expect(idNumberProblem(changed, today)).toBe('id_number_check_digit');
    }
  });
});

describe('credit codes (GB 32100)', () => {
  it('validates a known-good code', () => {
    // A published code of a real enterprise registry entry shape: 91350100M000100Y43.
    expect(creditCheckChar('91350100M000100Y4')).toBe('3');
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
  });
  it('rejects wrong check characters and letters outside the alphabet', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('credit_code_check');
    expect(creditCodeProblem('91350100M000100I43')).toBe('credit_code_format');
    expect(creditCodeProblem('9135')).toBe('credit_code_format');
  });
  it('accepts what it makes', () => {
    const code = makeCreditCode('91', '620702', 'MA7TEWT01');
    expect(creditCodeProblem(code)).toBeNull();
  });
});

describe('phones', () => {
  it.each([
    ['13912345678', true],
    ['+86 139 1234 5678', true],
    ['0936-8212345', true],
    ['12912345678', false],
    ['1391234567', false],
    ['abc', false],
  ])('%s -> %s', (p, ok) => expect(isValidPhone(p)).toBe(ok));
  it('normalises', () => expect(normalisePhone('+86 139-1234-5678')).toBe('13912345678'));
});
