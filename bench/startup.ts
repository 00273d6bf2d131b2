/**
 * Start-up time on the embedded database, each measure three times (p50 and every run):
 *   - the one-time demo build (`npm run build:demo -- --force` into a scratch snapshot folder);
 *   - a fresh start that unpacks that snapshot into an empty DATA_DIR;
 *   - a fresh start without a snapshot (DEMO_SNAPSHOT=off): migrations and the whole demo seed;
 *   - a restart on the data of the snapshot start;
 *   - a restart under tsx (`npm run serve`, what tests and development run), for comparison.
 * A start is timed from spawning the server (`node dist/main.js`, as `npm start` runs it after `npm run build:server`)
 * until /api/health answers. Each run also shows the process's CPU seconds at that moment (Linux /proc), which a
 * busy shared machine stretches less than the wall clock, and the 1-minute load average.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

interface Run {
  wallMs: number;
  cpuMs: number | null;
  load: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** User + system CPU of a live process, from /proc (null elsewhere). */
function cpuMs(pid: number | undefined): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime) in clock ticks; 100 a second on Linux.
    return ((Number(fields[11]) + Number(fields[12])) / 100) * 1000;
  } catch {
    return null;
  }
}

const load = () => os.loadavg()[0] ?? 0;

async function startOnce(dataDir: string, env: Record<string, string>, tsx = false): Promise<Run> {
  const port = await freePort();
  const t0 = performance.now();
  const args = tsx ? ['--import', 'tsx', 'src/main.ts'] : ['--enable-source-maps', 'dist/main.js'];
  const child: ChildProcess = spawn('node', args, {
    env: { ...process.env, ...env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', WEB_DIST: '.tmp/no-web' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${stderr}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const run = { wallMs: performance.now() - t0, cpuMs: cpuMs(child.pid), load: load() };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
  return run;
}

async function runCommand(cmd: string, args: string[], env: Record<string, string>): Promise<Run> {
  const t0 = performance.now();
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${stderr}`);
  return { wallMs: performance.now() - t0, cpuMs: null, load: load() };
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const s = (ms: number, digits = 1) => (ms / 1000).toFixed(digits);

function row(label: string, runs: Run[], target: string, digits = 1): string {
  const walls = runs.map((r) => s(r.wallMs, digits)).join(', ');
  const cpus = runs.every((r) => r.cpuMs !== null) ? runs.map((r) => s(r.cpuMs ?? 0, 1)).join(', ') : '–';
  const loads = runs.map((r) => r.load.toFixed(1)).join(', ');
  return `| ${label} | ${walls} | **${s(p50(runs.map((r) => r.wallMs)), digits)} s** | ${cpus} | ${loads} | ${target} |`;
}

export async function startupBench(runs = 3): Promise<string> {
  await runCommand('npm', ['run', 'build:server'], {});
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-bench-start-'));
  const snapshots = path.join(scratch, 'snapshots');
  const build: Run[] = [];
  const withSnapshot: Run[] = [];
  const seeding: Run[] = [];
  const restart: Run[] = [];
  const restartTsx: Run[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      build.push(
        await runCommand('node', ['--import', 'tsx', 'src/cli/build-demo.ts', '--force'], {
          DEMO_SNAPSHOT_DIR: snapshots,
        }),
      );
      console.error(`build:demo run ${i + 1}: ${s(build[i]?.wallMs ?? 0)} s`);
    }
    for (let i = 0; i < runs; i++) {
      const dir = path.join(scratch, `data-${i}`);
      withSnapshot.push(await startOnce(dir, { DEMO_SNAPSHOT_DIR: snapshots }));
      restart.push(await startOnce(dir, { DEMO_SNAPSHOT_DIR: snapshots }));
      restartTsx.push(await startOnce(dir, { DEMO_SNAPSHOT_DIR: snapshots }, true));
      fs.rmSync(dir, { recursive: true, force: true });
      const seeded = path.join(scratch, `seeded-${i}`);
      seeding.push(await startOnce(seeded, { DEMO_SNAPSHOT: 'off' }));
      fs.rmSync(seeded, { recursive: true, force: true });
      console.error(
        `run ${i + 1}: snapshot ${s(withSnapshot[i]?.wallMs ?? 0)} s, seeding ${s(seeding[i]?.wallMs ?? 0)} s, ` +
          `restart ${s(restart[i]?.wallMs ?? 0, 2)} s, restart under tsx ${s(restartTsx[i]?.wallMs ?? 0, 2)} s`,
      );
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return [
    '### Start-up (embedded PGlite)',
    '',
    '| measure | runs, wall (s) | p50 | runs, CPU (s) | load (1 min) | target |',
    '| --- | --- | --- | --- | --- | --- |',
    row('one-time demo build (`npm run build:demo`)', build, ''),
    row('fresh start, demo snapshot unpacked, until /api/health answers', withSnapshot, '< 20 s'),
    row('fresh start without a snapshot: migrate + seed the demo', seeding, ''),
    row('restart on existing data (`node dist/main.js`)', restart, '< 3 s', 2),
    row('restart under tsx (`npm run serve`)', restartTsx, '', 2),
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await startupBench(Number(process.argv[2] ?? 3)));
}
