import { describe, expect, it } from 'vitest';
import { delayAfter } from './login-throttle.js';

describe('delayAfter', () => {
  it('is free up to the threshold, then doubles from the base to the cap', () => {
    const delays = Array.from({ length: 16 }, (_, i) => delayAfter(i + 1, 5, 1000, 15 * 60_000));
    expect(delays).toEqual([
      0, 0, 0, 0, 1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 256_000, 512_000, 900_000, 900_000,
    ]);
  });
  it('stays at the cap for absurd counts', () => {
    expect(delayAfter(1_000_000, 5, 1000, 60_000)).toBe(60_000);
  });
});
