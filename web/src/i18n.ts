import { useSyncExternalStore } from 'react';

export type Lang = 'zh-CN' | 'en';

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
  language: { 'zh-CN': 'English', en: '中文' },
  facts: { 'zh-CN': '基本情况', en: 'Overview' },
  search: { 'zh-CN': '搜索人、户、房、场所、组织', en: 'Search people, households, places…' },
  people: { 'zh-CN': '实有人口', en: 'People' },
  overdue: { 'zh-CN': '逾期走访', en: 'Overdue visits' },
} as const;

export type MessageKey = keyof typeof dict;

const LEVELS: Record<string, Record<Lang, string>> = {
  city: { 'zh-CN': '市', en: 'City' },
  county: { 'zh-CN': '县区', en: 'County' },
  township: { 'zh-CN': '乡镇街道', en: 'Township' },
  village: { 'zh-CN': '村社区', en: 'Village' },
  grid: { 'zh-CN': '网格', en: 'Grid' },
};
const ROLES: Record<string, Record<Lang, string>> = {
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
  return new Intl.DateTimeFormat(lang, { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
}
