import { creditCodeProblem } from '../../domain/credit-code.js';
import { idNumberProblem, normaliseIdNumber } from '../../domain/id-number.js';
import { isValidPhone, normalisePhone } from '../../domain/phone.js';

/**
 * Spreadsheet columns of each importable element: the Chinese header people see in the template,
 * the field it fills, and how a cell is checked. A check returns a message key from
 * http/messages.ts, or null.
 */
export type ElementKind = 'people' | 'houses' | 'organizations' | 'places' | 'things';

export interface Column {
  header: string;
  key: string;
  required?: boolean;
  example: string;
  note?: string;
  /** Turns the raw cell into the stored value, or reports a problem. */
  parse?: (raw: string, today: Date) => { value: unknown } | { problem: string };
}

const enumOf = (map: Record<string, string>) => (raw: string) => (raw in map ? { value: map[raw] } : { problem: 'import_enum' });

export const REGISTRATION: Record<string, string> = { 户籍: 'registered', 流动: 'floating', 境外: 'overseas' };
export const HOUSE_USE: Record<string, string> = { 住宅: 'residential', 商业: 'commercial', 办公: 'office', 工业: 'industrial', 商住: 'mixed', 其他: 'other' };
export const RENTAL: Record<string, string> = { 自住: 'owner_occupied', 出租: 'rented', 空置: 'vacant' };
export const PLACE_KIND: Record<string, string> = { 学校: 'school', 医院: 'hospital', 市场: 'market', 宾馆: 'hotel', 娱乐场所: 'entertainment', 宗教场所: 'religious', 交通站点: 'transport', 餐饮: 'restaurant', 广场: 'square', 其他: 'other' };
export const THING_KIND: Record<string, string> = { 设施: 'facility', 隐患: 'hazard', 监控: 'camera' };
export const THING_STATUS: Record<string, string> = { 正常: 'normal', 故障: 'fault', 整改中: 'rectifying', 已拆除: 'removed' };
export const ORG_KIND: Record<string, string> = { 企业: 'enterprise', 社会组织: 'social_org', 学校: 'school', 医院: 'hospital', 党组织: 'party_org', 其他: 'other' };

const phone = (raw: string) => (isValidPhone(raw) ? { value: normalisePhone(raw) } : { problem: 'phone_format' });
const number = (min: number, max: number) => (raw: string) => {
  const n = Number(raw);
  return Number.isFinite(n) && n >= min && n <= max ? { value: n } : { problem: 'import_number' };
};
const gridCode = (raw: string) => (/^\d{15}$/.test(raw) ? { value: raw } : { problem: 'grid_required' });

export const COLUMNS: Record<ElementKind, Column[]> = {
  people: [
    { header: '姓名', key: 'name', required: true, example: '张三' },
    {
      header: '身份证号', key: 'idNumber', required: true, example: '62070219800517001X', note: '18位,末位可为X',
      parse: (raw, today) => {
        const problem = idNumberProblem(raw, today);
        return problem ? { problem } : { value: normaliseIdNumber(raw) };
      },
    },
    { header: '民族', key: 'ethnicity', example: '汉族' },
    { header: '联系电话', key: 'phone', example: '13912345678', parse: phone },
    { header: '户籍类型', key: 'registrationType', required: true, example: '户籍', note: '户籍 / 流动 / 境外', parse: enumOf(REGISTRATION) },
    { header: '网格编码', key: 'gridCode', required: true, example: '620702001001001', note: '15位网格编码', parse: gridCode },
    { header: '户号', key: 'householdNumber', example: '620702001001-0001', note: '同一户号的人员归入同一户;户号不存在时新建' },
    { header: '与户主关系', key: 'relationToHead', example: '户主' },
    { header: '地址', key: 'address', example: '甘州区解放路1号', note: '新建户时必填' },
  ],
  houses: [
    { header: '地址', key: 'address', required: true, example: '甘州区解放路1号' },
    { header: '网格编码', key: 'gridCode', required: true, example: '620702001001001', parse: gridCode },
    { header: '经度', key: 'lng', example: '100.45', parse: number(-180, 180) },
    { header: '纬度', key: 'lat', example: '38.93', parse: number(-90, 90) },
    { header: '用途', key: 'use', required: true, example: '住宅', note: '住宅 / 商业 / 办公 / 工业 / 商住 / 其他', parse: enumOf(HOUSE_USE) },
    { header: '居住状态', key: 'rentalStatus', example: '自住', note: '自住 / 出租 / 空置', parse: enumOf(RENTAL) },
    { header: '层数', key: 'floors', example: '2', parse: number(1, 200) },
    { header: '产权人', key: 'ownerName', example: '张三' },
  ],
  organizations: [
    { header: '名称', key: 'name', required: true, example: '张掖某某农业科技有限公司' },
    { header: '类型', key: 'kind', required: true, example: '企业', note: '企业 / 社会组织 / 学校 / 医院 / 党组织 / 其他', parse: enumOf(ORG_KIND) },
    { header: '统一社会信用代码', key: 'creditCode', example: '91620702MA7TEWT01X', parse: (raw) => (creditCodeProblem(raw) ? { problem: creditCodeProblem(raw)! } : { value: raw.toUpperCase() }) },
    { header: '地址', key: 'address', required: true, example: '甘州区解放路1号' },
    { header: '网格编码', key: 'gridCode', required: true, example: '620702001001001', parse: gridCode },
    { header: '联系人', key: 'contactName', example: '李四' },
    { header: '联系电话', key: 'contactPhone', example: '13912345678', parse: phone },
    { header: '从业人数', key: 'employeeCount', example: '25', parse: number(0, 1e6) },
  ],
  places: [
    { header: '名称', key: 'name', required: true, example: '新华农贸市场' },
    { header: '类型', key: 'kind', required: true, example: '市场', note: Object.keys(PLACE_KIND).join(' / '), parse: enumOf(PLACE_KIND) },
    { header: '地址', key: 'address', required: true, example: '甘州区解放路1号' },
    { header: '经度', key: 'lng', required: true, example: '100.45', note: '所属网格按坐标自动确定', parse: number(-180, 180) },
    { header: '纬度', key: 'lat', required: true, example: '38.93', parse: number(-90, 90) },
  ],
  things: [
    { header: '类别', key: 'kind', required: true, example: '监控', note: '设施 / 隐患 / 监控', parse: enumOf(THING_KIND) },
    { header: '子类', key: 'subtype', required: true, example: 'street', note: '见 /api/thing-subtypes' },
    { header: '名称', key: 'name', required: true, example: '村口视频监控点' },
    { header: '经度', key: 'lng', required: true, example: '100.45', note: '所属网格按坐标自动确定', parse: number(-180, 180) },
    { header: '纬度', key: 'lat', required: true, example: '38.93', parse: number(-90, 90) },
    { header: '状态', key: 'status', example: '正常', note: '正常 / 故障 / 整改中 / 已拆除', parse: enumOf(THING_STATUS) },
  ],
};

export function isElementKind(v: string): v is ElementKind {
  return v in COLUMNS;
}
