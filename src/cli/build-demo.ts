import { DEMO_SNAPSHOT_MAX_AGE_MS, findDemoSnapshot, snapshotUnwanted } from '../demo-snapshot.js';
import { ConfigError, loadConfig } from '../lib/config.js';
import { progressLines } from '../lib/progress-lines.js';

/**
 * `npm run build:demo`: builds the demo snapshot (src/demo-snapshot.ts) unless the one for this code and seed is
 * there and younger than 7 days. `--force` rebuilds it anyway. `--if-needed` (what `npm start` passes) builds only
 * when the coming start would unpack it: an empty embedded DATA_DIR, the demo wanted, no key configured.
 * The seeding code is imported only when there is something to build, so the usual check takes a moment.
 */
async function main() {
  const config = loadConfig();
  const force = process.argv.includes('--force');
  const log = (line: string) => process.stderr.write(`[build:demo] ${line}\n`);
  if (!config.demoSnapshotDir) return log('DEMO_SNAPSHOT=off: nothing to build');
  if (process.argv.includes('--if-needed') && snapshotUnwanted(config, { database: false, masterKey: false }) !== null)
    return;
  const found = findDemoSnapshot(config.demoSnapshotDir, config.demoSeed, new Date());
  if ('snapshot' in found && !force)
    return log(`${found.snapshot.archive} is up to date (built ${found.snapshot.meta.builtAt})`);
  log(
    `${'missing' in found ? found.missing : 'rebuilding (--force)'}: seeding the demo once into a snapshot, ` +
      `used by first starts for ${DEMO_SNAPSHOT_MAX_AGE_MS / 86_400_000} days`,
  );
  const t0 = performance.now();
  const { buildDemoSnapshot } = await import('../demo-snapshot-build.js');
  const meta = await buildDemoSnapshot({
    dir: config.demoSnapshotDir,
    demoSeed: config.demoSeed,
    progress: progressLines(log, { prefix: '' }),
  });
  log(
    `${config.demoSnapshotDir}/${meta.key}.tar.gz: ${(meta.bytes / 1e6).toFixed(1)} MB, ` +
      `built in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}

main().catch((err) => {
  console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
  process.exit(1);
});
