import type { DashOption } from './DashChart';
import type { Dashboard } from './types';

/** ECharts options built from the API's figures; `dark` is the command-hall palette. */
type T = (k: string) => string;
const palette = (dark: boolean) => ({
  text: dark ? '#cfe3ff' : '#334155',
  axis: dark ? '#33507a' : '#cbd5e1',
  colors: dark
    ? ['#38bdf8', '#34d399', '#f87171', '#fbbf24', '#a78bfa']
    : ['#1d6fb8', '#15803d', '#c2410c', '#ca8a04', '#7c3aed'],
});

export function trendOption(d: Dashboard, monthly: boolean, t: T, dark: boolean): DashOption {
  const p = palette(dark);
  const rows = monthly
    ? d.trend.monthly.map((r) => ({ x: r.month, ...r }))
    : d.trend.daily.map((r) => ({ x: r.day.slice(5), ...r }));
  return {
    color: p.colors,
    textStyle: { color: p.text },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: p.text } },
    grid: { left: 40, right: 16, top: 32, bottom: 28 },
    xAxis: { type: 'category', data: rows.map((r) => r.x), axisLine: { lineStyle: { color: p.axis } } },
    yAxis: { type: 'value', splitLine: { lineStyle: { color: p.axis, opacity: 0.4 } } },
    series: [
      { name: t('dbReceived'), type: monthly ? 'bar' : 'line', smooth: true, data: rows.map((r) => r.received) },
      { name: t('dbClosed'), type: monthly ? 'bar' : 'line', smooth: true, data: rows.map((r) => r.closed) },
      { name: t('dbOverdueNew'), type: 'line', smooth: true, data: rows.map((r) => r.overdue) },
    ],
  };
}

export function stageOption(d: Dashboard, t: T, dark: boolean): DashOption {
  const p = palette(dark);
  return {
    color: p.colors,
    textStyle: { color: p.text },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: p.text } },
    grid: { left: 64, right: 16, top: 28, bottom: 20 },
    xAxis: { type: 'value', splitLine: { lineStyle: { color: p.axis, opacity: 0.4 } } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: d.open.byStage.map((s) => t(`dbStage_${s.stage}`)),
      axisLine: { lineStyle: { color: p.axis } },
    },
    series: [
      { name: t('dbOpen'), type: 'bar', data: d.open.byStage.map((s) => s.n - s.overdue), stack: 'a' },
      {
        name: t('dbOverdue'),
        type: 'bar',
        data: d.open.byStage.map((s) => s.overdue),
        stack: 'a',
        itemStyle: { color: dark ? '#f87171' : '#c2410c' },
      },
    ],
  };
}

export function funnelOption(d: Dashboard, en: boolean, dark: boolean): DashOption {
  const p = palette(dark);
  return {
    color: p.colors,
    textStyle: { color: p.text },
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    series: [
      {
        type: 'funnel',
        left: 8,
        right: 8,
        top: 8,
        bottom: 8,
        sort: 'none',
        minSize: '20%',
        label: { position: 'inside', color: '#fff', formatter: '{b} {c}' },
        data: d.funnel.levels.map((l) => ({ name: en ? l.nameEn : l.name, value: l.resolved })),
      },
    ],
  };
}

export function categoryOption(d: Dashboard, en: boolean, t: T, dark: boolean): DashOption {
  const p = palette(dark);
  const rows = d.topCategories.slice(0, 8);
  return {
    color: p.colors,
    textStyle: { color: p.text },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: p.text } },
    grid: { left: 96, right: 16, top: 28, bottom: 20 },
    xAxis: { type: 'value', splitLine: { lineStyle: { color: p.axis, opacity: 0.4 } } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => (en ? r.nameEn : r.name)),
      axisLine: { lineStyle: { color: p.axis } },
    },
    series: [
      { name: t('dbCurrent'), type: 'bar', data: rows.map((r) => r.current) },
      { name: t('dbPrevious'), type: 'bar', data: rows.map((r) => r.previous) },
    ],
  };
}
