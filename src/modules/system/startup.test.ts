import { describe, expect, it } from 'vitest';
import { backend, cloneTemplate } from '../../../tests/helpers/harness.js';
import { TEST_MASTER_KEY } from '../../../tests/helpers/test-env.js';
import { ManualClock } from '../../lib/clock.js';
import { loadConfig } from '../../lib/config.js';
import { createRuntime } from '../../runtime.js';

const countAreas = async (rt: Awaited<ReturnType<typeof createRuntime>>) =>
  Number(
    (
      await rt.database.db
        .selectFrom('area')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe(`start-up seeding rules (${backend})`, () => {
  /** What the runtime reported while it started (main.ts prints it as progress lines). */
  const reported: string[] = [];
  const start = async (demo: 'auto' | 'on' | 'off') =>
    createRuntime(loadConfig({ DEMO: demo, DATA_DIR: '.tmp/unused', WEB_DIST: '.tmp/no-web' }), {
      clock: new ManualClock('2026-11-28T00:00:00Z'),
      database: await cloneTemplate('empty'),
      masterKey: TEST_MASTER_KEY,
      progress: (what, n, total) => reported.push(`${what} ${n}/${total}`),
    });

  it(`DEMO=auto ${backend === 'pglite' ? 'seeds the embedded database' : 'seeds nothing on a server database'}`, async () => {
    const rt = await start('auto');
    try {
      // 1 city, 6 counties, 78 townships, 934 villages and 7,452 grids.
      expect(await countAreas(rt)).toBe(backend === 'pglite' ? 8471 : 0);
      const health = await rt.app.inject({ url: '/api/health' });
      expect(health.json().database).toBe(backend);
      const config = await rt.app.inject({ url: '/api/client-config' });
      expect(config.json().demo).toBe(backend === 'pglite');
      // Each step of the demo is announced and its end reported; the template is migrated, so no migration runs.
      const steps = ['areas, units and registry', 'risk matters', 'events', 'map cells'];
      expect(reported.filter((r) => /^demo \d\/4 [a-z ,]+ [01]\/[01]$/.test(r))).toEqual(
        backend === 'pglite' ? steps.flatMap((s, i) => [`demo ${i + 1}/4 ${s} 0/0`, `demo ${i + 1}/4 ${s} 1/1`]) : [],
      );
      expect(reported.some((r) => r.startsWith('migrations'))).toBe(false);
    } finally {
      await rt.close();
    }
    // Seeding the whole demo city (registry, a year of events, risk matters) is checked here, not
    // timed: bench/startup.ts measures it. Under a loaded CI machine it can take over a minute.
  }, 180_000);

  it('DEMO=off never seeds, DEMO=on seeds only an empty database', async () => {
    const off = await start('off');
    expect(await countAreas(off)).toBe(0);
    await off.close();
    const on = await start('on');
    try {
      expect(on.seeded?.grids).toBe(7452);
      expect(on.seeded?.accounts.map((a) => a.username)).toEqual(
        expect.arrayContaining(['demo-city', 'demo-ganzhou', 'demo-gaotai', 'demo-grid', 'demo-leader']),
      );
      const login = await on.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'demo-leader', password: 'Demo@2026' },
      });
      expect(login.statusCode).toBe(200);
    } finally {
      await on.close();
    }
  }, 180_000);
});
