import { useMemo, useState } from 'react';
import '../components/reports/reports.css';
import type { Me } from '../api';
import { downloadProtected } from '../components/reports/download';
import { type ChartOption, EChart } from '../components/reports/EChart';
import { ReportTables } from '../components/reports/ReportTables';
import { pct, type Situation } from '../components/reports/types';
import { useApi, useGet } from '../hooks';
import { useT } from '../i18n';
import { navigate } from '../navigation';

const pad = (n: number) => String(n).padStart(2, '0');
/** The quarter [from, to] of a year and quarter number (1–4). */
function quarter(y: number, q: number) {
  const end = new Date(Date.UTC(y, q * 3, 0)).getUTCDate();
  return { from: `${y}-${pad(q * 3 - 2)}-01`, to: `${y}-${pad(q * 3)}-${pad(end)}` };
}
/** The last complete quarter, in Shanghai time, as the server defaults to. */
function lastQuarter() {
  const now = new Date(Date.now() + 8 * 3600_000);
  let q = Math.floor(now.getUTCMonth() / 3);
  let y = now.getUTCFullYear();
  if (q === 0) (q = 4), (y -= 1);
  return { y, q };
}

/** 形势研判: an area and a period, the charts, the generated summary and the PDF/DOCX downloads. */
export function SituationReportPage({ me, search }: { me: Me; search: URLSearchParams }) {
  const { t, lang } = useT();
  const def = lastQuarter();
  const areaCode = search.get('areaCode') ?? me.scope.code;
  // A city's subtree is its 4-digit prefix; any other area's is its own code.
  const scopePrefix = me.scope.level === 'city' ? me.scope.code.slice(0, 4) : me.scope.code;
  const from = search.get('from') ?? quarter(def.y, def.q).from;
  const to = search.get('to') ?? quarter(def.y, def.q).to;
  const [custom, setCustom] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const query = `areaCode=${areaCode}&from=${from}&to=${to}`;
  const report = useApi<Situation>(`/api/reports/situation?${query}`);
  const area = useGet('/api/areas/{code}', { path: { code: areaCode } }).data;
  const go = (p: Record<string, string>) =>
    navigate(`/reports/situation?${new URLSearchParams({ areaCode, from, to, ...p }).toString()}`);
  const r = report.data;
  const name = (c: { name: string; nameEn: string }) => (lang === 'zh-CN' ? c.name : c.nameEn);
  const year = Number(from.slice(0, 4));
  const q = Math.floor(Number(from.slice(5, 7)) / 3) + 1;

  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt when the report or the language changes; t and name are new each render and follow lang
  const barOption = useMemo<ChartOption | null>(
    () =>
      r && {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 10, top: 36, bottom: 30 },
        xAxis: { type: 'category', data: r.categories.map(name) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            name: t('rpCurrent'),
            type: 'bar',
            data: r.categories.map((c) => c.current),
            itemStyle: { color: '#2563eb' },
          },
          {
            name: t('rpPrevious'),
            type: 'bar',
            data: r.categories.map((c) => c.previous),
            itemStyle: { color: '#94a3b8' },
          },
          {
            name: t('rpLastYear'),
            type: 'bar',
            data: r.categories.map((c) => c.lastYear),
            itemStyle: { color: '#f59e0b' },
          },
        ],
      },
    [r, lang],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt when the report or the language changes; t is new each render and follows lang
  const lineOption = useMemo<ChartOption | null>(
    () =>
      r && {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 10, top: 36, bottom: 30 },
        xAxis: { type: 'category', data: r.trend.map((m) => m.month) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: t('rpCurrent'), type: 'line', data: r.trend.map((m) => m.current), itemStyle: { color: '#2563eb' } },
          {
            name: t('rpLastYear'),
            type: 'line',
            data: r.trend.map((m) => m.lastYear),
            itemStyle: { color: '#f59e0b' },
          },
        ],
      },
    [r, lang],
  );

  const download = async (format: 'pdf' | 'docx') => {
    setBusy(format);
    try {
      await downloadProtected(`/api/reports/situation.${format}?${query}`, `situation.${format}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="page wide">
      <header className="page-head">
        <h1>{t('rpTitle')}</h1>
      </header>
      <section className="card report-controls" data-testid="report-controls">
        <label>
          {t('rpArea')}{' '}
          <select value={areaCode} onChange={(e) => go({ areaCode: e.target.value })} data-testid="report-area">
            {area?.ancestors
              ?.filter((a) => a.code.startsWith(scopePrefix) && a.code.length >= me.scope.code.length)
              .map((a) => (
                <option key={a.code} value={a.code}>
                  {a.name}
                </option>
              ))}
            {area && <option value={area.code}>{area.name}</option>}
            {area?.children.map((c) => (
              <option key={c.code} value={c.code}>
                {'\u3000'}
                {c.name}
              </option>
            ))}
          </select>
        </label>
        {!custom ? (
          <label>
            {t('rpQuarter')}{' '}
            <select value={year} onChange={(e) => go(quarter(Number(e.target.value), q))} data-testid="report-year">
              {[0, 1, 2, 3].map((d) => (
                <option key={d} value={def.y + (def.q === 4 ? 1 : 0) - d}>
                  {def.y + (def.q === 4 ? 1 : 0) - d}
                </option>
              ))}
            </select>{' '}
            <select value={q} onChange={(e) => go(quarter(year, Number(e.target.value)))} data-testid="report-quarter">
              {[1, 2, 3, 4].map((n) => (
                <option key={n} value={n}>
                  {lang === 'zh-CN' ? `第${'一二三四'[n - 1]}季度` : `Q${n}`}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span>
            <label>
              {t('rpFrom')}{' '}
              <input type="date" defaultValue={from} onChange={(e) => e.target.value && go({ from: e.target.value })} />
            </label>{' '}
            <label>
              {t('rpTo')}{' '}
              <input type="date" defaultValue={to} onChange={(e) => e.target.value && go({ to: e.target.value })} />
            </label>
          </span>
        )}
        <button type="button" className="link" onClick={() => setCustom(!custom)}>
          {custom ? t('rpQuarter') : t('rpCustom')}
        </button>
        <span className="spacer" />
        <button type="button" onClick={() => download('pdf')} disabled={!r || !!busy} data-testid="download-pdf">
          {t('rpDownloadPdf')}
        </button>
        <button type="button" onClick={() => download('docx')} disabled={!r || !!busy} data-testid="download-docx">
          {t('rpDownloadDocx')}
        </button>
      </section>
      {report.error && <p className="error">{report.error.message}</p>}
      {!r ? (
        <p className="muted">{t('loading')}</p>
      ) : (
        <>
          <section className="card" data-testid="report-summary">
            <h2>
              {r.area.name} · {r.period.label}
            </h2>
            <div className="report-kpis">
              <div>
                <b>{r.totals.current}</b>
                <span>{t('rpTotal')}</span>
              </div>
              <div>
                <b>{pct(r.totals.change)}</b>
                <span>
                  {t('rpVsPrev')}({r.totals.previous})
                </span>
              </div>
              <div>
                <b>{pct(r.totals.yoy)}</b>
                <span>
                  {t('rpVsYear')}({r.totals.lastYear})
                </span>
              </div>
              <div>
                <b>{r.totals.disputes}</b>
                <span>{t('rpDisputes')}</span>
              </div>
              <div>
                <b>{r.totals.overdue}</b>
                <span>{t('rpOverdue')}</span>
              </div>
            </div>
            <h3>{t('rpSummary')}</h3>
            {r.summary.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: summary sentences of a fixed report, in order
              <p key={i} className="report-sentence">
                {s}
              </p>
            ))}
          </section>
          <div className="report-charts">
            <section className="card">
              <h3>{t('rpByCategory')}</h3>
              {barOption && <EChart option={barOption} testId="chart-categories" />}
            </section>
            <section className="card">
              <h3>{t('rpTrend')}</h3>
              {lineOption && <EChart option={lineOption} testId="chart-trend" />}
            </section>
          </div>
          <ReportTables r={r} />
        </>
      )}
    </div>
  );
}
