import type { Executor } from '../db/database.js';
import type { NewArea } from '../db/schema.js';
import { makeCreditCode } from '../kernel/credit-code.js';
import type { AreaGeometry, Position } from '../kernel/geometry.js';
import { makeIdNumber } from '../kernel/id-number.js';
import type { PersonalDataCipher } from '../lib/personal-data.js';
import { type BulkPerson, bulkInsertPeople, linkHouseholdHeads } from '../modules/registry/registry-bulk.repository.js';
import { SPECIAL_GROUPS } from '../modules/registry/special-groups.js';
import { demoPhone, personName } from './names.js';
import type { Prng } from './prng.js';
import type { SeedProgress } from './seed-progress.js';
import { pointInArea } from './voronoi-partition.js';

const DAY = 86_400_000;
const ETHNICITIES = ['汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '回族', '裕固族', '藏族', '蒙古族'];
const STREETS = ['解放', '人民', '建设', '团结', '和平', '青年', '西环', '北环', '南关', '东街'];
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ORG_TYPES = [
  {
    kind: 'enterprise',
    names: ['农业科技有限公司', '商贸有限公司', '种业有限公司', '建材有限公司', '物流有限公司', '餐饮有限公司'],
  },
  { kind: 'social_org', names: ['和事老协会', '老年协会', '志愿者服务队', '红白理事会'] },
  { kind: 'school', names: ['小学', '幼儿园', '中学'] },
  { kind: 'hospital', names: ['卫生院', '卫生室', '诊所'] },
  { kind: 'party_org', names: ['党支部'] },
] as const;
const PLACES = [
  ['market', '农贸市场'],
  ['square', '文化广场'],
  ['restaurant', '饭店'],
  ['hotel', '宾馆'],
  ['entertainment', '网吧'],
  ['transport', '客运站'],
] as const;

async function insertBatched<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>, size = 1000) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export interface RegistrySeedResult {
  houses: number;
  households: number;
  people: number;
  tagged: number;
  organizations: number;
  places: number;
  things: number;
  visits: number;
}

/**
 * Synthetic six elements for the demo city: about two households per grid in houses with
 * coordinates, their members with valid (synthetic) ID numbers, special-group members with a mix
 * of due and overdue visits, organisations with valid credit codes, places, cameras, hazards and a
 * quarter of visit records. No real person is represented.
 */
export async function seedDemoRegistry(
  trx: Executor,
  deps: {
    cipher: PersonalDataCipher;
    rng: Prng;
    now: Date;
    workerByGrid: Map<string, string>;
    /** Township code → its real name, for addresses. */
    townshipNames: Map<string, string>;
    progress?: SeedProgress | undefined;
  },
  grids: NewArea[],
): Promise<RegistrySeedResult> {
  const { rng, now, cipher } = deps;
  const houses: Array<{
    id: string;
    county_code: string;
    grid_code: string;
    address: string;
    lng: number;
    lat: number;
    use: string;
    rental_status: string;
    floors: number;
    owner_name: string;
    created_at: Date;
    updated_at: Date;
  }> = [];
  const households: Array<{
    id: string;
    county_code: string;
    grid_code: string;
    number: string;
    house_id: string;
    address: string;
    created_at: Date;
    updated_at: Date;
  }> = [];
  const people: BulkPerson[] = [];
  const usedIds = new Set<string>();
  const places: Array<Record<string, unknown>> = [];
  const things: Array<Record<string, unknown>> = [];
  const orgs: Array<Record<string, unknown>> = [];
  let householdNo = 0;

  for (const [i, g] of grids.entries()) {
    if (i % 1000 === 0) deps.progress?.('registry by grid', i, grids.length);
    const grid = g.code;
    const boundary = JSON.parse(g.boundary as string) as AreaGeometry;
    // Addresses as people write them: 梁家墩镇梁家墩村3社15号 in a village, 东街街道南关社区解放路8号 in town.
    const village = g.name.replace(/第\d+网格$/, '');
    const stem = village.replace(/(社区生活区|社区|村)$/, '') || village;
    const prefix = `${deps.townshipNames.get(grid.slice(0, 9)) ?? ''}${village}`;
    const urban = !village.endsWith('村');
    const street = () =>
      urban ? `${rng.pick(STREETS)}路${rng.int(1, 199)}号` : `${rng.int(1, 12)}社${rng.int(1, 60)}号`;
    const nHouseholds = rng.int(1, 3);
    for (let h = 0; h < nHouseholds; h++) {
      const [lng, lat] = pointInArea(boundary, rng);
      const address = `${prefix}${street()}`;
      const houseId = rng.uuid();
      const headName = personName(rng);
      houses.push({
        id: houseId,
        county_code: grid.slice(0, 6),
        grid_code: grid,
        address,
        lng,
        lat,
        use: 'residential',
        rental_status: rng.next() < 0.12 ? 'rented' : 'owner_occupied',
        floors: rng.int(1, 3),
        owner_name: headName,
        created_at: now,
        updated_at: now,
      });
      const householdId = rng.uuid();
      households.push({
        id: householdId,
        county_code: grid.slice(0, 6),
        grid_code: grid,
        number: `${grid.slice(6)}${String(++householdNo).padStart(6, '0')}`,
        house_id: houseId,
        address,
        created_at: now,
        updated_at: now,
      });
      const members = rng.int(1, 4);
      const surname = headName.slice(0, 1);
      for (let m = 0; m < members; m++) {
        const relation = m === 0 ? '户主' : m === 1 ? '配偶' : '子女';
        const year = m < 2 ? rng.int(1945, 1995) : rng.int(1996, 2022);
        let idNumber = '';
        do {
          const birth = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
          idNumber = makeIdNumber(grid.slice(0, 6), birth, rng.int(1, 999));
        } while (usedIds.has(idNumber));
        usedIds.add(idNumber);
        people.push({
          id: rng.uuid(),
          name: m === 0 ? headName : `${surname}${personName(rng).slice(1)}`,
          idNumber,
          phone: year < 2008 ? demoPhone(rng) : null,
          ethnicity: rng.pick(ETHNICITIES),
          registrationType: rng.next() < 0.85 ? 'registered' : 'floating',
          gridCode: grid,
          householdId,
          relationToHead: relation,
          houseId,
        });
      }
    }
    if (rng.next() < 0.22) {
      const [lng, lat] = pointInArea(boundary, rng);
      const [kind, suffix] = rng.pick(PLACES);
      places.push({
        id: rng.uuid(),
        county_code: grid.slice(0, 6),
        grid_code: grid,
        name: `${stem}${suffix}`,
        kind,
        address: `${prefix}${street()}`,
        lng,
        lat,
        created_at: now,
        updated_at: now,
      });
    }
    const cameras = rng.next() < 0.3 ? rng.int(1, 2) : 0;
    for (let i = 0; i < cameras; i++) {
      const [lng, lat] = pointInArea(boundary, rng);
      things.push({
        id: rng.uuid(),
        county_code: grid.slice(0, 6),
        grid_code: grid,
        kind: 'camera',
        subtype: rng.pick(['street', 'community', 'traffic']),
        name: `${stem}视频监控点${i + 1}`,
        lng,
        lat,
        status: rng.next() < 0.06 ? 'fault' : 'normal',
        details: '{}',
        created_at: now,
        updated_at: now,
      });
    }
    if (rng.next() < 0.05) {
      const [lng, lat] = pointInArea(boundary, rng);
      const subtype = rng.pick(['fire', 'flood', 'building', 'electric']);
      things.push({
        id: rng.uuid(),
        county_code: grid.slice(0, 6),
        grid_code: grid,
        kind: 'hazard',
        subtype,
        name: `${stem}安全隐患点`,
        lng,
        lat,
        status: rng.next() < 0.4 ? 'rectifying' : 'normal',
        details: '{}',
        created_at: now,
        updated_at: now,
      });
    }
    if (rng.next() < 0.18) {
      const [lng, lat] = pointInArea(boundary, rng);
      const type = rng.pick(ORG_TYPES);
      const orgCode = Array.from({ length: 9 }, () => rng.pick([...CREDIT_ALPHABET])).join('');
      orgs.push({
        id: rng.uuid(),
        county_code: grid.slice(0, 6),
        grid_code: grid,
        name: `${stem}${rng.pick(type.names)}`,
        kind: type.kind,
        credit_code: makeCreditCode(
          type.kind === 'enterprise' ? '91' : type.kind === 'social_org' ? '52' : '12',
          grid.slice(0, 6),
          orgCode,
        ),
        address: `${prefix}${street()}`,
        lng,
        lat,
        employee_count: rng.int(2, 80),
        created_at: now,
        updated_at: now,
      });
    }
  }

  await insertBatched(houses, (b) => trx.insertInto('house').values(b).execute());
  await insertBatched(households, (b) => trx.insertInto('household').values(b).execute());
  await bulkInsertPeople(trx, cipher, people, {
    now,
    actorId: null,
    actorName: 'system:demo-seed',
    action: 'create',
    reason: 'demo data',
  });
  await insertBatched(
    households.map((h) => h.id),
    (b) => linkHouseholdHeads(trx, b),
    5000,
  );
  await insertBatched(places, (b) =>
    trx
      .insertInto('place')
      .values(b as never)
      .execute(),
  );
  await insertBatched(things, (b) =>
    trx
      .insertInto('thing')
      .values(b as never)
      .execute(),
  );
  await insertBatched(orgs, (b) =>
    trx
      .insertInto('organization')
      .values(b as never)
      .execute(),
  );

  // About 3% of people belong to a special group; a visit was due somewhere in the last or next
  // weeks, so the overdue list has something in it on any day.
  const tags = people
    .filter(() => rng.next() < 0.03)
    .map((p) => {
      const group = rng.pick(SPECIAL_GROUPS);
      const last = new Date(now.getTime() - rng.int(0, group.visitIntervalDays * 2) * DAY);
      return {
        county_code: p.gridCode.slice(0, 6),
        grid_code: p.gridCode,
        person_id: p.id!,
        tag: group.tag,
        risk_level: rng.next() < 0.1 ? ('red' as const) : rng.next() < 0.4 ? ('yellow' as const) : ('blue' as const),
        responsible_worker_id: deps.workerByGrid.get(p.gridCode) ?? null,
        visit_interval_days: group.visitIntervalDays,
        details: '{}',
        last_visit_at: last,
        next_visit_due: new Date(last.getTime() + group.visitIntervalDays * DAY),
        created_at: now,
        updated_at: now,
      };
    });
  await insertBatched(tags, (b) => trx.insertInto('person_tag').values(b).execute());

  const visits = households
    .filter(() => rng.next() < 0.25)
    .map((h) => ({
      county_code: h.county_code,
      grid_code: h.grid_code,
      grid_worker_id: deps.workerByGrid.get(h.grid_code) ?? null,
      visited_at: new Date(now.getTime() - rng.int(1, 90) * DAY),
      person_ids: [],
      household_id: h.id,
      observed: rng.pick([
        '家庭和睦,生活正常',
        '老人身体欠佳,子女在外务工',
        '房屋漏雨,需要维修',
        '邻里因灌溉用水有矛盾苗头',
      ]),
      requests: rng.next() < 0.3 ? rng.pick(['希望修缮村道', '咨询低保政策', '希望调解用水纠纷']) : null,
      created_at: now,
    }));
  await insertBatched(visits, (b) => trx.insertInto('visit').values(b).execute());

  deps.progress?.('registry by grid', grids.length, grids.length);
  return {
    houses: houses.length,
    households: households.length,
    people: people.length,
    tagged: tags.length,
    organizations: orgs.length,
    places: places.length,
    things: things.length,
    visits: visits.length,
  };
}
