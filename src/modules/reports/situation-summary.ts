/**
 * The report's short Chinese summary: fixed sentences filled from the numbers, each sentence left
 * out when its numbers are missing (no "同比上升null%"). Pure, so tests check it against the body.
 */
export interface SummaryInput {
  area: { name: string };
  period: { label: string };
  totals: {
    current: number;
    previous: number;
    lastYear: number;
    change: number | null;
    yoy: number | null;
    disputes: number;
    closed: number;
    overdue: number;
  };
  topCategories: Array<{ name: string; current: number }>;
  rising: Array<{ name: string; current: number; previous: number; increase: number }>;
  hotspots: {
    grids: Array<{ name: string; village: string | null; events: number }>;
    places: Array<{ name: string; events: number }>;
  };
  mediation: {
    total: number;
    open: number;
    exhausted: number;
    levels: Array<{ key: string; name: string; resolved: number; share: number }>;
  };
  overdueUnits: Array<{ name: string | null; overdue: number }>;
}

export const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;

/** "上升12.5%" / "下降3.0%" / "持平"; null when there is nothing to compare with. */
export function trendWords(ratio: number | null): string | null {
  if (ratio === null) return null;
  if (Math.abs(ratio) < 0.0005) return '持平';
  return `${ratio > 0 ? '上升' : '下降'}${pct(Math.abs(ratio))}`;
}

/** Levels up to the village (小事不出村) and up to the township (大事不出镇), by the policy's keys. */
const VILLAGE_KEYS = new Set(['grid', 'village']);

export function situationSummary(r: SummaryInput): string[] {
  const out: string[] = [];
  const t = r.totals;
  const vsPrev = trendWords(t.change);
  const vsYear = trendWords(t.yoy);
  const cmp = [vsPrev && `环比${vsPrev}`, vsYear && `同比${vsYear}`].filter(Boolean).join(',');
  out.push(
    `${r.period.label},${r.area.name}共受理事件${t.current}件${cmp ? `,${cmp}` : ''}(上期${t.previous}件,去年同期${t.lastYear}件)。`,
  );
  if (t.current > 0) {
    out.push(
      `其中矛盾纠纷${t.disputes}件,占${pct(t.disputes / t.current)};已办结${t.closed}件,办结率${pct(t.closed / t.current)};发生逾期${t.overdue}件。`,
    );
  }
  const top = r.topCategories.slice(0, 3);
  if (top.length) out.push(`事件最多的类别为${top.map((c) => `${c.name}(${c.current}件)`).join('、')}。`);
  const rising = r.rising.slice(0, 3);
  if (rising.length)
    out.push(
      `上升较快的类别为${rising.map((c) => `${c.name}(由${c.previous}件增至${c.current}件)`).join('、')},需重点关注。`,
    );
  const g = r.hotspots.grids[0];
  // Grid names often repeat their village's name already (金山社区第1网格).
  if (g)
    out.push(
      `事件最集中的网格为${g.village && !g.name.startsWith(g.village) ? g.village : ''}${g.name}(${g.events}件)${r.hotspots.places[0] ? `,最集中的场所为${r.hotspots.places[0].name}(${r.hotspots.places[0].events}件)` : ''}。`,
    );
  const m = r.mediation;
  const finished = m.levels.reduce((a, l) => a + l.resolved, 0) + m.exhausted;
  if (m.total > 0) {
    let s = `本期新发矛盾纠纷调解案件${m.total}件,调解完结${finished}件`;
    if (finished > 0) {
      const village = m.levels.filter((l) => VILLAGE_KEYS.has(l.key)).reduce((a, l) => a + l.resolved, 0);
      const township = m.levels.filter((l) => !VILLAGE_KEYS.has(l.key)).reduce((a, l) => a + l.resolved, 0);
      s += `,其中${pct(village / finished)}在村级及以下化解,${pct(township / finished)}在乡镇化解,${pct(m.exhausted / finished)}调解未成需上交`;
    }
    out.push(`${s}${m.open ? `;尚有${m.open}件在调解中` : ''}。`);
  }
  const u = r.overdueUnits[0];
  if (u) out.push(`逾期事件最多的承办单位为${u.name ?? '未派遣(无承办单位)'}(${u.overdue}件),建议督促整改。`);
  return out;
}
