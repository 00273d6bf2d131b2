import { useSyncExternalStore } from 'react';
import { AREA_IMPORT_MESSAGES } from './i18n-area-import';
import { CALENDAR_MESSAGES } from './i18n-calendar';
import { DASHBOARD_MESSAGES } from './i18n-dashboard';
import { EVENT_MESSAGES } from './i18n-events';
import { MAP_MESSAGES } from './i18n-map';
import { REPORT_MESSAGES } from './i18n-reports';
import { RISK_MESSAGES } from './i18n-risk';
import { SETTINGS_MESSAGES } from './i18n-settings';
import type { Lang, Messages } from './i18n-types';

export type { Lang } from './i18n-types';

const dict = {
  appName: { 'zh-CN': '枫桥 · 市域社会治理', en: 'Fengqiao · Social Governance' },
  login: { 'zh-CN': '登录', en: 'Sign in' },
  logout: { 'zh-CN': '退出', en: 'Sign out' },
  username: { 'zh-CN': '用户名', en: 'Username' },
  password: { 'zh-CN': '密码', en: 'Password' },
  loginTitle: { 'zh-CN': '综治中心工作平台', en: 'Governance centre workspace' },
  loginSubtitle: { 'zh-CN': '只进一个门 · 最多跑一次', en: 'One door · at most one trip' },
  demoHint: { 'zh-CN': '演示模式:以下账号的密码均为', en: 'Demo mode: every account below uses the password' },
  signingIn: { 'zh-CN': '正在登录…', en: 'Signing in…' },
  areaTree: { 'zh-CN': '区划网格', en: 'Areas and grids' },
  children: { 'zh-CN': '下级区划', en: 'Subdivisions' },
  code: { 'zh-CN': '代码', en: 'Code' },
  name: { 'zh-CN': '名称', en: 'Name' },
  level: { 'zh-CN': '层级', en: 'Level' },
  status: { 'zh-CN': '状态', en: 'Status' },
  childCount: { 'zh-CN': '下级数', en: 'Children' },
  updatedAt: { 'zh-CN': '更新时间', en: 'Updated' },
  active: { 'zh-CN': '正常', en: 'Active' },
  retired: { 'zh-CN': '已撤销', en: 'Retired' },
  notFound: { 'zh-CN': '未找到,或不在您的管辖范围内', en: 'Not found, or outside your area' },
  loading: { 'zh-CN': '加载中…', en: 'Loading…' },
  map: { 'zh-CN': '边界地图', en: 'Boundary map' },
  noBaseMap: { 'zh-CN': '离线底图:仅显示本平台网格边界', en: 'Offline: platform boundaries only' },
  gridWorkers: { 'zh-CN': '网格员', en: 'Grid workers' },
  phone: { 'zh-CN': '电话', en: 'Phone' },
  grids: { 'zh-CN': '负责网格', en: 'Grids' },
  none: { 'zh-CN': '暂无', en: 'None' },
  menu: { 'zh-CN': '菜单', en: 'Menu' },
  navEvents: { 'zh-CN': '事件中心', en: 'Events' },
  navRegistry: { 'zh-CN': '基础信息', en: 'Registry' },
  navAnalysis: { 'zh-CN': '研判分析', en: 'Analysis' },
  navSettings: { 'zh-CN': '系统设置', en: 'Settings' },
  language: { 'zh-CN': 'English', en: '中文' },
  facts: { 'zh-CN': '基本情况', en: 'Overview' },
  search: { 'zh-CN': '搜索人、户、房、场所、组织', en: 'Search people, households, places…' },
  people: { 'zh-CN': '实有人口', en: 'People' },
  overdue: { 'zh-CN': '逾期走访', en: 'Overdue visits' },
  areas: { 'zh-CN': '区划网格', en: 'Areas' },
  importExport: { 'zh-CN': '导入导出', en: 'Import / export' },
  idNumber: { 'zh-CN': '身份证号', en: 'ID number' },
  sex: { 'zh-CN': '性别', en: 'Sex' },
  male: { 'zh-CN': '男', en: 'Male' },
  female: { 'zh-CN': '女', en: 'Female' },
  birthDate: { 'zh-CN': '出生日期', en: 'Born' },
  ethnicity: { 'zh-CN': '民族', en: 'Ethnicity' },
  registrationType: { 'zh-CN': '户籍类型', en: 'Registration' },
  registered: { 'zh-CN': '户籍', en: 'Registered' },
  floating: { 'zh-CN': '流动', en: 'Floating' },
  overseas: { 'zh-CN': '境外', en: 'Overseas' },
  present: { 'zh-CN': '在册', en: 'Present' },
  moved_out: { 'zh-CN': '迁出', en: 'Moved out' },
  deceased: { 'zh-CN': '死亡', en: 'Deceased' },
  grid: { 'zh-CN': '网格', en: 'Grid' },
  tags: { 'zh-CN': '人群标签', en: 'Groups' },
  allTags: { 'zh-CN': '全部人群', en: 'All groups' },
  allRisks: { 'zh-CN': '全部风险', en: 'All risks' },
  allStatus: { 'zh-CN': '全部状态', en: 'All statuses' },
  red: { 'zh-CN': '红色', en: 'Red' },
  yellow: { 'zh-CN': '黄色', en: 'Yellow' },
  blue: { 'zh-CN': '蓝色', en: 'Blue' },
  query: { 'zh-CN': '姓名 / 身份证号 / 后四位 / 手机号', en: 'Name / ID / last 4 / phone' },
  more: { 'zh-CN': '加载更多', en: 'Load more' },
  timeline: { 'zh-CN': '变更记录', en: 'History' },
  edit: { 'zh-CN': '编辑', en: 'Edit' },
  save: { 'zh-CN': '保存', en: 'Save' },
  cancel: { 'zh-CN': '取消', en: 'Cancel' },
  reason: { 'zh-CN': '变更原因', en: 'Reason' },
  saved: { 'zh-CN': '已保存', en: 'Saved' },
  showFull: { 'zh-CN': '查看完整(将记录审计)', en: 'Show in full (audited)' },
  household: { 'zh-CN': '户', en: 'Household' },
  members: { 'zh-CN': '家庭成员', en: 'Members' },
  relation: { 'zh-CN': '与户主关系', en: 'Relation' },
  visits: { 'zh-CN': '走访记录', en: 'Visits' },
  recordVisit: { 'zh-CN': '记录走访', en: 'Record a visit' },
  observed: { 'zh-CN': '走访所见', en: 'What you saw' },
  requests: { 'zh-CN': '群众诉求', en: 'What was asked' },
  finding: { 'zh-CN': '发现问题(可转事件)', en: 'Finding (can become an event)' },
  submit: { 'zh-CN': '提交', en: 'Submit' },
  visitSaved: { 'zh-CN': '走访已记录', en: 'Visit recorded' },
  noResults: { 'zh-CN': '没有找到结果', en: 'No results' },
  overdueDays: { 'zh-CN': '逾期天数', en: 'Days overdue' },
  worker: { 'zh-CN': '责任网格员', en: 'Worker' },
  nextDue: { 'zh-CN': '应走访日期', en: 'Due' },
  lastVisit: { 'zh-CN': '上次走访', en: 'Last visit' },
  newPerson: { 'zh-CN': '登记人员', en: 'Register a person' },
  template: { 'zh-CN': '下载模板', en: 'Template' },
  chooseFile: { 'zh-CN': '选择 Excel 或 CSV 文件', en: 'Choose an Excel or CSV file' },
  dryRun: { 'zh-CN': '校验(不写入)', en: 'Check only' },
  doImport: { 'zh-CN': '导入有效行', en: 'Import valid rows' },
  allOrNothing: { 'zh-CN': '全部有效才导入', en: 'All or nothing' },
  errorReport: { 'zh-CN': '下载错误报告', en: 'Download error report' },
  row: { 'zh-CN': '行', en: 'Row' },
  column: { 'zh-CN': '列', en: 'Column' },
  message: { 'zh-CN': '说明', en: 'Message' },
  export: { 'zh-CN': '导出(脱敏)', en: 'Export (masked)' },
  received: { 'zh-CN': '读取', en: 'Read' },
  inserted: { 'zh-CN': '新增', en: 'Added' },
  unchanged: { 'zh-CN': '已存在', en: 'Already there' },
  rejected: { 'zh-CN': '拒绝', en: 'Rejected' },
  layers: { 'zh-CN': '图层', en: 'Layers' },
  places: { 'zh-CN': '场所', en: 'Places' },
  cameras: { 'zh-CN': '视频监控', en: 'Cameras' },
  hazards: { 'zh-CN': '安全隐患', en: 'Hazards' },
  organizations: { 'zh-CN': '组织', en: 'Organisations' },
  peopleHere: { 'zh-CN': '本区域人口', en: 'People here' },
  person: { 'zh-CN': '人员', en: 'Person' },
  house: { 'zh-CN': '房屋', en: 'House' },
  place: { 'zh-CN': '场所', en: 'Place' },
  organization: { 'zh-CN': '组织', en: 'Organisation' },
  elements: { 'zh-CN': '房屋场所组织', en: 'Places & organisations' },
  eventCategory: { 'zh-CN': '选择事件类别', en: 'Event category' },
  toEvent: { 'zh-CN': '转为事件', en: 'Make an event' },
  handedOff: { 'zh-CN': '已转事件', en: 'Event opened' },
  events: { 'zh-CN': '事件办理', en: 'Events' },
  eventNumber: { 'zh-CN': '事件编号', en: 'Number' },
  description: { 'zh-CN': '事件描述', en: 'Description' },
  dueAt: { 'zh-CN': '办理时限', en: 'Due' },
  trackingCode: { 'zh-CN': '查询码', en: 'Tracking code' },
  note: { 'zh-CN': '办理意见', en: 'Note' },
  ...EVENT_MESSAGES,
  ...MAP_MESSAGES,
  ...DASHBOARD_MESSAGES,
  ...CALENDAR_MESSAGES,
  ...RISK_MESSAGES,
  ...REPORT_MESSAGES,
  ...SETTINGS_MESSAGES,
  ...AREA_IMPORT_MESSAGES,
} as const satisfies Messages;

export type MessageKey = keyof typeof dict;

const LEVELS: Messages = {
  city: { 'zh-CN': '市', en: 'City' },
  county: { 'zh-CN': '县区', en: 'County' },
  township: { 'zh-CN': '乡镇街道', en: 'Township' },
  village: { 'zh-CN': '村社区', en: 'Village' },
  grid: { 'zh-CN': '网格', en: 'Grid' },
};
const ROLES: Messages = {
  admin: { 'zh-CN': '管理员', en: 'Administrator' },
  operator: { 'zh-CN': '综治中心坐席', en: 'Centre operator' },
  handler: { 'zh-CN': '承办人员', en: 'Handler' },
  grid_worker: { 'zh-CN': '网格员', en: 'Grid worker' },
  mediator: { 'zh-CN': '调解员', en: 'Mediator' },
  leader: { 'zh-CN': '领导', en: 'Leader' },
};

const KEY = 'fq.lang';
let current: Lang = (localStorage.getItem(KEY) as Lang | null) ?? 'zh-CN';
const listeners = new Set<() => void>();

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang) {
  current = lang;
  localStorage.setItem(KEY, lang);
  document.documentElement.lang = lang;
  for (const l of listeners) l();
}

export function useLang(): Lang {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => current,
  );
}

export function useT() {
  const lang = useLang();
  return {
    lang,
    t: (key: MessageKey) => dict[key][lang],
    level: (level: string) => LEVELS[level]?.[lang] ?? level,
    role: (role: string) => ROLES[role]?.[lang] ?? role,
  };
}

/** Instants are stored in UTC and always shown in Asia/Shanghai. */
export function formatTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}
