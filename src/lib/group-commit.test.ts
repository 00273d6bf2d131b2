import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

/** A writer whose transactions finish when the test says so, recording what went in each. */
function gatedWriter(poison = -1) {
  const batches: number[][] = [];
  const gates: Array<() => void> = [];
  const gate = () => new Promise<void>((r) => gates.push(r));
  const writer = new GroupCommit<number, string>({
    maxBatch: 3,
    maxConcurrent: 1,
    writeMany: async (items) => {
      batches.push([...items]);
      await gate();
      if (items.includes(poison)) throw new Error('constraint violated');
      return items.map((i) => `many:${i}`);
    },
    writeOne: async (item) => {
      batches.push([item]);
      await gate();
      if (item === poison) throw new Error(`write ${item} refused`);
      return `one:${item}`;
    },
  });
  const release = async () => {
    // Let queued microtasks reach the writer before opening its gate.
    for (let i = 0; i < 5 && gates.length === 0; i++) await Promise.resolve();
    gates.shift()?.();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { writer, batches, release };
}

describe('GroupCommit', () => {
  it('writes a lone write at once, alone', async () => {
    const { writer, batches, release } = gatedWriter();
    const r = writer.submit(1);
    await release();
    expect(await r).toBe('one:1');
    expect(batches).toEqual([[1]]);
  });

  it('gathers the writes that arrive during a transaction into the next one, at most maxBatch each', async () => {
    const { writer, batches, release } = gatedWriter();
    const results = [1, 2, 3, 4, 5, 6].map((i) => writer.submit(i));
    // 1 went alone; 2–6 waited for it and go as [2,3,4] then [5,6].
    for (let i = 0; i < 3; i++) await release();
    expect(await Promise.all(results)).toEqual(['one:1', 'many:2', 'many:3', 'many:4', 'many:5', 'many:6']);
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6]]);
    expect(writer.stats).toEqual({ batches: 3, writes: 6, largest: 3, retried: 0 });
  });

  it('retries a failed batch one write at a time, so only the bad write fails', async () => {
    const { writer, batches, release } = gatedWriter(3);
    const results = [1, 2, 3, 4].map((i) =>
      writer.submit(i).then(
        (v) => v,
        (e: Error) => e.message,
      ),
    );
    for (let i = 0; i < 5; i++) await release();
    expect(await Promise.all(results)).toEqual(['one:1', 'one:2', 'write 3 refused', 'one:4']);
    expect(batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
    expect(writer.stats.retried).toBe(3);
  });

  it('holds writes until released, then writes them in groups', async () => {
    const { writer, batches, release } = gatedWriter();
    const go = writer.hold();
    const results = [1, 2, 3, 4].map((i) => writer.submit(i));
    await Promise.resolve();
    expect(writer.queued).toBe(4);
    expect(batches).toEqual([]);
    go();
    for (let i = 0; i < 2; i++) await release();
    expect(await Promise.all(results)).toEqual(['many:1', 'many:2', 'many:3', 'one:4']);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('refuses a batch size or concurrency below one', () => {
    expect(
      () => new GroupCommit({ maxBatch: 0, maxConcurrent: 1, writeMany: async () => [], writeOne: async () => 0 }),
    ).toThrow();
  });
});
