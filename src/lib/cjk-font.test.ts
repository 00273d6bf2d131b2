import { describe, expect, it } from 'vitest';
import { cjkFont } from './cjk-font.js';

describe('cjkFont', () => {
  it('finds the OpenType font shipped in the npm package, whatever fonts the system has', () => {
    for (const weight of ['regular', 'bold'] as const) {
      const f = cjkFont(weight);
      expect(f.source).toBe('npm');
      expect(f.path).toMatch(/@embedpdf\/fonts-sc\/fonts\/NotoSansHans-\w+\.otf$/);
      // OpenType with CFF outlines starts with the tag "OTTO".
      expect(f.bytes.subarray(0, 4).toString('latin1')).toBe('OTTO');
    }
  });
});
