/**
 * Human progress lines for a long start (the demo city is seeded on the first start): `what: n of N`, at most one
 * intermediate line a second, so a fast loop of reports does not flood the terminal. Reports follow the SeedProgress
 * shape (src/seed/seed-progress.ts): what, n, total, with two conventions of the start-up code:
 *   total 0       a step begins ("demo 2/4 risk matters…");
 *   n = total = 1 a step without counts of its own is done ("…: done (3.2 s)").
 * A step that reaches n = total always gets its line, with the time since it began.
 */
export function progressLines(
  write: (line: string) => void,
  opts: { prefix?: string; everyMs?: number; now?: () => number } = {},
): (what: string, n: number, total: number) => void {
  const prefix = opts.prefix ?? '[start]';
  const everyMs = opts.everyMs ?? 1000;
  const now = opts.now ?? (() => performance.now());
  const began = new Map<string, number>();
  let lastLine = Number.NEGATIVE_INFINITY;
  const count = (x: number) => x.toLocaleString('en-US');
  const seconds = (what: string) => {
    const t0 = began.get(what);
    return t0 === undefined ? '' : ` (${((now() - t0) / 1000).toFixed(1)} s)`;
  };
  return (what, n, total) => {
    const t = now();
    if (!began.has(what)) began.set(what, t);
    let line: string;
    if (total <= 0) line = `${what}…`;
    else if (n >= total)
      line =
        total === 1 ? `${what}: done${seconds(what)}` : `${what}: ${count(total)} of ${count(total)}${seconds(what)}`;
    else if (t - lastLine >= everyMs) line = `${what}: ${count(n)} of ${count(total)}`;
    else return;
    lastLine = t;
    write(prefix ? `${prefix} ${line}` : line);
  };
}
