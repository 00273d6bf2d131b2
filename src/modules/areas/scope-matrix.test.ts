import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';
import { DEMO_COUNTIES } from '../../seed/demo-layout.js';

/**
 * Every demo account against every county's data. Scope is enforced in the query layer, so the
 * same rule must hold for each area-bound endpoint: inside the subtree 200, outside 404.
 */
const ACCOUNTS: Record<string, (county: string) => boolean> = {
  'demo-city': () => true,
  'demo-leader': () => true,
  'demo-ganzhou': (c) => c === '620702',
  'demo-gaotai': (c) => c === '620724',
};

describe(`scope matrix (${backend})`, () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let sampleGrid: Record<string, string> = {};
  /** A point inside each county: its sample grid's label point. */
  let sampleCentre: Record<string, [number, number]> = {};

  beforeAll(async () => {
    t = await startTestApp();
    for (const u of [...Object.keys(ACCOUNTS), 'demo-grid', 'demo-mediator', 'demo-handler'])
      tokens[u] = await t.login(u);
    const rows = await t.runtime.database.db
      .selectFrom('area')
      .select(['county_code', (eb) => eb.fn.min('code').as('code')])
      .where('level', '=', 'grid')
      .groupBy('county_code')
      .execute();
    sampleGrid = Object.fromEntries(rows.map((r) => [r.county_code, String(r.code)]));
    const centres = await t.runtime.database.db
      .selectFrom('area')
      .select(['county_code', 'center_lng', 'center_lat'])
      .where(
        'code',
        'in',
        rows.map((r) => String(r.code)),
      )
      .execute();
    sampleCentre = Object.fromEntries(centres.map((r) => [r.county_code, [r.center_lng!, r.center_lat!]]));
  });
  afterAll(() => t.close());

  for (const [account, sees] of Object.entries(ACCOUNTS)) {
    for (const county of DEMO_COUNTIES) {
      const expected = sees(county.code) ? 200 : 404;
      it(`${account} × ${county.name} ${county.code} → ${expected}`, async () => {
        const token = tokens[account]!;
        const grid = sampleGrid[county.code]!;
        const urls = [
          `/api/areas/${county.code}`,
          `/api/areas/${county.code}/geometry`,
          `/api/areas/${county.code}/history`,
          `/api/areas/${grid}`,
          `/api/areas/${grid.slice(0, 9)}`,
          `/api/areas/${grid}/grid-workers`,
        ];
        for (const url of urls) {
          const r = await t.api('GET', url, { token });
          expect(r.status, `${account} GET ${url}`).toBe(expected);
        }
        const locate = await t.api(
          'GET',
          `/api/areas/locate?lng=${sampleCentre[county.code]![0]}&lat=${sampleCentre[county.code]![1]}`,
          { token },
        );
        expect(locate.status).toBe(expected);
        if (expected === 200) expect(locate.body.code.startsWith(county.code)).toBe(true);
        const search = await t.api('GET', `/api/areas?q=${county.code}`, { token });
        expect(search.status).toBe(200);
        expect(search.body.items.some((i: { code: string }) => i.code === county.code)).toBe(expected === 200);
      });
    }
  }

  it('demo-ganzhou cannot read the city node above its scope', async () => {
    expect((await t.api('GET', '/api/areas/620700', { token: tokens['demo-ganzhou'] })).status).toBe(404);
  });

  it('demo-grid sees its own grid only', async () => {
    const me = await t.api('GET', '/api/auth/me', { token: tokens['demo-grid'] });
    const grid = me.body.scope.code as string;
    expect(me.body.scope.level).toBe('grid');
    expect((await t.api('GET', `/api/areas/${grid}`, { token: tokens['demo-grid'] })).status).toBe(200);
    expect((await t.api('GET', `/api/areas/${grid.slice(0, 12)}`, { token: tokens['demo-grid'] })).status).toBe(404);
    const sibling = `${grid.slice(0, 12)}${String(Number(grid.slice(12)) + 1).padStart(3, '0')}`;
    expect((await t.api('GET', `/api/areas/${sibling}`, { token: tokens['demo-grid'] })).status).toBe(404);
    expect((await t.api('GET', '/api/areas/620724', { token: tokens['demo-grid'] })).status).toBe(404);
  });

  it('mediator and handler are held to their township', async () => {
    for (const u of ['demo-mediator', 'demo-handler']) {
      const me = await t.api('GET', '/api/auth/me', { token: tokens[u] });
      const township = me.body.scope.code as string;
      expect((await t.api('GET', `/api/areas/${township}`, { token: tokens[u] })).status).toBe(200);
      expect((await t.api('GET', '/api/areas/620702', { token: tokens[u] })).status).toBe(404);
      expect((await t.api('GET', '/api/areas/620724', { token: tokens[u] })).status).toBe(404);
    }
  });

  it('roles never widen scope: the leader reads but cannot write', async () => {
    const r = await t.api('PATCH', '/api/areas/620724', { token: tokens['demo-leader'], body: { name: '改名' } });
    expect(r.status).toBe(403);
  });

  it('an operator cannot rename areas, and an admin outside scope gets 404 not 403', async () => {
    expect(
      (await t.api('PATCH', '/api/areas/620702', { token: tokens['demo-ganzhou'], body: { name: '改名' } })).status,
    ).toBe(403);
  });

  it('user and audit lists are cut to the scope', async () => {
    const users = await t.api('GET', '/api/users', { token: tokens['demo-ganzhou'] });
    expect(users.status).toBe(200);
    const scopes = users.body.items.map((u: { scopeCode: string }) => u.scopeCode);
    expect(scopes.length).toBeGreaterThan(0);
    expect(scopes.every((c: string) => c.startsWith('620702'))).toBe(true);
    const audit = await t.api('GET', '/api/audit', { token: tokens['demo-leader'] });
    expect(audit.status).toBe(200);
    expect(audit.body.items.every((i: { areaCode: string | null }) => i.areaCode?.startsWith('6207'))).toBe(true);
  });
});
