import { sql } from 'kysely';
import type { Db, Executor } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import type { PersonalDataCipher } from '../lib/personal-data.js';
import { hashPassword } from '../modules/accounts/auth.service.js';
import { insertRings } from '../modules/areas/area.repository.js';
import type { AuditService } from '../modules/audit/audit.service.js';
import { buildDemoAreas } from './demo-geography.js';
import { DEMO_COUNTIES } from './demo-layout.js';
import { type RegistrySeedResult, seedDemoRegistry } from './demo-registry.js';
import { buildUnits } from './demo-units.js';
import { demoPhone, personName } from './names.js';
import { Prng } from './prng.js';
import type { SeedProgress } from './seed-progress.js';

export const DEMO_PASSWORD = 'Demo@2026';

export interface DemoAccount {
  username: string;
  displayName: string;
  roles: string[];
  scopeCode: string;
  note: string;
}

async function insertBatched<T>(rows: T[], size: number, insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/**
 * The demo grid worker, mediator and handler work in 东街街道 (620702001), the first township of
 * 甘州区 by code, on the first grid of its first community (交通巷社区): the test suite finds "the first
 * grid of 620702" and expects these accounts there. (A rural township such as 梁家墩镇, 620702100,
 * would suit the demo's story better; moving them means updating those tests.)
 */
export const DEMO_TOWNSHIP = '620702001';

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
  progress?: SeedProgress,
): Promise<SeedResult> {
  const now = deps.clock.now();
  const rng = new Prng(seed ^ 0x5eed);
  const built = buildDemoAreas(seed, now, progress);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const result = await db.transaction().execute(async (trx) => {
    await insertBatched(built.areas, 1000, (b) => trx.insertInto('area').values(b).execute());
    await insertBatched(built.rings, 2000, (b) => insertRings(trx, b));
    progress?.('boundaries', built.areas.length, built.areas.length);

    const units = buildUnits(built.areas, rng, now);
    await insertBatched(units, 1000, (b) => trx.insertInto('unit').values(b).execute());
    progress?.('units', units.length, units.length);

    const { firstWorker: workerIds, workers: workerCount } = await seedGridWorkers(
      trx,
      built.gridCodes,
      rng,
      deps.cipher,
      now,
    );

    const ganzhouGrid = built.gridCodes.find((c) => c.startsWith(DEMO_TOWNSHIP))!;
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
      {
        cipher: deps.cipher,
        rng: new Prng(seed ^ 0x6e91),
        now,
        workerByGrid: workerIds,
        townshipNames: new Map(built.areas.filter((a) => a.level === 'township').map((a) => [a.code, a.name])),
        progress,
      },
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
