import { loadExcelJS } from '../../lib/lazy-libraries.js';
import type { Dashboard } from './stats-measures.js';

/**
 * The dashboard's tables as .xlsx: the same Dashboard object the screen draws, so an exported
 * figure is always the figure on screen. Rates are written as numbers with a percent format.
 */
export const DASHBOARD_TABLES = [
  'children',
  'categories',
  'rising',
  'stages',
  'funnel',
  'trend',
  'monthly',
  'rates',
] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];

const STAGE_NAMES: Record<string, string> = {
  accept: '待受理',
  dispatch: '待派遣',
  handle: '处置中',
  verify: '待核查',
  suspended: '挂起',
};
const LEVEL_NAMES: Record<string, string> = {
  city: '市',
  county: '县区',
  township: '乡镇街道',
  village: '村社区',
  grid: '网格',
};

type Cell = string | number | null;
interface Sheet {
  title: string;
  headers: string[];
  rows: Cell[][];
  percentColumns?: number[];
}

export const TABLE_TITLES: Record<DashboardTable, string> = {
  children: '下级区域',
  categories: '事件类别排行',
  rising: '上升类别',
  stages: '在办事件(按环节)',
  funnel: '矛盾纠纷化解层级',
  trend: '每日趋势',
  monthly: '月度趋势',
  rates: '核心指标',
};

function sheetOf(d: Dashboard, table: DashboardTable): Sheet {
  switch (table) {
    case 'children':
      return {
        title: TABLE_TITLES.children,
        percentColumns: [7, 8, 11],
        headers: [
          '区划代码',
          '名称',
          '层级',
          '本期收件',
          '办结',
          '在办',
          '超期',
          '按期办结率',
          '满意率',
          '矛盾纠纷',
          '常住人口',
          '重点人群走访率',
        ],
        rows: d.children.map((c) => [
          c.code,
          c.name,
          LEVEL_NAMES[c.level] ?? c.level,
          c.received,
          c.closed,
          c.open,
          c.overdue,
          c.onTimeRate,
          c.satisfactionRate,
          c.disputes,
          c.population,
          c.visitCompliance,
        ]),
      };
    case 'categories':
      return {
        title: TABLE_TITLES.categories,
        percentColumns: [5],
        headers: ['类别代码', '类别', '本期', '上期同期', '增减', '增减率'],
        rows: d.topCategories.map((c) => [c.code, c.name, c.current, c.previous, c.change, c.changeRate]),
      };
    case 'rising':
      return {
        title: TABLE_TITLES.rising,
        percentColumns: [5],
        headers: ['类别代码', '类别', '本期', '上期同期', '增减', '增减率'],
        rows: d.risingCategories.map((c) => [c.code, c.name, c.current, c.previous, c.change, c.changeRate]),
      };
    case 'stages':
      return {
        title: TABLE_TITLES.stages,
        headers: ['环节', '在办', '其中超期'],
        rows: d.open.byStage.map((s) => [STAGE_NAMES[s.stage] ?? s.stage, s.n, s.overdue]),
      };
    case 'funnel':
      return {
        title: TABLE_TITLES.funnel,
        percentColumns: [3],
        headers: ['层级', '层次', '化解数', '占办结调解比例'],
        rows: [
          ...d.funnel.levels.map((l) => [l.name, l.tier === 'village' ? '村级' : '镇级', l.resolved, l.share]),
          ['小事不出村', '', d.funnel.village.numerator, d.funnel.village.rate],
          ['大事不出镇', '', d.funnel.township.numerator, d.funnel.township.rate],
          ['矛盾不上交', '', d.funnel.notEscalated.numerator, d.funnel.notEscalated.rate],
          ['调解终结未化解(上交)', '', d.funnel.exhausted, null],
        ],
      };
    case 'trend':
      return {
        title: TABLE_TITLES.trend,
        headers: ['日期', '收件', '办结', '超期'],
        rows: d.trend.daily.map((r) => [r.day, r.received, r.closed, r.overdue]),
      };
    case 'monthly':
      return {
        title: TABLE_TITLES.monthly,
        headers: ['月份', '收件', '办结', '超期'],
        rows: d.trend.monthly.map((r) => [r.month, r.received, r.closed, r.overdue]),
      };
    case 'rates': {
      const r = d.rates;
      return {
        title: TABLE_TITLES.rates,
        percentColumns: [3],
        headers: ['指标', '分子', '分母', '比率'],
        rows: [
          ['按期办结率', r.onTime.numerator, r.onTime.denominator, r.onTime.rate],
          ['响应率', r.response.numerator, r.response.denominator, r.response.rate],
          ['解决率', r.resolution.numerator, r.resolution.denominator, r.resolution.rate],
          ['满意率', r.satisfaction.numerator, r.satisfaction.denominator, r.satisfaction.rate],
          ['今日收件', d.received.today, null, null],
          ['本周收件', d.received.week, null, null],
          ['本月收件', d.received.month, null, null],
          ['在办', d.open.total, null, null],
          ['超期', d.open.overdue, null, null],
        ],
      };
    }
  }
}

export async function dashboardWorkbook(
  d: Dashboard,
  table: DashboardTable,
): Promise<{ buffer: Buffer; fileName: string }> {
  const s = sheetOf(d, table);
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(d.now);
  const ws = wb.addWorksheet(s.title);
  ws.addRow([`${d.area.name}(${d.area.code}) ${s.title}`]);
  ws.addRow([`统计期 ${d.period.current.from} 至 ${d.today},数据截至 ${d.lag.coveredAt ?? '—'}`]);
  const header = ws.addRow(s.headers);
  header.font = { bold: true };
  for (const r of s.rows) ws.addRow(r);
  for (const c of s.percentColumns ?? []) ws.getColumn(c + 1).numFmt = '0.0%';
  ws.columns.forEach((col) => {
    col.width = 14;
  });
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, fileName: `${d.area.name}-${s.title}-${d.today}.xlsx` };
}
