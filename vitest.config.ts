import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'scripts/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    // Vitest's default (one fewer than the cores) runs the files one at a time on two cores, and each file spends much
    // of its time waiting on a server, a database or the browser: two at a time took the PGlite run from 784 s to 645 s.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: 'UTC' },
    // expect.poll waits 1 s by default. A browser step (a click, its POST, the page's reload) on two cores shared with
    // other test files took longer than that on CI, so a passing journey failed now and then. A poll returns as soon as
    // it holds; only a real failure waits the full 15 s.
    expect: { poll: { timeout: 15_000, interval: 50 } },
  },
});
