/**
 * Group commit: writes submitted while earlier ones are being written wait, and go together in the next
 * transaction. Nothing waits for a timer: a lone write goes at once, and batches grow only as fast as the
 * database falls behind, so an idle system answers as before and a busy one pays one transaction's fixed
 * costs (round trips, chain-head locks, the commit's WAL flush) for many writes.
 *
 * A batch that fails is retried one write at a time, so a bad write fails alone and the others land.
 *
 * Reads that every request makes (intake's grid and duplicate lookups) use the same gathering: one statement for
 * many answers, because at a thousand a second the round trip, not the lookup, is the cost.
 */
export interface GroupCommitOptions<T, R> {
  /** Most writes in one transaction. */
  maxBatch: number;
  /** Transactions in flight at once (per process). */
  maxConcurrent: number;
  writeMany(items: T[]): Promise<R[]>;
  writeOne(item: T): Promise<R>;
}

interface Waiting<T, R> {
  item: T;
  resolve(r: R): void;
  reject(e: unknown): void;
}

export class GroupCommit<T, R> {
  private readonly queue: Array<Waiting<T, R>> = [];
  private running = 0;
  private held = false;
  /** Sizes of the batches written, for the benchmark and the tests. */
  readonly stats = { batches: 0, writes: 0, largest: 0, retried: 0 };

  constructor(private readonly o: GroupCommitOptions<T, R>) {
    if (o.maxBatch < 1 || o.maxConcurrent < 1) throw new Error('maxBatch and maxConcurrent must be at least 1');
  }

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  /** Writes submitted and not yet begun. */
  get queued(): number {
    return this.queue.length;
  }

  /**
   * Holds every new write in the queue until the returned function is called, which writes them in groups: for
   * tests that need a group of a known size on any back end.
   */
  hold(): () => void {
    this.held = true;
    return () => {
      this.held = false;
      this.pump();
    };
  }

  private pump(): void {
    while (!this.held && this.running < this.o.maxConcurrent && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.o.maxBatch);
      this.running += 1;
      void this.flush(batch).finally(() => {
        this.running -= 1;
        this.pump();
      });
    }
  }

  private async flush(batch: Array<Waiting<T, R>>): Promise<void> {
    this.stats.batches += 1;
    this.stats.writes += batch.length;
    this.stats.largest = Math.max(this.stats.largest, batch.length);
    if (batch.length === 1) return this.one(batch[0]!);
    let results: R[];
    try {
      results = await this.o.writeMany(batch.map((w) => w.item));
      if (results.length !== batch.length)
        throw new Error(`writeMany returned ${results.length} results for ${batch.length} writes`);
    } catch {
      // Which write broke the batch is unknown; each goes again alone and answers for itself.
      this.stats.retried += batch.length;
      for (const w of batch) await this.one(w);
      return;
    }
    batch.forEach((w, i) => {
      w.resolve(results[i]!);
    });
  }

  private async one(w: Waiting<T, R>): Promise<void> {
    try {
      w.resolve(await this.o.writeOne(w.item));
    } catch (e) {
      w.reject(e);
    }
  }
}
