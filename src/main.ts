import { createAppLogger } from './http/request-log.js';
import { type Config, ConfigError, loadConfig } from './lib/config.js';
import { startInterval } from './lib/interval.js';
import { progressLines } from './lib/progress-lines.js';
import { runSupervisionJob } from './modules/supervision/supervision-job.js';
import { createRuntime } from './runtime.js';
import { DEMO_PASSWORD } from './seed/demo-city.js';

async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  // Request lines carry the route pattern and a masked query string, never a body (src/http/request-log.ts).
  const logger = createAppLogger(config.logLevel);
  const t0 = Date.now();
  // Plain lines on stderr while a first start builds the demo (the log is JSON, for machines).
  const progress = progressLines((line) => process.stderr.write(`${line}\n`));
  const runtime = await createRuntime(config, { logger, progress });
  const { app, seeded, database } = runtime;
  if (runtime.migrations.length > 0) logger.info({ migrations: runtime.migrations }, 'migrations applied');
  if (seeded) {
    logger.info(
      {
        areas: seeded.areas,
        grids: seeded.grids,
        gridWorkers: seeded.gridWorkers,
        units: seeded.units,
        ...seeded.registry,
        source: runtime.demoSource,
      },
      runtime.demoSource === 'snapshot' ? 'demo city unpacked from its snapshot' : 'demo city seeded',
    );
  }
  // Signed checkpoints of the audit chain heads, outside the database: one before serving (it anchors
  // the chains and, after an upgrade, their unkeyed prefix before anything new is written), then on an
  // interval and at shutdown.
  const checkpoint = () => runtime.auditCheckpoint().catch((err) => logger.error({ err }, 'audit checkpoint failed'));
  if (config.auditCheckpointIntervalMs > 0) await checkpoint();
  await app.listen({ port: config.port, host: config.host });
  logger.info({ database: database.kind, startupMs: Date.now() - t0 }, 'Fengqiao is ready');

  if (seeded) {
    const lines = seeded.accounts.map((a) => `  ${a.username.padEnd(15)} ${a.note}`);
    console.log(
      `\nDemo city 张掖市 (620700) is ready at http://localhost:${config.port}\nAccounts (password ${DEMO_PASSWORD}):\n${lines.join('\n')}\n`,
    );
  }

  const stopSweeper =
    config.sweepIntervalMs > 0
      ? startInterval(
          () => runtime.sweep(),
          config.sweepIntervalMs,
          (err) => logger.error({ err }, 'deadline sweep failed'),
        )
      : async () => {};

  // Registry figures (population, special-group visits) are a whole-table count: once a minute is enough.
  const stopRollup =
    config.rollupIntervalMs > 0
      ? startInterval(
          () => runtime.rollup({ registryEveryMs: 60_000 }),
          config.rollupIntervalMs,
          (err) => logger.error({ err }, 'dashboard roll-up failed'),
        )
      : async () => {};

  let stopCheckpoints = async () => {};
  if (config.auditCheckpointIntervalMs > 0)
    stopCheckpoints = startInterval(checkpoint, config.auditCheckpointIntervalMs, () => {});

  // 挂牌督办: raise flags for the last complete period and stamp cases past their deadline.
  const stopSupervision = startInterval(
    () => runSupervisionJob(runtime.services),
    3_600_000,
    (err) => logger.error({ err }, 'supervision job failed'),
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: no new requests, finishing those in flight');
    const timer = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 15_000).unref();
    try {
      await stopSweeper();
      await stopRollup();
      await stopSupervision();
      await stopCheckpoints();
      // A last checkpoint, so a clean shutdown leaves the final heads anchored.
      if (config.auditCheckpointIntervalMs > 0) await checkpoint();
      await runtime.close();
      clearTimeout(timer);
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
