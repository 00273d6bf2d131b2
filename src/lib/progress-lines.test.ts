import { describe, expect, it } from 'vitest';
import { progressLines } from './progress-lines.js';

describe('progress lines', () => {
  it('announce a step, show n of N at most once a second, and always the end with its time', () => {
    const lines: string[] = [];
    let now = 0;
    const progress = progressLines((l) => lines.push(l), { now: () => now });
    progress('demo 2/4 people', 0, 0);
    now = 100;
    progress('demo 2/4 people', 1_000, 37_202); // within a second of the last line: dropped
    now = 600;
    progress('demo 2/4 people', 6_000, 37_202); // dropped too
    now = 1_200;
    progress('demo 2/4 people', 12_000, 37_202);
    now = 4_300;
    progress('demo 2/4 people', 37_202, 37_202);
    progress('demo 3/4 risk matters', 0, 0);
    now = 5_000;
    progress('demo 3/4 risk matters', 1, 1);
    expect(lines).toEqual([
      '[start] demo 2/4 people…',
      '[start] demo 2/4 people: 12,000 of 37,202',
      '[start] demo 2/4 people: 37,202 of 37,202 (4.3 s)',
      '[start] demo 3/4 risk matters…',
      '[start] demo 3/4 risk matters: done (0.7 s)',
    ]);
  });

  it('take another prefix, or none', () => {
    const lines: string[] = [];
    progressLines((l) => lines.push(l), { prefix: '' })('migrations', 0, 3);
    progressLines((l) => lines.push(l), { prefix: '[demo]' })('migrations', 0, 3);
    expect(lines).toEqual(['migrations: 0 of 3', '[demo] migrations: 0 of 3']);
  });
});
