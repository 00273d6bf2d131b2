import type { AreaGeometry, Position } from '../../src/kernel/geometry.js';
import type { Role } from '../../src/kernel/permissions.js';
import { systemActor } from '../../src/lib/context.js';
import type { TestApp } from './harness.js';

export const square = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
export const box = (x0: number, y0: number, x1: number, y1: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [square(x0, y0, x1, y1)],
});

let nextCounty = 30 + Math.floor(Math.random() * 20);

/**
 * A fresh tenant for one test: a new county under the demo city 620700 (codes 620730..620799 are
 * unused by the demo), with one township, one village and two grids side by side. Each call uses a
 * new county code, so tests in one file do not see each other's data.
 */
export async function createTestCounty(t: TestApp) {
  const n = nextCounty++;
  if (n > 99) throw new Error('out of test county codes');
  const county = `6207${n}`;
  const township = `${county}101`;
  const village = `${township}201`;
  const x = 90 + n * 0.01;
  const areas = t.runtime.services.areas;
  const sys = systemActor('test');
  await areas.create(sys, {
    code: county,
    name: `测试县${n}`,
    parentCode: '620700',
    boundary: box(x, 30, x + 0.01, 30.01),
  });
  await areas.create(sys, {
    code: township,
    name: '测试镇',
    parentCode: county,
    boundary: box(x, 30, x + 0.01, 30.01),
  });
  await areas.create(sys, {
    code: village,
    name: '测试村',
    parentCode: township,
    boundary: box(x, 30, x + 0.01, 30.01),
  });
  await areas.create(sys, {
    code: `${village}001`,
    name: '测试村第1网格',
    parentCode: village,
    boundary: box(x, 30, x + 0.005, 30.01),
  });
  await areas.create(sys, {
    code: `${village}002`,
    name: '测试村第2网格',
    parentCode: village,
    boundary: box(x + 0.005, 30, x + 0.01, 30.01),
  });
  return { county, township, village, grids: [`${village}001`, `${village}002`] as [string, string], x };
}

let nextUser = 1;
export async function createUser(
  t: TestApp,
  roles: Role[],
  scopeCode: string,
  password = 'Test@Pass2026',
  unitId: string | null = null,
) {
  const username = `user${process.pid}x${nextUser++}`;
  const u = await t.runtime.services.users.create(systemActor('test'), {
    username,
    displayName: username,
    password,
    roles,
    scopeCode,
    unitId,
  });
  return { ...u, password, token: await t.login(username, password) };
}

/** The centre of the first grid (by code) under an area prefix: a point that geocodes into that grid. */
export async function firstGridCentre(t: TestApp, prefix: string): Promise<{ lng: number; lat: number }> {
  const g = await t.runtime.database.db
    .selectFrom('area')
    .select(['center_lng', 'center_lat'])
    .where('code', 'like', `${prefix}%`)
    .where('level', '=', 'grid')
    .orderBy('code')
    .limit(1)
    .executeTakeFirstOrThrow();
  return { lng: g.center_lng!, lat: g.center_lat! };
}
