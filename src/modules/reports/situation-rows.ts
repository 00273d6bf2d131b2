import type { SituationReport } from './situation-report.presenter.js';
import { pct } from './situation-summary.js';

/**
 * The report's tables as plain rows of text, shared by the PDF and the DOCX so both documents say
 * exactly the same thing as the JSON.
 */
export interface DocTable {
  title: string;
  head: string[];
  rows: string[][];
  /** Optional per-row value for a bar drawn beside the row (share of the column's maximum). */
  bars?: number[];
}

const ratio = (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : ''}${pct(x)}`);

export function reportTitle(r: SituationReport): string {
  return `${r.area.name}${r.period.label}社会治理形势研判报告`;
}

export function reportTables(r: SituationReport): DocTable[] {
  return [
    {
      title: '二、事件分类统计',
      head: ['类别', '本期', `上期`, '环比', '去年同期', '同比'],
      rows: [
        ...r.categories.map((c) => [
          c.name,
          String(c.current),
          String(c.previous),
          ratio(c.change),
          String(c.lastYear),
          ratio(c.yoy),
        ]),
        [
          '合计',
          String(r.totals.current),
          String(r.totals.previous),
          ratio(r.totals.change),
          String(r.totals.lastYear),
          ratio(r.totals.yoy),
        ],
      ],
      bars: [...r.categories.map((c) => c.current), r.totals.current],
    },
    {
      title: '三、上升类别',
      head: ['类别', '本期', '上期', '增加', '环比'],
      rows: r.rising.length
        ? r.rising.map((c) => [c.name, String(c.current), String(c.previous), `+${c.increase}`, ratio(c.change)])
        : [['无上升类别', '', '', '', '']],
    },
    {
      title: '四、热点网格',
      head: ['网格', '所属村(社区)', '事件数', '矛盾纠纷'],
      rows: r.hotspots.grids.length
        ? r.hotspots.grids.map((g) => [g.name, g.village ?? '', String(g.events), String(g.disputes)])
        : [['本期无事件', '', '', '']],
      bars: r.hotspots.grids.map((g) => g.events),
    },
    {
      title: '热点场所(按位置匹配登记场所)',
      head: ['场所', '类型', '地址', '事件数'],
      rows: r.hotspots.places.length
        ? r.hotspots.places.map((p) => [p.name, p.kind, p.address, String(p.events)])
        : [['无匹配的登记场所', '', '', '']],
    },
    ...(r.hotspots.addresses.length
      ? [
          {
            title: '事件集中的地址',
            head: ['地址', '事件数'],
            rows: r.hotspots.addresses.map((a) => [a.address, String(a.events)]),
          },
        ]
      : []),
    {
      title: '五、矛盾纠纷化解层级',
      head: ['调解层级', '化解件数', '占已完结比例'],
      rows: [
        ...r.mediation.levels.map((l) => [l.name, String(l.resolved), pct(l.share)]),
        ['调解未成(上交)', String(r.mediation.exhausted), '—'],
        ['调解中', String(r.mediation.open), '—'],
      ],
      bars: [...r.mediation.levels.map((l) => l.resolved), r.mediation.exhausted, r.mediation.open],
    },
    {
      title: '六、逾期承办单位',
      head: ['承办单位', '承办事件', '逾期件数', '逾期率'],
      rows: r.overdueUnits.length
        ? r.overdueUnits.map((u) => [
            u.name ?? '未派遣',
            String(u.events),
            String(u.overdue),
            pct(u.events ? u.overdue / u.events : 0),
          ])
        : [['本期无逾期事件', '', '', '']],
      bars: r.overdueUnits.map((u) => u.overdue),
    },
  ];
}
