import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone, PersonalDataCipher } from './personal-data.js';

describe('PersonalDataCipher', () => {
  const cipher = new PersonalDataCipher(Buffer.alloc(32, 1));
  it('round-trips and never stores the plain text', () => {
    const stored = cipher.encrypt('13912345678');
    expect(stored).not.toContain('13912345678');
    expect(cipher.decrypt(stored)).toBe('13912345678');
    expect(cipher.encrypt('13912345678')).not.toBe(stored);
  });
  it('detects tampering', () => {
    const stored = cipher.encrypt('13912345678');
    const parts = stored.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
  });
  it('hashes for lookup deterministically, per kind and per key', () => {
    expect(cipher.lookupHash('phone', '139 1234 5678')).toBe(cipher.lookupHash('phone', '13912345678'));
    expect(cipher.lookupHash('phone', '13912345678')).not.toBe(cipher.lookupHash('id_number', '13912345678'));
    expect(new PersonalDataCipher(Buffer.alloc(32, 2)).lookupHash('phone', '13912345678')).not.toBe(
      cipher.lookupHash('phone', '13912345678'),
    );
  });
  it('refuses a short key', () => expect(() => new PersonalDataCipher(Buffer.alloc(16))).toThrow());
});

describe('masking', () => {
  it('masks phones and ID numbers', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
    expect(maskIdNumber('62070219900101123X')).toBe('6207**********123X');
  });
});
