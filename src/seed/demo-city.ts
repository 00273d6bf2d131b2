import { sql } from 'kysely';
import type { Db, Executor } from '../db/database.js';
import type { AreaLevel, NewArea } from '../db/schema.js';
import { type AreaGeometry, geometryBbox, labelPoint, toPgBox, toRingRows } from '../kernel/geometry.js';
import type { Clock } from '../lib/clock.js';
import type { PersonalDataCipher } from '../lib/personal-data.js';
import { hashPassword } from '../modules/accounts/auth.service.js';
import { insertRings } from '../modules/areas/area.repository.js';
import type { AuditService } from '../modules/audit/audit.service.js';
import { COUNTY_UNITS, DEMO_CITY, DEMO_COUNTIES, GRIDS_PER_VILLAGE, TOWNSHIP_UNITS } from './demo-layout.js';
import { type RegistrySeedResult, seedDemoRegistry } from './demo-registry.js';
import { demoPhone, personName, townshipName, villageName } from './names.js';
import { Prng } from './prng.js';
import { apportion, boxQuad, type Quad, quadRing, subdivide } from './subdivide.js';

export const DEMO_PASSWORD = 'Demo@2026';

export interface DemoAccount {
  username: string;
  displayName: string;
  roles: string[];
  scopeCode: string;
  note: string;
}

interface Built {
  areas: NewArea[];
  rings: Parameters<typeof insertRings>[1];
  gridCodes: string[];
}

async function insertBatched<T>(rows: T[], size: number, insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** The area tree with polygons, deterministic from the seed. */
export function buildDemoAreas(seed: number, now: Date): Built {
  const rng = new Prng(seed);
  const areas: NewArea[] = [];
  const rings: Built['rings'] = [];
  const gridCodes: string[] = [];
  const add = (code: string, level: AreaLevel, name: string, parent: string | null, g: AreaGeometry) => {
    const [lng, lat] = labelPoint(g);
    areas.push({
      code,
      county_code: code.slice(0, 6),
      level,
      name,
      parent_code: parent,
      boundary: JSON.stringify(g),
      bbox: toPgBox(geometryBbox(g)),
      center_lng: lng,
      center_lat: lat,
      created_at: now,
      updated_at: now,
    });
    for (const r of toRingRows(g)) rings.push({ ...r, areaCode: code, countyCode: code.slice(0, 6), level });
  };
  const poly = (q: Quad): AreaGeometry => ({ type: 'Polygon', coordinates: [quadRing(q)] });

  const [minLng, minLat, maxLng, maxLat] = DEMO_CITY.box;
  add(DEMO_CITY.code, 'city', DEMO_CITY.name, null, poly(boxQuad(minLng, minLat, maxLng, maxLat)));

  for (const county of DEMO_COUNTIES) {
    const countyQuad = boxQuad(...county.box);
    add(county.code, 'county', county.name, DEMO_CITY.code, poly(countyQuad));
    const villageTotal = Math.round(county.grids / GRIDS_PER_VILLAGE);
    const villagesPerTownship = apportion(villageTotal, county.townships, rng, 3);
    const usedNames = new Set<string>();
    const townshipQuads = subdivide(countyQuad, county.townships, rng);
    let town = 100;
    let rural = 200;
    let gridsLeft = county.grids;
    let villagesLeft = villageTotal;

    townshipQuads.forEach((tq, t) => {
      const kind = t < county.streets ? 'street' : rng.next() < 0.65 ? 'town' : 'township';
      const number = kind === 'street' ? t + 1 : kind === 'town' ? town++ : rural++;
      const tCode = `${county.code}${String(number).padStart(3, '0')}`;
      add(tCode, 'township', townshipName(rng, usedNames, kind), county.code, poly(tq));

      const nVillages = villagesPerTownship[t]!;
      // Grids follow villages, so each township's share is proportional to its villages.
      const tGrids = t === county.townships - 1 ? gridsLeft : Math.round((gridsLeft * nVillages) / villagesLeft);
      gridsLeft -= tGrids;
      villagesLeft -= nVillages;
      const gridsPerVillage = apportion(tGrids, nVillages, rng, 1);
      let community = 1;
      let village = 200;
      subdivide(tq, nVillages, rng).forEach((vq, v) => {
        const isCommunity = kind === 'street' || rng.next() < 0.12;
        const vNumber = isCommunity ? community++ : village++;
        const vCode = `${tCode}${String(vNumber).padStart(3, '0')}`;
        const vName = villageName(rng, usedNames, isCommunity);
        add(vCode, 'village', vName, tCode, poly(vq));
        subdivide(vq, gridsPerVillage[v]!, rng).forEach((gq, g) => {
          const gCode = `${vCode}${String(g + 1).padStart(3, '0')}`;
          add(gCode, 'grid', `${vName}第${g + 1}网格`, vCode, poly(gq));
          gridCodes.push(gCode);
        });
      });
    });
  }
  return { areas, rings, gridCodes };
}

export interface SeedResult {
  areas: number;
  grids: number;
  gridWorkers: number;
  units: number;
  accounts: DemoAccount[];
  registry: RegistrySeedResult;
}

/** Seeds the demo city into an empty database, in one transaction. */
export async function seedDemoCity(
  db: Db,
  deps: { clock: Clock; cipher: PersonalDataCipher; audit: AuditService },
  seed: number,
): Promise<SeedResult> {
  const now = deps.clock.now();
  const rng = new Prng(seed ^ 0x5eed);
  const built = buildDemoAreas(seed, now);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const result = await db.transaction().execute(async (trx) => {
    await insertBatched(built.areas, 1000, (b) => trx.insertInto('area').values(b).execute());
    await insertBatched(built.rings, 2000, (b) => insertRings(trx, b));

    const units = buildUnits(built.areas, rng, now);
    await insertBatched(units, 1000, (b) => trx.insertInto('unit').values(b).execute());

    const { firstWorker: workerIds, workers: workerCount } = await seedGridWorkers(
      trx,
      built.gridCodes,
      rng,
      deps.cipher,
      now,
    );

    const ganzhouGrid = built.gridCodes.find((c) => c.startsWith('620702'))!;
    const ganzhouTownship = ganzhouGrid.slice(0, 9);
    const accounts: DemoAccount[] = [
      {
        username: 'demo-city',
        displayName: '张掖市管理员',
        roles: ['admin'],
        scopeCode: '620700',
        note: 'administrator of 张掖市',
      },
      {
        username: 'demo-ganzhou',
        displayName: '甘州区综治中心坐席',
        roles: ['operator'],
        scopeCode: '620702',
        note: 'operator of 甘州区',
      },
      {
        username: 'demo-gaotai',
        displayName: '高台县综治中心坐席',
        roles: ['operator'],
        scopeCode: '620724',
        note: 'operator of 高台县',
      },
      {
        username: 'demo-grid',
        displayName: '甘州区网格员',
        roles: ['grid_worker'],
        scopeCode: ganzhouGrid,
        note: `grid worker of ${ganzhouGrid}`,
      },
      {
        username: 'demo-leader',
        displayName: '张掖市领导',
        roles: ['leader'],
        scopeCode: '620700',
        note: 'read-only leader of 张掖市',
      },
      {
        username: 'demo-mediator',
        displayName: '甘州区调解员',
        roles: ['mediator'],
        scopeCode: ganzhouTownship,
        note: `mediator of ${ganzhouTownship}`,
      },
      {
        username: 'demo-handler',
        displayName: '甘州区司法所承办人',
        roles: ['handler'],
        scopeCode: ganzhouTownship,
        note: `handler at ${ganzhouTownship} 司法所`,
      },
    ];
    const justiceOffice = units.find((u) => u.area_code === ganzhouTownship && u.kind === 'justice_office')!;
    const userIds = new Map<string, string>();
    for (const a of accounts) {
      const row = await trx
        .insertInto('app_user')
        .values({
          username: a.username,
          display_name: a.displayName,
          password_hash: passwordHash,
          roles: a.roles,
          scope_code: a.scopeCode,
          unit_id: a.username === 'demo-handler' ? justiceOffice.id : null,
          created_at: now,
          updated_at: now,
          password_changed_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      userIds.set(a.username, row.id);
    }
    // The demo grid worker's account is the worker record of its grid.
    await trx
      .updateTable('grid_worker')
      .set({ user_id: userIds.get('demo-grid')! })
      .where('id', '=', workerIds.get(ganzhouGrid)!)
      .execute();
    const registry = await seedDemoRegistry(
      trx,
      { cipher: deps.cipher, rng: new Prng(seed ^ 0x6e91), now, workerByGrid: workerIds },
      built.areas.filter((a) => a.level === 'grid'),
    );
    await trx
      .insertInto('app_setting')
      .values({ key: 'demo', value: JSON.stringify({ seed, seededAt: now.toISOString() }) })
      .execute();

    const system = { userId: null, username: 'system:demo-seed', ip: null };
    for (const county of DEMO_COUNTIES) {
      const inCounty = (c: string) => c.startsWith(county.code);
      await deps.audit.record(trx, system, {
        action: 'demo.seed',
        entityType: 'area',
        entityId: county.code,
        areaCode: county.code,
        after: {
          seed,
          areas: built.areas.filter((a) => inCounty(a.code)).length,
          grids: built.gridCodes.filter(inCounty).length,
          registry,
        },
      });
    }
    await deps.audit.record(trx, system, {
      action: 'demo.seed_accounts',
      entityType: 'user',
      entityId: 'demo',
      areaCode: null,
      after: { accounts: accounts.map((a) => a.username) },
    });
    return {
      areas: built.areas.length,
      grids: built.gridCodes.length,
      gridWorkers: workerCount,
      units: units.length,
      accounts,
      registry,
    };
  });
  // Fresh statistics, so the planner uses the gram and GiST indexes from the first query on.
  await sql`analyze`.execute(db);
  return result;
}

function buildUnits(areas: NewArea[], rng: Prng, now: Date) {
  const counties = areas.filter((a) => a.level === 'county');
  const townships = areas.filter((a) => a.level === 'township');
  return [
    ...counties.flatMap((c) =>
      COUNTY_UNITS.map((u) => ({
        id: rng.uuid(),
        county_code: c.code,
        area_code: c.code,
        code: `${c.code}-${u.suffix}`,
        name: u.kind === 'law_firm' ? `${c.name.slice(0, 2)}正义律师事务所` : `${c.name}${u.name}`,
        kind: u.kind,
        created_at: now,
      })),
    ),
    ...townships.flatMap((t) =>
      TOWNSHIP_UNITS.map((u) => ({
        id: rng.uuid(),
        county_code: t.county_code,
        area_code: t.code,
        code: `${t.code}-${u.suffix}`,
        name: `${t.name.replace(/(街道|镇|乡)$/, '')}${u.name}`,
        kind: u.kind,
        created_at: now,
      })),
    ),
  ];
}

/** One worker per grid, a second on about one grid in fifty; about one worker in thirty also covers the next grid. */
async function seedGridWorkers(trx: Executor, gridCodes: string[], rng: Prng, cipher: PersonalDataCipher, now: Date) {
  const workers: Array<{
    id: string;
    county_code: string;
    home_code: string;
    name: string;
    phone_enc: string;
    phone_hash: string;
    created_at: Date;
  }> = [];
  const assignments: Array<{ county_code: string; grid_code: string; grid_worker_id: string; started_at: Date }> = [];
  const firstWorker = new Map<string, string>();
  const newWorker = (grid: string) => {
    const phone = demoPhone(rng);
    const w = {
      id: rng.uuid(),
      county_code: grid.slice(0, 6),
      home_code: grid,
      name: personName(rng),
      phone_enc: cipher.encrypt(phone),
      phone_hash: cipher.lookupHash('phone', phone),
      created_at: now,
    };
    workers.push(w);
    assignments.push({ county_code: w.county_code, grid_code: grid, grid_worker_id: w.id, started_at: now });
    return w.id;
  };
  gridCodes.forEach((grid, i) => {
    const id = newWorker(grid);
    firstWorker.set(grid, id);
    if (rng.next() < 0.02) newWorker(grid);
    const next = gridCodes[i + 1];
    if (next && next.slice(0, 12) === grid.slice(0, 12) && rng.next() < 0.033) {
      assignments.push({ county_code: grid.slice(0, 6), grid_code: next, grid_worker_id: id, started_at: now });
    }
  });
  await insertBatched(workers, 1000, (b) => trx.insertInto('grid_worker').values(b).execute());
  await insertBatched(assignments, 2000, (b) => trx.insertInto('grid_assignment').values(b).execute());
  return { firstWorker, workers: workers.length };
}
