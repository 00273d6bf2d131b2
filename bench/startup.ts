/**
 * Start-up time: from an empty embedded database (migrations + seeding the whole demo city) and a
 * restart on that data, measured from spawning `tsx src/main.ts` until /api/health answers, plus
 * how long a graceful shutdown (SIGTERM) takes. Three runs each; prints every run and the median.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function startOnce(dataDir: string): Promise<{ readyMs: number; shutdownMs: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child: ChildProcess = spawn('node', ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error('server did not start within 120 s');
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const readyMs = performance.now() - t0;
  const t1 = performance.now();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
  return { readyMs, shutdownMs: performance.now() - t1 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function startupBench(runs = 3): Promise<string> {
  const fresh: number[] = [];
  const restart: number[] = [];
  const shutdown: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-bench-start-'));
    const a = await startOnce(dir);
    const b = await startOnce(dir);
    fresh.push(a.readyMs);
    restart.push(b.readyMs);
    shutdown.push(a.shutdownMs, b.shutdownMs);
    console.log(
      `run ${i + 1}: empty database + demo seed ${(a.readyMs / 1000).toFixed(1)} s, restart ${(b.readyMs / 1000).toFixed(2)} s, shutdown ${b.shutdownMs.toFixed(0)} ms`,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const out = [
    '### Start-up (embedded PGlite)',
    '',
    '| measure | runs (s) | median | target |',
    '| --- | --- | --- | --- |',
    `| empty database: migrate + seed the demo city, until /api/health answers | ${fresh.map((x) => (x / 1000).toFixed(1)).join(', ')} | **${(median(fresh) / 1000).toFixed(1)} s** | < 60 s |`,
    `| restart on existing data | ${restart.map((x) => (x / 1000).toFixed(2)).join(', ')} | **${(median(restart) / 1000).toFixed(2)} s** | < 5 s |`,
    `| graceful shutdown (SIGTERM to exit) | ${shutdown.map((x) => (x / 1000).toFixed(2)).join(', ')} | ${(median(shutdown) / 1000).toFixed(2)} s | |`,
    '',
  ].join('\n');
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await startupBench(Number(process.argv[2] ?? 3)));
}
