/**
 * Runs a job every `intervalMs` until stopped. A run that is still going when the next tick comes
 * is not doubled up (a slow sweep or roll-up must not pile up behind itself); a failed run is
 * logged and the job tries again on the next tick. Stopping waits for the run in progress, so a
 * graceful shutdown does not cut a job's transaction off.
 */
export function startInterval(
  run: () => Promise<unknown>,
  intervalMs: number,
  log: (err: unknown) => void,
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    running = run()
      .catch(log)
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
