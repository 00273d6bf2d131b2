import { creditCodeProblem } from '../../kernel/credit-code.js';
import { idNumberProblem, normaliseIdNumber } from '../../kernel/id-number.js';
import { isValidPhone, normalisePhone } from '../../kernel/phone.js';

/**
 * Spreadsheet columns of each importable element: the Chinese header people see in the template,
 * the field it fills, and how a cell is checked. A check returns a message key from
 * http/messages.ts, or the parsed value.
 */
export type ElementKind = 'people' | 'houses' | 'organizations' | 'places' | 'things';
export const ELEMENT_KINDS: readonly ElementKind[] = ['people', 'houses', 'organizations', 'places', 'things'];

export type CellValue = string | number;
export type CellCheck = { value: CellValue } | { problem: string; params?: Record<string, string | number> };

export interface Column {
  header: string;
  key: string;
  required?: boolean;
  example: string;
  note?: string;
  /** Stored as text in the template, so Excel keeps every digit (ID numbers, phones, codes). */
  text?: boolean;
  /** Turns the raw cell into the stored value, or reports a problem. */
  parse?: (raw: string, today: Date) => CellCheck;
}

const enumOf =
  (map: Record<string, string>) =>
  (raw: string): CellCheck =>
    Object.hasOwn(map, raw) ? { value: map[raw]! } : { problem: 'import_enum' };

export const REGISTRATION: Record<string, string> = { 户籍: 'registered', 流动: 'floating', 境外: 'overseas' };
export const HOUSE_USE: Record<string, string> = {
  住宅: 'residential',
  商业: 'commercial',
  办公: 'office',
  工业: 'industrial',
  商住: 'mixed',
  其他: 'other',
};
export const RENTAL: Record<string, string> = { 自住: 'owner_occupied', 出租: 'rented', 空置: 'vacant' };
export const PLACE_KIND: Record<string, string> = {
  学校: 'school',
  医院: 'hospital',
  市场: 'market',
  宾馆: 'hotel',
  娱乐场所: 'entertainment',
  宗教场所: 'religious',
  交通站点: 'transport',
  餐饮: 'restaurant',
  广场: 'square',
  其他: 'other',
};
export const THING_KIND: Record<string, string> = { 设施: 'facility', 隐患: 'hazard', 监控: 'camera' };
export const THING_STATUS: Record<string, string> = {
  正常: 'normal',
  故障: 'fault',
  整改中: 'rectifying',
  已拆除: 'removed',
};
export const ORG_KIND: Record<string, string> = {
  企业: 'enterprise',
  社会组织: 'social_org',
  学校: 'school',
  医院: 'hospital',
  党组织: 'party_org',
  其他: 'other',
};

const maxLength =
  (n: number) =>
  (raw: string): CellCheck =>
    raw.length <= n ? { value: raw } : { problem: 'import_too_long', params: { max: n } };
const phone = (raw: string): CellCheck =>
  isValidPhone(raw) ? { value: normalisePhone(raw) } : { problem: 'phone_format' };
const number =
  (min: number, max: number, integer = false) =>
  (raw: string): CellCheck => {
    const n = Number(raw);
    return Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n))
      ? { value: n }
      : { problem: 'import_number' };
  };
const gridCode = (raw: string): CellCheck =>
  /^\d{15}$/.test(raw) ? { value: raw } : { problem: 'import_grid_outside' };
const idNumber = (raw: string, today: Date): CellCheck => {
  const problem = idNumberProblem(raw, today);
  return problem ? { problem } : { value: normaliseIdNumber(raw) };
};
const creditCode = (raw: string): CellCheck => {
  const problem = creditCodeProblem(raw);
  return problem ? { problem } : { value: raw.trim().toUpperCase() };
};

export const COLUMNS: Record<ElementKind, Column[]> = {
  people: [
    { header: '姓名', key: 'name', required: true, example: '张三', parse: maxLength(50) },
    {
      header: '身份证号',
      key: 'idNumber',
      required: true,
      text: true,
      example: '62070219800517001X',
      note: '18位,末位可为X;请保持本列为文本格式',
      parse: idNumber,
    },
    { header: '民族', key: 'ethnicity', example: '汉族', note: '不填默认为汉族', parse: maxLength(20) },
    {
      header: '联系电话',
      key: 'phone',
      text: true,
      example: '13912345678',
      note: '手机号或带区号的固定电话',
      parse: phone,
    },
    {
      header: '户籍类型',
      key: 'registrationType',
      required: true,
      example: '户籍',
      note: '户籍 / 流动 / 境外',
      parse: enumOf(REGISTRATION),
    },
    {
      header: '网格编码',
      key: 'gridCode',
      required: true,
      text: true,
      example: '620702001001001',
      note: '15位网格编码,须在您的管辖范围内',
      parse: gridCode,
    },
    {
      header: '户号',
      key: 'householdNumber',
      text: true,
      example: '620702001001-0001',
      note: '同一户号的人员归入同一户(须在同一网格);户号在本县不存在时新建',
      parse: maxLength(40),
    },
    {
      header: '与户主关系',
      key: 'relationToHead',
      example: '户主',
      note: '如 户主 / 配偶 / 子 / 女 / 父母 / 其他;填写时须同时填写户号,每户只能有一位户主',
      parse: maxLength(20),
    },
    {
      header: '地址',
      key: 'address',
      example: '甘州区解放路1号',
      note: '户的地址,仅在新建户时使用,新建户时必填',
      parse: maxLength(200),
    },
  ],
  houses: [
    {
      header: '地址',
      key: 'address',
      required: true,
      example: '甘州区解放路1号',
      note: '同一网格内地址相同的房屋视为同一房屋',
      parse: maxLength(200),
    },
    {
      header: '网格编码',
      key: 'gridCode',
      required: true,
      text: true,
      example: '620702001001001',
      note: '15位网格编码,须在您的管辖范围内',
      parse: gridCode,
    },
    { header: '经度', key: 'lng', example: '100.45', parse: number(-180, 180) },
    { header: '纬度', key: 'lat', example: '38.93', parse: number(-90, 90) },
    {
      header: '用途',
      key: 'use',
      required: true,
      example: '住宅',
      note: '住宅 / 商业 / 办公 / 工业 / 商住 / 其他',
      parse: enumOf(HOUSE_USE),
    },
    {
      header: '居住状态',
      key: 'rentalStatus',
      example: '自住',
      note: '自住 / 出租 / 空置;不填默认为自住',
      parse: enumOf(RENTAL),
    },
    { header: '层数', key: 'floors', example: '2', note: '1–200 的整数', parse: number(1, 200, true) },
    { header: '产权人', key: 'ownerName', example: '张三', parse: maxLength(50) },
  ],
  organizations: [
    { header: '名称', key: 'name', required: true, example: '张掖某某农业科技有限公司', parse: maxLength(100) },
    {
      header: '类型',
      key: 'kind',
      required: true,
      example: '企业',
      note: '企业 / 社会组织 / 学校 / 医院 / 党组织 / 其他',
      parse: enumOf(ORG_KIND),
    },
    {
      header: '统一社会信用代码',
      key: 'creditCode',
      text: true,
      example: '91620702MA7TEWT01X',
      note: '18位;有代码的按代码识别,无代码的按网格+名称+地址识别',
      parse: creditCode,
    },
    { header: '地址', key: 'address', required: true, example: '甘州区解放路1号', parse: maxLength(200) },
    {
      header: '网格编码',
      key: 'gridCode',
      required: true,
      text: true,
      example: '620702001001001',
      note: '15位网格编码,须在您的管辖范围内',
      parse: gridCode,
    },
    { header: '联系人', key: 'contactName', example: '李四', parse: maxLength(50) },
    { header: '联系电话', key: 'contactPhone', text: true, example: '13912345678', parse: phone },
    { header: '从业人数', key: 'employeeCount', example: '25', parse: number(0, 1e6, true) },
  ],
  places: [
    { header: '名称', key: 'name', required: true, example: '新华农贸市场', parse: maxLength(100) },
    {
      header: '类型',
      key: 'kind',
      required: true,
      example: '市场',
      note: Object.keys(PLACE_KIND).join(' / '),
      parse: enumOf(PLACE_KIND),
    },
    { header: '地址', key: 'address', required: true, example: '甘州区解放路1号', parse: maxLength(200) },
    {
      header: '经度',
      key: 'lng',
      required: true,
      example: '100.45',
      note: '所属网格按坐标自动确定',
      parse: number(-180, 180),
    },
    { header: '纬度', key: 'lat', required: true, example: '38.93', parse: number(-90, 90) },
  ],
  things: [
    {
      header: '类别',
      key: 'kind',
      required: true,
      example: '监控',
      note: '设施 / 隐患 / 监控',
      parse: enumOf(THING_KIND),
    },
    { header: '子类', key: 'subtype', required: true, example: 'street', note: '见 /api/thing-subtypes' },
    { header: '名称', key: 'name', required: true, example: '村口视频监控点', parse: maxLength(100) },
    {
      header: '经度',
      key: 'lng',
      required: true,
      example: '100.45',
      note: '所属网格按坐标自动确定',
      parse: number(-180, 180),
    },
    { header: '纬度', key: 'lat', required: true, example: '38.93', parse: number(-90, 90) },
    {
      header: '状态',
      key: 'status',
      example: '正常',
      note: '正常 / 故障 / 整改中 / 已拆除',
      parse: enumOf(THING_STATUS),
    },
  ],
};

export function isElementKind(v: string): v is ElementKind {
  return (ELEMENT_KINDS as readonly string[]).includes(v);
}

/** The header of a field of an element (every key used here exists). */
export function headerOf(kind: ElementKind, key: string): string {
  const c = COLUMNS[kind].find((col) => col.key === key);
  if (!c) throw new Error(`no column ${key} in ${kind}`);
  return c.header;
}
