/** Latency statistics and a bounded, fixed-concurrency request loop for the benchmarks. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export interface RunResult {
  name: string;
  requests: number;
  concurrency: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  perSecond: number;
  errors: number;
}

/** Runs `fn` `total` times with `concurrency` workers (bounded by count and by `maxMs`). */
export async function run(
  name: string,
  fn: (i: number) => Promise<boolean>,
  opts: { total: number; concurrency: number; maxMs?: number },
): Promise<RunResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + (opts.maxMs ?? 60_000);
  const worker = async () => {
    while (next < opts.total && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      const ok = await fn(i).catch(() => false);
      latencies.push(performance.now() - t0);
      if (!ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    requests: latencies.length,
    concurrency: opts.concurrency,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    perSecond: latencies.length / elapsed,
    errors,
  };
}

export function table(title: string, rows: RunResult[]): string {
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : '-');
  const lines = [
    `### ${title}`,
    '',
    '| measure | conc. | requests | p50 ms | p95 ms | p99 ms | req/s | errors |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.concurrency} | ${r.requests} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${f(r.perSecond)} | ${r.errors} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
