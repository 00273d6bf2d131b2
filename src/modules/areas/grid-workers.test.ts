import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCounty } from '../../../tests/helpers/factories.js';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';

describe(`grid workers (${backend})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists the workers of a grid with masked phones; phones are encrypted at rest', async () => {
    const token = await t.login('demo-ganzhou');
    const me = await t.api('GET', '/api/auth/me', { token: await t.login('demo-grid') });
    const grid = me.body.scope.code as string;
    const r = await t.api('GET', `/api/areas/${grid}/grid-workers`, { token });
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeGreaterThan(0);
    const w = r.body.items.find((i: { hasAccount: boolean }) => i.hasAccount);
    expect(w.phoneMasked).toMatch(/^199\*{4}\d{4}$/);
    expect(w.gridCodes).toContain(grid);
    const stored = await t.runtime.database.db
      .selectFrom('grid_worker')
      .select(['phone_enc'])
      .where('id', '=', w.id)
      .executeTakeFirstOrThrow();
    expect(stored.phone_enc).toMatch(/^v1\./);
    expect(stored.phone_enc).not.toContain(w.phoneMasked.slice(-4));
  });

  it('shows a full phone only with the permission, and audits each view', async () => {
    const operator = await t.login('demo-ganzhou');
    const list = await t.api('GET', '/api/areas/620702/grid-workers?limit=1', { token: operator });
    const id = list.body.items[0].id as string;
    const full = await t.api('GET', `/api/grid-workers/${id}/phone`, { token: operator });
    expect(full.status).toBe(200);
    expect(full.body.phone).toMatch(/^199\d{8}$/);
    expect(full.body.phone.slice(-4)).toBe(list.body.items[0].phoneMasked.slice(-4));
    const audit = await t.runtime.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('entity_id', '=', id)
      .execute();
    expect(audit).toEqual([{ action: 'personal.read', actor_name: 'demo-ganzhou' }]);

    const leader = await t.login('demo-leader');
    expect((await t.api('GET', `/api/grid-workers/${id}/phone`, { token: leader })).status).toBe(403);
    const gaotai = await t.login('demo-gaotai');
    expect((await t.api('GET', `/api/grid-workers/${id}/phone`, { token: gaotai })).status).toBe(404);
  });

  it('assigns and unassigns workers, keeping history', async () => {
    const c = await createTestCounty(t);
    const admin = await t.login('demo-city');
    const worker = await t.runtime.database.db
      .insertInto('grid_worker')
      .values({ county_code: c.county, home_code: c.grids[0]!, name: '测试网格员', created_at: t.clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const g of c.grids)
      expect(
        (await t.api('POST', `/api/grids/${g}/assignments`, { token: admin, body: { gridWorkerId: worker.id } }))
          .status,
      ).toBe(201);
    const again = await t.api('POST', `/api/grids/${c.grids[0]}/assignments`, {
      token: admin,
      body: { gridWorkerId: worker.id },
    });
    expect(again.status).toBe(409);
    const village = await t.api('GET', `/api/areas/${c.village}/grid-workers`, { token: admin });
    expect(village.body.items).toHaveLength(1);
    expect(village.body.items[0].gridCodes).toEqual(c.grids);
    const notGrid = await t.api('POST', `/api/grids/${c.village}/assignments`, {
      token: admin,
      body: { gridWorkerId: worker.id },
    });
    expect(notGrid.status).toBe(400);

    const ended = await t.api(
      'DELETE',
      `/api/grids/${c.grids[0]}/assignments/${worker.id}?reason=${encodeURIComponent('调离')}`,
      { token: admin },
    );
    expect(ended.status).toBe(200);
    expect(ended.body.endedAt).toBe(t.clock.now().toISOString());
    const after = await t.api('GET', `/api/areas/${c.village}/grid-workers`, { token: admin });
    expect(after.body.items[0].gridCodes).toEqual([c.grids[1]]);
    const rows = await t.runtime.database.db
      .selectFrom('grid_assignment')
      .select('ended_at')
      .where('grid_worker_id', '=', worker.id)
      .execute();
    expect(rows).toHaveLength(2);
  });
});
