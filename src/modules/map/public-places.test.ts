import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';
import { routeLimit } from '../system/rate-limit.plugin.js';

interface Place {
  code: string;
  name: string;
  level: string;
  parents: string[];
  lng: number;
  lat: number;
}

describe(`public place search by name (${backend})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(() => t?.close());

  const search = async (q: string) => {
    const r = await t.api('GET', `/api/public/places?q=${encodeURIComponent(q)}`);
    return { status: r.status, items: (r.body.items ?? []) as Place[], headers: r.headers };
  };

  it('finds a village by its name, with its township and county, without an account', async () => {
    const v = (
      await sql<{ code: string; name: string; township: string; county: string }>`
        select v.code, v.name, t.name as township, c.name as county
        from area v join area t on t.code = v.parent_code join area c on c.code = t.parent_code
        where v.level = 'village' and v.status = 'active' order by v.code limit 1`.execute(t.runtime.database.db)
    ).rows[0]!;
    const r = await search(v.name);
    expect(r.status).toBe(200);
    const hit = r.items.find((p) => p.code === v.code)!;
    expect(hit).toMatchObject({ name: v.name, level: 'village', parents: [v.county, v.township] });
    // Exact names come first; only codes, names and a point — nothing about people.
    expect(r.items[0]!.name).toBe(v.name);
    expect(Object.keys(hit).sort()).toEqual(['code', 'lat', 'level', 'lng', 'name', 'parents']);
    expect(hit.lng).toBeGreaterThan(97);
    expect(hit.lat).toBeGreaterThan(37);
    expect(r.items.length).toBeLessThanOrEqual(10);
  });

  it('finds a township by part of its name, under its county only', async () => {
    const town = (
      await sql<{ code: string; name: string; county: string }>`
        select t.code, t.name, c.name as county from area t join area c on c.code = t.parent_code
        where t.level = 'township' and t.status = 'active' order by t.code desc limit 1`.execute(t.runtime.database.db)
    ).rows[0]!;
    const part = town.name.slice(0, 2);
    const r = await search(part);
    expect(r.items.every((p) => p.name.includes(part))).toBe(true);
    expect(r.items.find((p) => p.code === town.code)).toMatchObject({ level: 'township', parents: [town.county] });
  });

  it('refuses an empty or long query, treats LIKE wildcards as text, and is rate-limited', async () => {
    expect((await search('')).status).toBe(400);
    expect((await search('村'.repeat(31))).status).toBe(400);
    expect((await search('%')).items).toEqual([]);
    expect((await search('_')).items).toEqual([]);
    expect(routeLimit('GET', '/api/public/places', 60, {})).toBe(60);
  });
});
