import { afterEach, describe, expect, it, vi } from 'vitest';
import { startInterval } from './interval.js';

describe('startInterval', () => {
  afterEach(() => vi.useRealTimers());

  it('runs on every tick, skips a tick while the previous run is still going, and logs failures', async () => {
    vi.useFakeTimers();
    let release: () => void = () => {};
    let calls = 0;
    const errors: unknown[] = [];
    const run = () => {
      calls++;
      if (calls === 3) return Promise.reject(new Error('boom'));
      return new Promise<void>((res) => (release = res));
    };
    const stop = startInterval(run, 1000, (e) => errors.push(e));
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(calls).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(3);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(4);
    const stopped = stop();
    let done = false;
    void stopped.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    release();
    await stopped;
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toBe(4);
  });
});
