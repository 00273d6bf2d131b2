import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../tests/helpers/factories.js';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';

type Rule = {
  id: string;
  categoryPrefix: string;
  areaPrefix: string;
  centre: string;
  unitId: string | null;
  unitKind: string | null;
  note: string | null;
  editable: boolean;
};

describe(`routing rules: who may change the city-wide ones (${backend})`, () => {
  let t: TestApp;
  let city: string;
  let op: string;
  let county: Awaited<ReturnType<typeof createUser>>;
  let grid: { code: string; lng: number; lat: number };
  const db = () => t.runtime.database.db;
  const rules = async (token: string) =>
    ((await t.api('GET', '/api/routing-rules', { token })).body as { items: Rule[] }).items;
  const find = (items: Rule[], category: string, area: string) =>
    items.find((r) => r.categoryPrefix === category && r.areaPrefix === area)!;
  let spot = 0;
  const report = async (categoryCode: string) => {
    const r = await t.api('POST', '/api/events', {
      token: op,
      body: {
        categoryCode,
        description: '测试路由规则的事件',
        location: { lng: grid.lng + spot++ * 0.001, lat: grid.lat },
      },
    });
    expect(r.status).toBe(201);
    return r.body as { id: string; suggestedUnit: { id: string; kind: string } | null };
  };

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-26T02:00:00Z' });
    city = await t.login('demo-city');
    op = await t.login('demo-ganzhou');
    county = await createUser(t, ['admin'], '620702');
    const g = await db()
      .selectFrom('area')
      .select(['code', 'center_lng', 'center_lat'])
      .where('code', 'like', '620702%')
      .where('level', '=', 'grid')
      .orderBy('code')
      .limit(1)
      .executeTakeFirstOrThrow();
    grid = { code: g.code, lng: g.center_lng!, lat: g.center_lat! };
  });
  afterAll(() => t?.close());

  it("lets the city's administrator edit the installation-wide defaults; new events follow the new version", async () => {
    const items = await rules(city);
    const accident = find(items, '0108', '');
    expect(accident).toMatchObject({ unitKind: 'police', editable: true });
    const put = await t.api('PUT', `/api/routing-rules/${accident.id}`, {
      token: city,
      body: {
        categoryPrefix: '0108',
        areaPrefix: '',
        centre: 'dispute',
        unitKind: 'court',
        note: '交通事故纠纷 → 法院诉前调解',
      },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ areaPrefix: '', unitKind: 'court', editable: true });
    const versions = await db()
      .selectFrom('routing_rule')
      .select(['id', 'retired_at'])
      .where('category_prefix', '=', '0108')
      .where('area_prefix', '=', '')
      .execute();
    expect(new Map(versions.map((v) => [v.id, v.retired_at !== null]))).toEqual(
      new Map([
        [accident.id, true],
        [put.body.id, false],
      ]),
    );
    const e = await report('0108');
    expect(e.suggestedUnit?.kind).toBe('court');
    const routed = await db()
      .selectFrom('event')
      .select('routing_rule_id')
      .where('id', '=', e.id)
      .executeTakeFirstOrThrow();
    expect(routed.routing_rule_id).toBe(put.body.id);
  });

  it('accepts the city code as a city-wide rule, more specific than the defaults, stored as the city prefix', async () => {
    const post = await t.api('POST', '/api/routing-rules', {
      token: city,
      body: {
        categoryPrefix: '05',
        areaPrefix: '620700',
        centre: 'government',
        unitKind: 'department',
        note: '政务服务 → 部门',
      },
    });
    expect(post.status).toBe(201);
    expect(post.body).toMatchObject({ areaPrefix: '620700', editable: true });
    expect(
      (
        await db()
          .selectFrom('routing_rule')
          .select('area_prefix')
          .where('id', '=', post.body.id)
          .executeTakeFirstOrThrow()
      ).area_prefix,
    ).toBe('6207');
    const e = await report('0501');
    expect(
      (await db().selectFrom('event').select('routing_rule_id').where('id', '=', e.id).executeTakeFirstOrThrow())
        .routing_rule_id,
    ).toBe(post.body.id);
    expect(find(await rules(city), '05', '620700').editable).toBe(true);
  });

  it("keeps a county's administrator off the city-wide rules: shown read-only, 404 on change or retirement, 400 on creation", async () => {
    const items = await rules(county.token);
    const def = find(items, '01', '');
    const cityRule = find(items, '05', '620700');
    expect(def.editable).toBe(false);
    expect(cityRule.editable).toBe(false);
    const body = { categoryPrefix: '01', areaPrefix: '', centre: 'dispute', unitKind: 'court' };
    expect((await t.api('PUT', `/api/routing-rules/${def.id}`, { token: county.token, body })).status).toBe(404);
    expect(
      (
        await t.api('PUT', `/api/routing-rules/${def.id}`, {
          token: county.token,
          body: { ...body, areaPrefix: '620702' },
        })
      ).status,
    ).toBe(404);
    expect((await t.api('DELETE', `/api/routing-rules/${def.id}`, { token: county.token })).status).toBe(404);
    expect((await t.api('DELETE', `/api/routing-rules/${cityRule.id}`, { token: county.token })).status).toBe(404);
    expect((await t.api('POST', '/api/routing-rules', { token: county.token, body })).status).toBe(400);
    expect(
      (await t.api('POST', '/api/routing-rules', { token: county.token, body: { ...body, areaPrefix: '620700' } }))
        .status,
    ).toBe(400);
    expect(
      (await t.api('POST', '/api/routing-rules', { token: county.token, body: { ...body, areaPrefix: '620721' } }))
        .status,
    ).toBe(400);
    // Nothing changed.
    expect(
      (
        await db().selectFrom('routing_rule').select('retired_at').where('id', 'in', [def.id, cityRule.id]).execute()
      ).every((r) => r.retired_at === null),
    ).toBe(true);
    // Their own county is theirs.
    const own = await t.api('POST', '/api/routing-rules', {
      token: county.token,
      body: { ...body, areaPrefix: '620702' },
    });
    expect(own.status).toBe(201);
    expect(own.body.editable).toBe(true);
    // An operator may read the rules but change none.
    expect((await rules(op)).every((r) => !r.editable)).toBe(true);
    expect((await t.api('DELETE', `/api/routing-rules/${own.body.id}`, { token: op })).status).toBe(403);
  });

  it('lets the city administrator retire a default, which the audit log records', async () => {
    const def = find(await rules(city), '06', '');
    expect((await t.api('DELETE', `/api/routing-rules/${def.id}`, { token: city })).status).toBe(204);
    expect(find(await rules(city), '06', '')).toBeUndefined();
    const audit = await db().selectFrom('audit_log').select('action').where('entity_id', '=', def.id).execute();
    expect(audit.map((a) => a.action)).toContain('routing_rule.retire');
  });
});
