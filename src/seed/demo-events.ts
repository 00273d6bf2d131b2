import { sql } from 'kysely';
import type { Db, Executor } from '../db/database.js';
import type { MediationLevel, UnitKind } from '../db/schema.js';
import type { AreaGeometry, Position } from '../kernel/geometry.js';
import { DEFAULT_SCHEDULE, type Schedule, WorkingCalendar } from '../kernel/working-calendar.js';
import type { Clock } from '../lib/clock.js';
import type { PersonalDataCipher } from '../lib/personal-data.js';
import type { AuditService } from '../modules/audit/audit.service.js';
import { officialWorkingCalendar } from '../modules/calendar/official-dataset.js';
import { ESCALATE_AFTER_WORKING_DAYS } from '../modules/events/deadline-sweeper.js';
import { PUBLIC_NOTES as LOOP_PUBLIC_NOTES } from '../modules/events/event-loop.js';
import {
  EVENT_ACTIONS,
  type EventAction,
  type EventActorRole,
  type EventState,
  type EventStatus,
  FINISHED_STATUSES,
  type Rating,
  transition,
} from '../modules/events/event-state-machine.js';
import { demoPhone, personName } from './names.js';
import { Prng } from './prng.js';
import type { SeedProgress } from './seed-progress.js';
import { pointInArea } from './voronoi-partition.js';

/**
 * A year of synthetic events for the demo city, up to the clock's now: every category and status,
 * timelines that follow the state machine step by step, deadlines from the working-day calendar,
 * warnings, overdue and supervised events, disputes with four-level mediation cases, joint cases
 * with co-handler tasks, ratings, reopenings, duplicates and merges. Deterministic from the seed
 * (except the ciphertexts, whose IVs are random). Written in a few multi-row inserts per table
 * (one JSON parameter per thousand rows), so it adds seconds, not minutes, to the first start.
 */

/**
 * About 33 a day across the city. PGlite (WebAssembly) inserts some 60,000 rows a second with
 * their indexes, and every event brings eight or nine timeline rows, so this keeps the first
 * start within a few seconds of the city seed; bench/generate-events.ts makes millions on PostgreSQL.
 */
export const DEMO_EVENTS_PER_YEAR = 12_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** As the service: the yellow warning comes at two thirds of the working time. */
const WARN_SHARE = 2 / 3;
const RUNNING: readonly EventStatus[] = ['reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified'];
const TERMINAL: readonly EventStatus[] = FINISHED_STATUSES;
const TRACKING_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** The sweeper's name, notes and public notes on the timeline, as src/modules/events/deadline-sweeper.ts writes them. */
const SWEEPER = '系统';
type SystemAction = 'warn' | 'overdue' | 'escalate' | 'stage_overdue';
type MediationAction = 'mediation_resolve' | 'mediation_escalate' | 'mediation_exhausted';
const SYSTEM_NOTES: Record<SystemAction, string> = {
  warn: '黄牌预警:即将到期',
  overdue: '红牌:已超期,列入督办',
  escalate: '超期未办结,升级至市级督办',
  stage_overdue: '本环节办理超时',
};

/** What the tracking page shows for each action: the events service's notes, and the sweeper's and mediation's. */
const PUBLIC_NOTES: Record<string, string> = {
  ...LOOP_PUBLIC_NOTES,
  overdue: '已超期,督办中',
  mediation_resolve: '调解成功',
  mediation_escalate: '已提交上一级调解',
  mediation_exhausted: '调解未成,已引导通过法律途径解决',
};

const ROLE: Record<EventAction, EventActorRole> = {
  accept: 'operator',
  reject: 'operator',
  dispatch: 'operator',
  start: 'handler',
  return: 'handler',
  reassign: 'operator',
  feedback: 'handler',
  verify: 'operator',
  rework: 'operator',
  close: 'operator',
  rate: 'resident',
  reopen: 'resident',
  suspend: 'operator',
  resume: 'operator',
};

/** Relative frequency of each second-level category (a year in a mostly rural city). */
const CATEGORY_WEIGHT: Record<string, number> = {
  '0101': 6,
  '0102': 9,
  '0103': 6,
  '0104': 5,
  '0105': 3,
  '0106': 2,
  '0107': 1,
  '0108': 2,
  '0199': 3,
  '0201': 4,
  '0202': 2,
  '0203': 1,
  '0301': 4,
  '0302': 2,
  '0303': 2,
  '0304': 3,
  '0305': 1,
  '0401': 7,
  '0402': 7,
  '0403': 7,
  '0404': 5,
  '0501': 4,
  '0502': 5,
  '0601': 3,
  '0602': 3,
};
const CHANNELS = [
  ['grid', 35],
  ['hotline', 25],
  ['desk', 15],
  ['public', 15],
  ['api', 10],
] as const;
type Channel = (typeof CHANNELS)[number][0];

const STREETS = [
  '解放路',
  '人民路',
  '建设路',
  '团结路',
  '和平路',
  '青年路',
  '西环路',
  '北环路',
  '南关街',
  '东街',
  'G312国道',
  '县道X215',
  '乡道',
];
const CAUSES = [
  '院墙修建占地',
  '房檐滴水',
  '门前堆放杂物',
  '排水沟堵塞',
  '饲养家禽扰邻',
  '树木遮挡采光',
  '灌溉用水先后',
  '宅基地边界',
];
const PROJECTS = ['高标准农田建设', '县城道路拓宽', '工业园区扩建', '黑河湿地保护', '农村公路改造'];
const ORGS = ['建筑公司', '农业合作社', '建材厂', '物流公司', '餐饮店'];
const PLACES = ['农贸市场', '文化广场', '村委会', '小学', '客运站', '网吧', '饭店'];

type Fill = {
  village: string;
  township: string;
  name: string;
  name2: string;
  road: string;
  n: number;
  money: number;
  rng: Prng;
};
const TEMPLATES: Record<string, Array<(f: Fill) => string>> = {
  '0101': [
    (f) => `${f.name}反映与丈夫因家庭琐事长期争吵,近日矛盾激化,请求帮助调解。`,
    (f) => `${f.village}村民${f.name}与儿媳${f.name2}因赡养老人问题产生矛盾,双方互不相让。`,
    (f) => `${f.name}与前夫${f.name2}因子女抚养费支付问题发生纠纷,请求调解。`,
  ],
  '0102': [
    (f) => `${f.village}${f.name}与邻居${f.name2}因${f.rng.pick(CAUSES)}发生争执,双方情绪激动,请求出面调解。`,
    (f) => `${f.village}两户村民因${f.rng.pick(CAUSES)}问题多次口角,有激化苗头。`,
  ],
  '0103': [
    (f) => `${f.village}村民${f.name}与${f.name2}因承包地边界不清发生争议,涉及耕地约${f.n}亩。`,
    (f) => `${f.village}${f.n}户村民因林地承包经营权归属问题产生纠纷。`,
  ],
  '0104': [
    (f) => `${f.n + 3}名农民工反映在${f.township}某${f.rng.pick(ORGS)}务工,被拖欠工资约${f.money}万元,多次讨要未果。`,
    (f) => `${f.name}反映在${f.rng.pick(ORGS)}打工期间受伤,与老板就赔偿问题协商不成。`,
  ],
  '0105': [
    (f) => `${f.village}居民反映小区物业服务不到位,电梯多次故障无人维修,部分业主拒交物业费引发矛盾。`,
    (f) => `${f.village}业主${f.name}因车位收费标准与物业公司发生争执。`,
  ],
  '0106': [(f) => `${f.village}村民${f.name}对${f.rng.pick(PROJECTS)}项目征地补偿标准有异议,要求重新核算。`],
  '0107': [(f) => `${f.name}反映家属在${f.township}卫生院就诊后病情加重,对诊疗过程有异议,要求医院给出说法。`],
  '0108': [(f) => `${f.name}驾驶三轮车与${f.name2}的小轿车在${f.road}发生碰撞,双方就赔偿问题协商不成。`],
  '0199': [(f) => `${f.village}村民${f.name}与${f.name2}因借款${f.money}万元到期未还发生纠纷。`],
  '0201': [(f) => `${f.village}${f.rng.pick(PLACES)}附近夜间常有人员聚集酗酒滋事,影响周边群众休息。`],
  '0202': [
    (f) => `${f.village}一处出租屋内有陌生人员频繁出入,形迹可疑,请核查。`,
    (f) => `${f.road}路边发现无人认领的可疑包裹。`,
  ],
  '0203': [(f) => `群众反映${f.village}某院落疑似有人聚众赌博。`],
  '0301': [
    (f) => `${f.village}${f.rng.pick(PLACES)}消防通道被杂物堵塞,灭火器过期未更换。`,
    (f) => `${f.village}楼道内电动车违规充电,存在火灾隐患。`,
  ],
  '0302': [
    (f) => `${f.village}居民反映楼道内有燃气异味,请尽快排查。`,
    (f) => `${f.township}一家饭店液化气罐摆放不规范,无防护措施。`,
  ],
  '0303': [(f) => `${f.village}村民${f.name}家老旧土坯房墙体开裂,雨季存在倒塌风险。`],
  '0304': [(f) => `${f.road}${f.township}段护栏损坏,夜间无照明,存在交通安全隐患。`],
  '0305': [(f) => `${f.village}后山雨后出现裂缝,有滑坡迹象,威胁下方${f.n}户村民安全。`],
  '0401': [
    (f) => `${f.village}${f.n}号楼停水已超过${f.n + 10}小时,居民生活受影响。`,
    (f) => `${f.village}暖气不热,室温不足16度,请协调供热公司处理。`,
  ],
  '0402': [
    (f) => `${f.road}${f.village}段路面塌陷形成大坑,车辆通行困难。`,
    (f) => `${f.village}路灯损坏${f.n}盏,夜间出行不便。`,
  ],
  '0403': [(f) => `${f.village}垃圾收集点长期未清运,气味难闻。`, (f) => `${f.village}化粪池外溢,污水横流。`],
  '0404': [
    (f) => `${f.name}反映其母亲低保申请已提交两个月仍无结果。`,
    (f) => `${f.name}咨询城乡居民养老保险补缴办理流程。`,
  ],
  '0501': [(f) => `${f.name}申请办理居住证,询问需补充哪些材料。`, (f) => `${f.name}反映户口迁移手续办理进度缓慢。`],
  '0502': [(f) => `${f.name}咨询高标准农田建设补贴政策。`, (f) => `${f.name}咨询创业担保贷款申请条件。`],
  '0601': [(f) => `独居老人${f.name}家中水管破裂,无力自行维修,请求帮助。`],
  '0602': [(f) => `${f.name}行动不便,请求网格员代办残疾证年审。`],
};

const FEEDBACK: Record<string, string[]> = {
  '01': ['经调解双方达成一致,已签订调解协议', '已组织双方当面协商,矛盾已化解'],
  '02': ['已会同派出所现场核查处置', '经核查已依法处理'],
  '03': ['隐患已整改到位,已现场复查', '已责令整改并跟踪落实'],
  '04': ['已协调相关单位处理完毕', '已现场处置,群众认可'],
  '05': ['已电话答复反映人', '已指导反映人办理完毕'],
  '06': ['已安排人员上门服务', '已代办完成并送达'],
};
const REASONS: Partial<Record<EventAction, string[]>> = {
  reject: ['不属于受理范围,已告知反映人通过相关渠道解决', '反映信息不全,多次联系反映人未果'],
  return: ['非本单位职责,退回重新分派', '事发地不在本辖区'],
  reassign: ['改派至属地职能部门办理', '涉及多部门,改派牵头单位'],
  rework: ['处置结果不完整,请补充现场照片', '反映人对处理结果有异议,需重新处置'],
  suspend: ['当事人外出务工,暂时无法联系', '需等待司法鉴定结果'],
  resume: ['当事人已返回,恢复办理', '鉴定结果已出,恢复办理'],
};

interface GridInfo {
  code: string;
  county: string;
  township: string;
  village: string;
  townshipName: string;
  villageName: string;
  boundary: AreaGeometry;
  worker: string | null;
}
interface UnitInfo {
  id: string;
  name: string;
  kind: UnitKind;
  area: string;
  code: string;
}
interface Step {
  action: EventAction | 'report' | SystemAction | MediationAction;
  at: Date;
  from: EventStatus | null;
  to: EventStatus;
  note: string | null;
  actor: string;
  unit: string | null;
}
interface GenEvent {
  id: string;
  county: string;
  grid: GridInfo;
  category: { code: string; limit: number; centre: string };
  channel: Channel;
  createdAt: Date;
  number?: string;
  row: Record<string, unknown>;
  steps: Step[];
  mergeTarget?: GenEvent;
}

export interface DemoEventsResult {
  events: number;
  transitions: number;
  mediationCases: number;
  mediationSteps: number;
  coHandlers: number;
}

/** Cumulative weights for O(log n) weighted picks. */
function weighted<T>(items: T[], weight: (t: T) => number) {
  const cum: number[] = [];
  let total = 0;
  for (const it of items) {
    total += weight(it);
    cum.push(total);
  }
  return (rng: Prng): T => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]!;
  };
}

const uniform = (rng: Prng, a: number, b: number) => a + rng.next() * (b - a);
/** Timeline instants are whole seconds (they travel to SQL as epoch seconds). */
const whole = (d: Date) => new Date(Math.round(d.getTime() / 1000) * 1000);

/**
 * The working-day calendar's arithmetic over a fixed range of days, precomputed: a year of events
 * asks for several hundred thousand deadlines, and walking the calendar day by day for each one
 * would cost seconds. Same rules as WorkingCalendar (it asks it which days are working days);
 * outside the range it defers to it.
 */
class FastCalendar {
  private readonly first: number;
  private readonly working: boolean[] = [];
  /** Working minutes before each day (one more entry than days). */
  private readonly cum: number[] = [0];
  private readonly periods: Schedule;
  private readonly perDay: number;

  constructor(
    private readonly cal: WorkingCalendar,
    from: Date,
    to: Date,
    schedule: Schedule = DEFAULT_SCHEDULE,
  ) {
    this.periods = schedule;
    this.perDay = schedule.reduce((s, [a, b]) => s + (b - a), 0);
    this.first = Date.parse(`${WorkingCalendar.local(from).date}T00:00:00Z`);
    const last = Date.parse(`${WorkingCalendar.local(to).date}T00:00:00Z`);
    for (let d = this.first; d <= last; d += DAY) {
      const w = cal.isWorkingDay(new Date(d).toISOString().slice(0, 10));
      this.working.push(w);
      this.cum.push(this.cum.at(-1)! + (w ? this.perDay : 0));
    }
  }

  private locate(t: Date): { i: number; minute: number } {
    const shifted = t.getTime() + 8 * HOUR;
    const i = Math.floor((shifted - this.first) / DAY);
    return { i, minute: (shifted - this.first - i * DAY) / 60_000 };
  }

  private inRange(i: number) {
    return i >= 0 && i < this.working.length;
  }

  isWorkingDay(t: Date): boolean {
    const { i } = this.locate(t);
    return this.inRange(i) ? this.working[i]! : this.cal.isWorkingDay(WorkingCalendar.local(t).date);
  }

  /** Working minutes from the start of the range to t. */
  private toWork(i: number, minute: number): number {
    let m = 0;
    if (this.working[i]) for (const [a, b] of this.periods) m += Math.min(Math.max(minute - a, 0), b - a);
    return this.cum[i]! + m;
  }

  addWorkingHours(t: Date, hours: number): Date {
    const { i, minute } = this.locate(t);
    if (!this.inRange(i)) return this.cal.addWorkingHours(t, hours);
    const w = this.toWork(i, minute) + hours * 60;
    if (w >= this.cum.at(-1)!) return this.cal.addWorkingHours(t, hours);
    // The day whose working time holds w: the last day starting at or before it that has working time left.
    let lo = 0;
    let hi = this.working.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.cum[mid]! <= w) lo = mid;
      else hi = mid - 1;
    }
    while (!this.working[lo] || this.cum[lo + 1]! <= w) lo++;
    let left = w - this.cum[lo]!;
    for (const [a, b] of this.periods) {
      if (left <= b - a) return new Date(this.first + lo * DAY + (a + left) * 60_000 - 8 * HOUR);
      left -= b - a;
    }
    return new Date(this.first + lo * DAY + this.periods.at(-1)![1] * 60_000 - 8 * HOUR);
  }

  addWorkingDays(t: Date, n: number): Date {
    if (n <= 0) return t;
    let { i } = this.locate(t);
    if (!this.inRange(i)) return this.cal.addWorkingDays(t, n);
    let left = n;
    while (left > 0) {
      i++;
      if (i >= this.working.length) return this.cal.addWorkingDays(t, n);
      if (this.working[i]) left--;
    }
    return new Date(this.first + i * DAY + this.periods.at(-1)![1] * 60_000 - 8 * HOUR);
  }

  workingMinutesBetween(from: Date, to: Date): number {
    if (to <= from) return 0;
    const a = this.locate(from);
    const b = this.locate(to);
    if (!this.inRange(a.i) || !this.inRange(b.i)) return this.cal.workingMinutesBetween(from, to);
    return Math.round(this.toWork(b.i, b.minute) - this.toWork(a.i, a.minute));
  }

  /** Local minute of day (Asia/Shanghai). */
  minuteOfDay(t: Date): number {
    return this.locate(t).minute;
  }
}

/** Epoch milliseconds for Dates, so a row travels as a short JSON array. */
const plain = (v: unknown) => (v instanceof Date ? v.getTime() : v);

/**
 * Inserts rows given as arrays in `columns` order, a batch per statement through one JSON
 * parameter (no keys, timestamps as epoch milliseconds): on PGlite, serialising the parameters
 * and parsing them costs more than the insert itself, so the payload is kept small.
 */
async function insertArrays(trx: Executor, table: string, columns: string[], rows: unknown[][], size = 2000) {
  if (rows.length === 0) return;
  const types = new Map(
    (
      await sql<{
        name: string;
        type: string;
      }>`select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = ${table}::regclass and attnum > 0 and not attisdropped`.execute(
        trx,
      )
    ).rows.map((r) => [r.name, r.type]),
  );
  const exprs = columns.map((c, i) => {
    const type = types.get(c);
    if (!type) throw new Error(`${table}.${c} does not exist`);
    return type.startsWith('timestamp') ? `to_timestamp((r->>${i})::float8 / 1000)` : `(r->>${i})::${type}`;
  });
  const head = sql.raw(
    `insert into ${table} (${columns.join(', ')}) select ${exprs.join(', ')} from jsonb_array_elements(`,
  );
  for (let i = 0; i < rows.length; i += size) {
    const json = JSON.stringify(rows.slice(i, i + size).map((r) => r.map(plain)));
    await sql`${head}${json}::jsonb) r`.execute(trx);
  }
}

const objectsToArrays = (rows: Array<Record<string, unknown>>) => {
  const columns = Object.keys(rows[0] ?? {});
  return { columns, rows: rows.map((r) => columns.map((c) => r[c] ?? null)) };
};

export async function seedDemoEvents(
  db: Db,
  deps: { clock: Clock; cipher: PersonalDataCipher; audit: AuditService; calendar?: WorkingCalendar },
  seed: number,
  opts: { events?: number } = {},
  progress?: SeedProgress,
): Promise<DemoEventsResult> {
  const now = deps.clock.now();
  const rng = new Prng(seed ^ 0xe7e47);
  const cal = new FastCalendar(
    deps.calendar ?? officialWorkingCalendar(),
    new Date(now.getTime() - 400 * DAY),
    new Date(now.getTime() + 400 * DAY),
  );
  const target = opts.events ?? DEMO_EVENTS_PER_YEAR;

  // What the city seed left: grids with their names and worker, units, categories, rules, the mediation policy.
  const areaRows = await db
    .selectFrom('area')
    .select(['code', 'name', 'level', 'boundary'])
    .where('level', 'in', ['township', 'village', 'grid'])
    .where('status', '=', 'active')
    .execute();
  const names = new Map(areaRows.map((a) => [a.code, a.name]));
  const population = new Map(
    (
      await db
        .selectFrom('person')
        .select(['grid_code', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy('grid_code')
        .execute()
    ).map((r) => [r.grid_code, Number(r.n)]),
  );
  const workers = new Map(
    (await db.selectFrom('grid_worker').select(['home_code', 'name']).execute()).map((w) => [w.home_code, w.name]),
  );
  const grids: GridInfo[] = areaRows
    .filter((a) => a.level === 'grid')
    .map((a) => ({
      code: a.code,
      county: a.code.slice(0, 6),
      township: a.code.slice(0, 9),
      village: a.code.slice(0, 12),
      townshipName: names.get(a.code.slice(0, 9)) ?? '',
      villageName: names.get(a.code.slice(0, 12)) ?? '',
      boundary: (typeof a.boundary === 'string' ? JSON.parse(a.boundary) : a.boundary) as AreaGeometry,
      worker: workers.get(a.code) ?? null,
    }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  if (grids.length === 0) throw new Error('seedDemoEvents needs the demo city first');
  const units = (
    await db
      .selectFrom('unit')
      .select(['id', 'name', 'kind', 'area_code', 'code'])
      .where('status', '=', 'active')
      .orderBy('code')
      .execute()
  ).map((u) => ({ id: u.id, name: u.name, kind: u.kind, area: u.area_code, code: u.code }));
  const unitAt = (area: string, kind: UnitKind, suffix?: string): UnitInfo | undefined =>
    units.find((u) => u.area === area && u.kind === kind && (!suffix || u.code.endsWith(`-${suffix}`)));
  const unitCache = new Map<string, UnitInfo | undefined>();
  const unit = (area: string, kind: UnitKind, suffix?: string) => {
    const key = `${area}/${kind}/${suffix ?? ''}`;
    if (!unitCache.has(key)) unitCache.set(key, unitAt(area, kind, suffix) ?? unitAt(area.slice(0, 6), kind, suffix));
    return unitCache.get(key);
  };
  const categories = (
    await db.selectFrom('event_category').select(['code', 'parent_code', 'limit_working_days', 'centre']).execute()
  )
    .filter((c) => c.parent_code !== null)
    .sort((a, b) => (a.code < b.code ? -1 : 1))
    .map((c) => ({ code: c.code, limit: Math.max(1, c.limit_working_days), centre: c.centre }));
  const rules = await db
    .selectFrom('routing_rule')
    .select(['id', 'category_prefix', 'area_prefix'])
    .where('retired_at', 'is', null)
    .execute();
  const ruleFor = (category: string, grid: string) =>
    rules
      .filter((r) => category.startsWith(r.category_prefix) && grid.startsWith(r.area_prefix))
      .sort(
        (a, b) => b.area_prefix.length - a.area_prefix.length || b.category_prefix.length - a.category_prefix.length,
      )[0]?.id ?? null;
  const stageLimits = await db.selectFrom('stage_limit').selectAll().execute();
  const stageLimit = (category: string, stage: string) =>
    stageLimits
      .filter((s) => s.stage === stage && category.startsWith(s.category_prefix))
      .sort((a, b) => b.category_prefix.length - a.category_prefix.length)[0];
  const policy = await db
    .selectFrom('mediation_policy')
    .select(['id', 'levels'])
    .where('area_prefix', '=', '')
    .executeTakeFirstOrThrow();
  const levels = (typeof policy.levels === 'string' ? JSON.parse(policy.levels) : policy.levels) as MediationLevel[];

  const pickGrid = weighted(grids, (g) => 1 + (population.get(g.code) ?? 0));
  const pickCategory = weighted(categories, (c) => CATEGORY_WEIGHT[c.code] ?? 2);
  const pickChannel = weighted([...CHANNELS], (c) => c[1]);
  const used = new Set<string>();
  const tracking = () => {
    for (;;) {
      let s = '';
      for (let i = 0; i < 10; i++) s += TRACKING_ALPHABET[Math.floor(rng.next() * TRACKING_ALPHABET.length)];
      if (!used.has(s)) return (used.add(s), s);
    }
  };

  /** A report time: office hours on working days for desk, grid and API; 07:00–22:00 any day for the phone and the public page. */
  const start = now.getTime() - 365 * DAY;
  const reportTime = (channel: Channel, from = start, to = now.getTime()): Date => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const t = new Date(from + rng.next() * (to - from));
      const minute = cal.minuteOfDay(t);
      if (channel === 'hotline' || channel === 'public') {
        if (minute >= 7 * 60 && minute < 22 * 60) return whole(t);
      } else if (cal.isWorkingDay(t) && DEFAULT_SCHEDULE.some(([a, b]) => minute >= a && minute < b)) return whole(t);
    }
    // Rarely (a short window with no office hours in it): the next office-hour minute.
    const t = new Date(from + rng.next() * (to - from));
    const at = channel === 'hotline' || channel === 'public' ? t : cal.addWorkingHours(t, 0.1);
    // The next office minute may lie past the window's end (now): then look a week further back.
    return at.getTime() <= to ? whole(at) : reportTime(channel, from - 7 * DAY, to);
  };

  const events: GenEvent[] = [];
  const mediationCases: Array<Record<string, unknown>> = [];
  const mediationSteps: Array<Record<string, unknown>> = [];
  const coHandlers: Array<Record<string, unknown>> = [];

  const makeEvent = (
    opts2: {
      grid?: GridInfo;
      category?: GenEvent['category'];
      createdAt?: Date;
      channel?: Channel;
      duplicateOf?: GenEvent;
      merge?: boolean;
    } = {},
  ): GenEvent => {
    const grid = opts2.grid ?? pickGrid(rng);
    const category = opts2.category ?? pickCategory(rng);
    const channel = opts2.channel ?? pickChannel(rng)[0];
    // One in thirty is from the last week, so the work queues have something in every status on any day.
    const createdAt =
      opts2.createdAt ?? (rng.next() < 1 / 30 ? reportTime(channel, now.getTime() - 7 * DAY) : reportTime(channel));
    const group = category.code.slice(0, 2);
    const isDispute = group === '01';
    const centreUnit = unit(grid.township, 'centre', 'ZZZX')!;
    // The lead unit, as the routing rules (and the demo's county departments) would pick it.
    const lead =
      category.code === '0108' || group === '02'
        ? unit(grid.township, 'police')
        : category.code === '0104' && rng.next() < 0.5
          ? unit(grid.county, 'department', 'RSJ')
          : isDispute
            ? unit(grid.township, 'justice_office')
            : category.code === '0303'
              ? unit(grid.county, 'department', 'ZJJ')
              : category.code === '0404'
                ? unit(grid.county, 'department', 'RSJ')
                : group === '05' && rng.next() < 0.5
                  ? unit(grid.county, 'centre', 'ZWZX')
                  : centreUnit;
    const leadUnit = lead ?? centreUnit;

    // The full path this event will take if nothing stops it; the clock decides how far it got.
    const path: EventAction[] = [];
    let rating: Rating | null = null;
    const merged = opts2.merge === true;
    if (merged || rng.next() < 0.05) path.push('reject');
    else {
      path.push('accept', 'dispatch');
      if (rng.next() < 0.04) path.push('return', 'dispatch');
      if (rng.next() < 0.03) path.push('reassign');
      path.push('start');
      if (rng.next() < 0.03) path.push('suspend', 'resume');
      path.push('feedback');
      if (rng.next() < 0.06) path.push('rework', 'feedback');
      path.push('verify', 'close');
      if (rng.next() < 0.6) {
        const r = rng.next();
        rating = r < 0.8 ? 'satisfied' : r < 0.94 ? 'basically_satisfied' : 'unsatisfied';
        path.push('rate');
        if (rating === 'unsatisfied' && rng.next() < 0.6) path.push('reopen', 'feedback', 'verify', 'close', 'rate');
      }
    }
    const slow = rng.next() < 0.1;
    const limitHours = category.limit * 8;
    const gap = (a: EventAction, at: Date): Date => {
      switch (a) {
        case 'accept':
        case 'reject':
          return cal.addWorkingHours(at, group === '02' ? uniform(rng, 0.05, 0.8) : uniform(rng, 0.1, 3));
        case 'dispatch':
        case 'return':
        case 'reassign':
          return cal.addWorkingHours(at, uniform(rng, 0.1, 3));
        case 'start':
          return cal.addWorkingHours(at, uniform(rng, 0.2, 4));
        case 'feedback':
          return cal.addWorkingHours(at, limitHours * (slow ? uniform(rng, 1.1, 3) : uniform(rng, 0.1, 0.75)));
        case 'rework':
        case 'verify':
          return cal.addWorkingHours(at, uniform(rng, 0.5, 8));
        case 'close':
          return cal.addWorkingHours(at, uniform(rng, 0.1, 2));
        case 'suspend':
          return cal.addWorkingHours(at, uniform(rng, 1, 8));
        case 'resume':
          return cal.addWorkingHours(at, uniform(rng, 16, 120));
        case 'rate':
          return new Date(at.getTime() + uniform(rng, 0.5, 72) * HOUR);
        case 'reopen':
          return new Date(at.getTime() + uniform(rng, 1, 24) * HOUR);
      }
    };

    const reporterActor =
      channel === 'grid'
        ? (grid.worker ?? '网格员')
        : channel === 'public'
          ? 'public'
          : channel === 'hotline'
            ? '12345热线坐席'
            : channel === 'api'
              ? 'api:12345'
              : `${centreUnit.name}窗口`;
    const steps: Step[] = [
      {
        action: 'report',
        at: createdAt,
        from: null,
        to: 'reported',
        note: null,
        actor: reporterActor,
        unit: channel === 'desk' ? centreUnit.id : null,
      },
    ];
    let state: EventState = {
      status: 'reported',
      suspendedFrom: null,
      reopenCount: 0,
      rating: null,
      openCoHandlerTasks: 0,
    };
    let at = createdAt;
    let closedAt: Date | null = null;
    let dispatchedAt: Date | null = null;
    let feedbackAt: Date | null = null;
    let rateIndex = 0;
    for (const action of path) {
      const next = whole(gap(action, at));
      if (next.getTime() >= now.getTime()) break;
      const note =
        action === 'feedback'
          ? rng.pick(FEEDBACK[group] ?? FEEDBACK['04']!)
          : action === 'reject' && merged
            ? '与已受理事件为同一问题,已合并办理'
            : REASONS[action]
              ? rng.pick(REASONS[action]!)
              : null;
      const r = transition(state, {
        action,
        role: ROLE[action],
        note,
        rating:
          action === 'rate'
            ? rateIndex++ === 0
              ? rating!
              : rng.next() < 0.7
                ? 'basically_satisfied'
                : 'satisfied'
            : undefined,
      });
      if (!r.ok) throw new Error(`demo event path: ${action} from ${state.status}: ${r.error}`);
      const handlerSide = ROLE[action] === 'handler';
      steps.push({
        action,
        at: next,
        from: state.status,
        to: r.state.status,
        note,
        unit: ROLE[action] === 'resident' ? null : handlerSide ? leadUnit.id : centreUnit.id,
        actor: ROLE[action] === 'resident' ? 'public' : handlerSide ? leadUnit.name : `${centreUnit.name}坐席`,
      });
      state = r.state;
      at = next;
      if (action === 'close') closedAt = next;
      if (action === 'reopen') closedAt = null;
      if (action === 'dispatch' && !dispatchedAt) dispatchedAt = next;
      if (action === 'feedback' && !feedbackAt) feedbackAt = next;
    }
    const status = state.status;

    // Deadlines from the category's working days; the sweeper's flags as it would have set them by now.
    const dueAt = cal.addWorkingDays(createdAt, category.limit);
    const warnAt = cal.addWorkingHours(createdAt, (cal.workingMinutesBetween(createdAt, dueAt) * WARN_SHARE) / 60);
    const statusAt = (t: Date): EventStatus => {
      let s: EventStatus = 'reported';
      for (const st of steps) if (st.at <= t) s = st.to;
      return s;
    };
    const sweepAt = (t: Date) =>
      whole(new Date(Math.min(now.getTime(), t.getTime() + Math.floor(rng.next() * 60) * 1000)));
    // The sweeper flags an event at its first sweep after the time has come while it is running
    // (a suspended event is skipped until it resumes).
    const flagAt = (t: Date): Date | null => {
      if (t > now) return null;
      let from: Date | null = RUNNING.includes(statusAt(t)) ? t : null;
      if (!from)
        for (const st of steps)
          if (st.at > t && RUNNING.includes(st.to)) {
            from = st.at;
            break;
          }
      if (!from) return null;
      const at = sweepAt(from);
      return RUNNING.includes(statusAt(at)) ? at : null;
    };
    const open = !TERMINAL.includes(status);
    const last = steps.at(-1)!;
    // The current stage (open events) and its own limit.
    let stage: string | null = null;
    let stageDue: Date | null = null;
    if (open && status !== 'suspended') {
      stage =
        status === 'reported'
          ? 'accept'
          : status === 'accepted'
            ? 'dispatch'
            : status === 'dispatched' || status === 'handling'
              ? 'handle'
              : 'verify';
      const lim = stageLimit(category.code, stage);
      stageDue =
        stage === 'handle' || !lim
          ? dueAt
          : lim.unit === 'hours'
            ? cal.addWorkingHours(last.at, lim.amount)
            : cal.addWorkingDays(last.at, lim.amount);
    }
    // The sweeper's flags: yellow, red with county supervision (督办), the city's after the grace
    // period, and the current stage running late.
    const warnedAt = flagAt(warnAt);
    const overdueAt = flagAt(dueAt);
    const escalateBy = overdueAt ? cal.addWorkingDays(dueAt, ESCALATE_AFTER_WORKING_DAYS) : null;
    const escalatedAt = escalateBy ? flagAt(escalateBy) : null;
    const stageOverdueAt = stageDue ? flagAt(stageDue) : null;
    const flags = (
      [
        ['warn', warnedAt],
        ['overdue', overdueAt],
        ['escalate', escalatedAt],
        ['stage_overdue', stageOverdueAt],
      ] as const
    )
      .filter((f): f is readonly [SystemAction, Date] => f[1] !== null)
      .map(([action, t]) => ({ action, t, s: statusAt(t) }));
    for (const { action, t, s } of flags)
      steps.push({ action, at: t, from: s, to: s, note: SYSTEM_NOTES[action], actor: SWEEPER, unit: null });
    steps.sort((a, b) => a.at.getTime() - b.at.getTime());
    const escalation = escalatedAt ? 2 : overdueAt ? 1 : 0;
    const escalateAt = escalation === 1 ? escalateBy : null;
    const reporterName = channel === 'grid' && rng.next() < 0.5 ? null : personName(rng);
    const phone = reporterName && rng.next() < 0.85 ? demoPhone(rng) : null;
    const fill: Fill = {
      village: grid.villageName,
      township: grid.townshipName,
      name: reporterName ?? personName(rng),
      name2: personName(rng),
      road: rng.pick(STREETS),
      n: rng.int(2, 30),
      money: rng.int(1, 40),
      rng,
    };
    let description = rng.pick(TEMPLATES[category.code] ?? [(f: Fill) => `${f.village}群众反映的问题,请核实处理。`])(
      fill,
    );
    if (opts2.duplicateOf) description = `${description}(另一位群众反映同一问题)`;
    const [lng, lat] = opts2.duplicateOf
      ? [
          Number(opts2.duplicateOf.row.lng) + uniform(rng, -3e-4, 3e-4),
          Number(opts2.duplicateOf.row.lat) + uniform(rng, -3e-4, 3e-4),
        ]
      : pointInArea(grid.boundary, rng);
    const id = rng.uuid();
    const dispatched = dispatchedAt !== null && status !== 'rejected';
    const event: GenEvent = {
      id,
      county: grid.county,
      grid,
      category,
      channel,
      createdAt,
      steps,
      row: {
        id,
        county_code: grid.county,
        grid_code: grid.code,
        tracking_code: tracking(),
        category_code: category.code,
        channel,
        description,
        address: `${grid.townshipName}${grid.villageName}${rng.int(1, 199)}号`,
        lng,
        lat,
        reporter_name_enc: reporterName ? deps.cipher.encrypt(reporterName) : null,
        reporter_phone_enc: phone ? deps.cipher.encrypt(phone) : null,
        reporter_phone_hash: phone ? deps.cipher.lookupHash('phone', phone) : null,
        status,
        suspended_from: state.suspendedFrom,
        reopen_count: state.reopenCount,
        rating: state.rating,
        lead_unit_id: dispatched ? leadUnit.id : null,
        due_at: dueAt,
        version: steps.filter((s) => s.action !== 'warn' && s.action !== 'overdue').length,
        created_by: null,
        created_at: createdAt,
        updated_at: last.at,
        closed_at: status === 'closed' || status === 'rated' ? closedAt : null,
        warn_at: warnAt,
        warned_at: warnedAt,
        overdue_at: overdueAt,
        centre: category.centre,
        routing_rule_id: ruleFor(category.code, grid.code),
        receiving_unit_id: centreUnit.id,
        routed_unit_id: leadUnit.id,
        owner_unit_id: dispatched ? leadUnit.id : centreUnit.id,
        stage,
        stage_due_at: stageDue,
        stage_overdue_at: stageOverdueAt,
        supervised_at: overdueAt,
        escalation_level: escalation,
        escalate_at: escalateAt,
        is_dispute: isDispute,
        possible_duplicate_of: opts2.duplicateOf?.id ?? null,
        merged_into: merged && status === 'rejected' ? opts2.duplicateOf!.id : null,
        reporter_ip_hash: null,
        created_by_name: reporterActor,
      },
    };
    if (merged && status === 'rejected') event.mergeTarget = opts2.duplicateOf;

    // Four-level mediation for disputes that reached a handling unit, on the policy's levels.
    if (isDispute && dispatchedAt) {
      const township = grid.township;
      const levelUnit = (l: MediationLevel) =>
        l.unitKind ? (unit(township, l.unitKind, l.unitKind === 'centre' ? 'ZZZX' : undefined)?.id ?? null) : null;
      const stepsOut: Array<Record<string, unknown>> = [];
      let caseStatus: 'open' | 'resolved' | 'exhausted' = 'open';
      let index = 0;
      let levelStart = dispatchedAt;
      const end = feedbackAt;
      if (end) {
        // Finished: resolved at one level (the lower, the likelier) or exhausted, spread up to the feedback.
        const x = rng.next();
        const resolvedAt = x < 0.45 ? 0 : x < 0.7 ? 1 : x < 0.85 ? 2 : x < 0.93 ? 3 : -1;
        const reached = resolvedAt < 0 ? levels.length : Math.min(resolvedAt + 1, levels.length);
        const span = end.getTime() - levelStart.getTime();
        for (let i = 0; i < reached; i++) {
          const s = new Date(levelStart.getTime() + (span * i) / reached);
          const e = new Date(levelStart.getTime() + (span * (i + 1)) / reached);
          const resolved = i === resolvedAt;
          const due = cal.addWorkingDays(s, levels[i]!.workingDays);
          stepsOut.push({
            level_index: i,
            level_key: levels[i]!.key,
            unit_id: levelUnit(levels[i]!),
            started_at: s,
            due_at: due,
            ended_at: e,
            result: resolved ? 'resolved' : e > due ? 'timeout' : 'failed',
            note: resolved ? '双方达成调解协议' : '调解未成,移交上一级',
            actor_name: levels[i]!.name,
          });
        }
        caseStatus = resolvedAt < 0 || resolvedAt >= levels.length ? 'exhausted' : 'resolved';
        index = reached - 1;
      } else {
        // Still running: each level either ends early or times out at its limit, until now.
        for (index = 0; ; index++) {
          const l = levels[index]!;
          const due = cal.addWorkingDays(levelStart, l.workingDays);
          const failsEarly = rng.next() < 0.5;
          const ended = failsEarly ? cal.addWorkingHours(levelStart, uniform(rng, 1, l.workingDays * 8)) : due;
          if (ended > now || index === levels.length - 1) {
            stepsOut.push({
              level_index: index,
              level_key: l.key,
              unit_id: levelUnit(l),
              started_at: levelStart,
              due_at: due,
              ended_at: null,
              result: null,
              note: null,
              actor_name: l.name,
            });
            break;
          }
          stepsOut.push({
            level_index: index,
            level_key: l.key,
            unit_id: levelUnit(l),
            started_at: levelStart,
            due_at: due,
            ended_at: ended,
            result: failsEarly ? 'failed' : 'timeout',
            note: '调解未成,移交上一级',
            actor_name: l.name,
          });
          levelStart = ended;
        }
      }
      const current = stepsOut.at(-1)!;
      const lvl = levels[index]!;
      mediationCases.push({
        event_id: id,
        county_code: grid.county,
        grid_code: grid.code,
        policy_id: policy.id,
        levels: JSON.stringify(levels),
        level_index: index,
        level_key: lvl.key,
        level_unit_id: current.unit_id,
        level_due_at: current.due_at,
        status: caseStatus,
        outcome:
          caseStatus === 'resolved'
            ? `在${lvl.name}调解成功,双方达成协议并当场履行`
            : caseStatus === 'exhausted'
              ? '四级调解未能化解,已引导当事人通过诉讼解决'
              : null,
        agreement: caseStatus === 'resolved' ? `经${lvl.name}主持调解,双方自愿达成如下协议:……` : null,
        resolved_level_key: caseStatus === 'resolved' ? lvl.key : null,
        opened_at: dispatchedAt,
        closed_at: caseStatus === 'open' ? null : current.ended_at,
      });
      for (const s of stepsOut) mediationSteps.push({ event_id: id, ...s });
      // Each finished level on the event's timeline, as the mediation service logs it (statuses
      // read before any of these rows joins the timeline).
      const logged: Step[] = [];
      for (const st of stepsOut) {
        if (!st.ended_at) continue;
        const at = whole(st.ended_at as Date);
        const i = Number(st.level_index);
        const from = levels[i]!;
        const next = levels[i + 1];
        const [action, note] =
          st.result === 'resolved'
            ? (['mediation_resolve', `${from.name}调解成功:双方达成调解协议`] as const)
            : next
              ? ([
                  'mediation_escalate',
                  `${from.name} → ${next.name}(${st.result === 'timeout' ? '期限届满未化解' : '调解不成:当事人分歧较大'})`,
                ] as const)
              : (['mediation_exhausted', `${from.name}调解未成,四级调解用尽,引导诉讼或仲裁`] as const);
        const s = statusAt(at);
        logged.push({ action, at, from: s, to: s, note, actor: SWEEPER, unit: null });
      }
      steps.push(...logged);
      steps.sort((a, b) => a.at.getTime() - b.at.getTime());
    }

    // 一庭三所联动: joint cases with the police station, the court and a law firm.
    const joint =
      dispatchedAt &&
      status !== 'rejected' &&
      ((isDispute && rng.next() < 0.12) || (group === '02' && rng.next() < 0.05));
    if (joint) {
      const partners = [
        unit(grid.township, 'police'),
        unit(grid.county, 'court'),
        unit(grid.county, 'law_firm'),
      ].filter((u): u is UnitInfo => !!u && u.id !== leadUnit.id);
      const tasks: Record<string, string> = {
        police: '协助查明事实,维护现场秩序',
        court: '对调解协议进行司法确认',
        law_firm: '为当事人提供法律咨询意见',
      };
      for (const p of partners.slice(0, rng.int(1, partners.length))) {
        const created = dispatchedAt!;
        const due = cal.addWorkingDays(created, 3);
        const finishBy = feedbackAt ?? now;
        const done = feedbackAt !== null || rng.next() < 0.4;
        const doneAt = done
          ? new Date(created.getTime() + (finishBy.getTime() - created.getTime()) * uniform(rng, 0.3, 0.95))
          : null;
        coHandlers.push({
          id: rng.uuid(),
          county_code: grid.county,
          event_id: id,
          unit_id: p.id,
          task: tasks[p.kind] ?? '协办',
          status: done ? 'done' : 'open',
          due_at: due,
          overdue_at: due <= (doneAt ?? now) ? sweepAt(due) : null,
          feedback: done ? '已完成协办事项' : null,
          created_by: null,
          created_at: created,
          done_at: doneAt,
          done_by: null,
        });
      }
    }
    return event;
  };

  const step = Math.max(1, Math.ceil(target / 10));
  let nextReport = 0;
  while (events.length < target) {
    if (events.length >= nextReport) {
      progress?.('events', events.length, target);
      nextReport += step;
    }
    const e = makeEvent();
    events.push(e);
    // Now and then a second resident reports the same thing nearby: a possible duplicate, half of them merged.
    if (rng.next() < 0.025 && events.length < target) {
      const channel = rng.pick(['hotline', 'public', 'grid'] as const);
      const later = reportTime(
        channel,
        e.createdAt.getTime() + 0.5 * HOUR,
        Math.min(now.getTime(), e.createdAt.getTime() + 48 * HOUR),
      );
      if (later > e.createdAt && later < now)
        events.push(
          makeEvent({
            grid: e.grid,
            category: e.category,
            createdAt: later,
            channel,
            duplicateOf: e,
            merge: rng.next() < 0.5,
          }),
        );
    }
  }

  // Readable numbers in report order, one counter per county and day.
  const order = [...events].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  const counters = new Map<string, number>();
  for (const e of order) {
    const day = WorkingCalendar.local(e.createdAt).date.replace(/-/g, '');
    const key = `${e.county}|${day}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    e.number = `SJ-${e.county}-${day}-${String(n).padStart(6, '0')}`;
    e.row.number = e.number;
  }
  // Timelines travel as small integers (step kind, statuses, second, note) and take their actor,
  // unit and public note from the event row and these lists in SQL.
  const ACTIONS = [
    'report',
    ...EVENT_ACTIONS,
    'warn',
    'overdue',
    'escalate',
    'stage_overdue',
    'mediation_resolve',
    'mediation_escalate',
    'mediation_exhausted',
  ] as const;
  const actionRole = (a: string) =>
    a === 'report' ? 'report' : a in SYSTEM_NOTES || a.startsWith('mediation_') ? 'system' : ROLE[a as EventAction];
  const STATUSES: readonly EventStatus[] = [...RUNNING, ...TERMINAL, 'suspended'];
  const notes: string[] = [];
  const noteIndex = new Map<string, number>();
  const noteId = (n: string | null) => {
    if (n === null) return 0;
    if (!noteIndex.has(n)) noteIndex.set(n, notes.push(n));
    return noteIndex.get(n)!;
  };
  let transitionCount = 0;
  const rows = order.map((e) => e.row);
  const eventCols = Object.keys(rows[0]!);
  const eventRows = rows.map((r) => eventCols.map((c) => r[c] ?? null));

  await db.transaction().execute(async (trx) => {
    // A bulk load of rows that are consistent by construction: when allowed (PGlite, a superuser),
    // skip the per-row foreign-key triggers for this transaction, which cuts the event insert by
    // about four fifths on PGlite. src/modules/events/demo-events.test.ts checks the references.
    const superuser =
      (await sql<{ s: string }>`select current_setting('is_superuser') as s`.execute(trx)).rows[0]?.s === 'on';
    if (superuser) await sql`set local session_replication_role = replica`.execute(trx);
    // Events that point at others (duplicates, merges) come after them: report order guarantees it.
    await insertArrays(trx, 'event', eventCols, eventRows);
    const actionsSql = sql.raw(
      `(values ${ACTIONS.map((a, i) => `(${i}, '${a}', '${actionRole(a)}', '${PUBLIC_NOTES[a] ?? ''}')`).join(', ')}) as a(code, action, role, public_note)`,
    );
    const statusSql = sql.raw(`(values ${STATUSES.map((st, i) => `(${i + 1}, '${st}')`).join(', ')})`);
    for (let i = 0; i < order.length; i += 2500) {
      const batch = order.slice(i, i + 2500);
      const cols: number[][] = [[], [], [], [], [], []];
      batch.forEach((e, k) => {
        for (const st of e.steps) {
          cols[0]!.push(k + 1);
          cols[1]!.push(ACTIONS.indexOf(st.action));
          cols[2]!.push(st.from ? STATUSES.indexOf(st.from) + 1 : 0);
          cols[3]!.push(STATUSES.indexOf(st.to) + 1);
          cols[4]!.push(Math.round(st.at.getTime() / 1000));
          cols[5]!.push(noteId(st.note));
        }
      });
      transitionCount += cols[0]!.length;
      await sql`
        insert into event_transition (county_code, event_id, at, actor_id, actor_name, action, from_status, to_status, note, public_note, unit_id)
        select e.county_code, e.id, to_timestamp(s.at), null,
               case a.role when 'report' then e.created_by_name when 'resident' then 'public' when 'system' then ${SWEEPER} when 'handler' then lu.name else ru.name || '坐席' end,
               a.action, fs.status, ts.status,
               case when a.action = 'reject' and m.number is not null then '与 ' || m.number || ' 为同一问题,已合并办理' when s.note > 0 then (${notes}::text[])[s.note] end,
               nullif(a.public_note, ''),
               case a.role when 'handler' then e.lead_unit_id when 'operator' then e.receiving_unit_id when 'system' then coalesce(e.lead_unit_id, e.owner_unit_id) when 'report' then case when e.channel = 'desk' then e.receiving_unit_id end end
        from unnest(${cols[0]}::int[], ${cols[1]}::int[], ${cols[2]}::int[], ${cols[3]}::int[], ${cols[4]}::int8[], ${cols[5]}::int[]) with ordinality as s(ev, act, fr, tt, at, note, ord)
        join unnest(${batch.map((e) => e.id)}::uuid[]) with ordinality as b(id, k) on b.k = s.ev
        join event e on e.id = b.id
        join ${actionsSql} on a.code = s.act
        join ${statusSql} as ts(code, status) on ts.code = s.tt
        left join ${statusSql} as fs(code, status) on fs.code = s.fr
        left join unit ru on ru.id = e.receiving_unit_id
        left join unit lu on lu.id = e.lead_unit_id
        left join event m on m.id = e.merged_into
        order by s.ord`.execute(trx);
    }
    const cases = objectsToArrays(mediationCases);
    await insertArrays(trx, 'mediation_case', cases.columns, cases.rows);
    const steps = objectsToArrays(mediationSteps);
    await insertArrays(trx, 'mediation_step', steps.columns, steps.rows, 4000);
    const tasks = objectsToArrays(coHandlers);
    await insertArrays(trx, 'event_co_handler', tasks.columns, tasks.rows);
    const counterRows = [...counters].map(([k, last]) => [k.slice(0, 6), k.slice(7), last]);
    for (let i = 0; i < counterRows.length; i += 4000) {
      const json = JSON.stringify(counterRows.slice(i, i + 4000));
      await sql`insert into event_number_counter (county_code, day, last) select r->>0, r->>1, (r->>2)::int from json_array_elements(${json}::json) r
        on conflict (county_code, day) do update set last = greatest(event_number_counter.last, excluded.last)`.execute(
        trx,
      );
    }
    if (superuser) await sql`set local session_replication_role = origin`.execute(trx);
    const system = { userId: null, username: 'system:demo-seed', ip: null };
    const perCounty = new Map<string, number>();
    for (const e of events) perCounty.set(e.county, (perCounty.get(e.county) ?? 0) + 1);
    for (const [county, n] of [...perCounty].sort()) {
      await deps.audit.record(trx, system, {
        action: 'demo.seed_events',
        entityType: 'area',
        entityId: county,
        areaCode: county,
        after: { seed, events: n },
      });
    }
  });
  // Fresh statistics for the planner; a small sample is plenty for the demo and keeps the start quick.
  await db.transaction().execute(async (trx) => {
    await sql`set local default_statistics_target = 10`.execute(trx);
    await sql`analyze event, event_transition, mediation_case, mediation_step, event_co_handler, event_number_counter`.execute(
      trx,
    );
  });
  return {
    events: events.length,
    transitions: transitionCount,
    mediationCases: mediationCases.length,
    mediationSteps: mediationSteps.length,
    coHandlers: coHandlers.length,
  };
}
