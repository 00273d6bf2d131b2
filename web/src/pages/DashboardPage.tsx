import { useEffect, useMemo } from 'react';
import { CalendarWarning } from '../components/calendar/CalendarWarning';
import { PageState } from '../components/common';
import { DashChart } from '../components/dashboard/DashChart';
import { CategoryTable, ChildrenTable, ExportButton } from '../components/dashboard/DashTables';
import { categoryOption, funnelOption, stageOption, trendOption } from '../components/dashboard/options';
import { type Dashboard, pct } from '../components/dashboard/types';
import { useApi } from '../hooks';
import { useT } from '../i18n';
import { navigate } from '../navigation';

/** How often the big screen in the command hall fetches again; the roll-up job itself runs every 10 s. */
const BIG_REFRESH_MS = 30_000;

/**
 * The command dashboard of one area node (/dashboard/:code): what came in, what is open and late,
 * the four rates, the dispute funnel, categories, trends and the children to drill into. With
 * ?screen=big it is the dark 1920×1080 command-hall screen that refreshes itself.
 */
export function DashboardPage({ code, search }: { code: string; search: URLSearchParams }) {
  const { t, lang } = useT();
  const big = search.get('screen') === 'big';
  const period = search.get('period') ?? 'month';
  const trendDays = search.get('trendDays') ?? '30';
  const query = `period=${period}&trendDays=${trendDays}`;
  const { data: d, error, loading, reload } = useApi<Dashboard>(`/api/dashboard/${code}?${query}`);
  useEffect(() => {
    if (!big) return;
    const timer = setInterval(reload, BIG_REFRESH_MS);
    return () => clearInterval(timer);
  }, [big, reload]);
  const dark = big;
  const options = useMemo(
    () =>
      d && {
        daily: trendOption(d, false, t as (k: string) => string, dark),
        monthly: trendOption(d, true, t as (k: string) => string, dark),
        stages: stageOption(d, t as (k: string) => string, dark),
        funnel: funnelOption(d, lang === 'en', dark),
        cats: categoryOption(d, lang === 'en', t as (k: string) => string, dark),
      },
    [d, t, lang, dark],
  );
  const go = (next: Record<string, string>) => {
    const q = new URLSearchParams({ period, trendDays, ...(big ? { screen: 'big' } : {}), ...next });
    if (q.get('screen') === '') q.delete('screen');
    navigate(`/dashboard/${code}?${q}`);
  };
  if (!d || !options)
    return (
      <div className={big ? 'db-root db-big' : 'page'}>
        <PageState error={error} loading={loading} />
      </div>
    );

  const kpis: Array<[string, string, string | number, boolean?]> = [
    ['today', t('dbToday'), d.received.today],
    ['week', t('dbWeek'), d.received.week],
    ['month', t('dbMonth'), d.received.month],
    ['open', t('dbOpen'), d.open.total],
    ['overdue', t('dbOverdue'), d.open.overdue, d.open.overdue > 0],
    ['onTime', t('dbOnTime'), pct(d.rates.onTime.rate)],
    ['response', t('dbResponse'), pct(d.rates.response.rate)],
    ['resolution', t('dbResolution'), pct(d.rates.resolution.rate)],
    ['satisfaction', t('dbSatisfaction'), pct(d.rates.satisfaction.rate)],
    ['visits', t('dbVisits'), pct(d.visits.compliance)],
  ];
  const lag = d.lag.coveredAt
    ? `${t('dbLag')} ${new Date(d.lag.coveredAt).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}(${t('dbLagBehind')} ${d.lag.seconds ?? 0} ${t('dbSeconds')}${d.lag.pendingTransitions > 0 ? `,${d.lag.pendingTransitions} ${t('dbPending')}` : ''})`
    : t('dbNotYet');
  return (
    <div className={big ? 'db-root db-big' : 'page db-root'} data-testid="dashboard">
      <header className="db-head">
        <nav className="db-crumbs" aria-label="breadcrumb">
          {d.path.map((p, i) => (
            <span key={p.code}>
              {i > 0 && ' › '}
              {p.code === d.area.code ? (
                <b data-testid="db-area">{p.name}</b>
              ) : (
                <a
                  href={`/dashboard/${p.code}`}
                  onClick={(e) => (
                    e.preventDefault(), navigate(`/dashboard/${p.code}?${query}${big ? '&screen=big' : ''}`)
                  )}
                >
                  {p.name}
                </a>
              )}
            </span>
          ))}
        </nav>
        <h1>
          {d.area.name} · {t('dbTitle')}
        </h1>
        <div className="db-controls">
          {(['month', 'quarter', 'year'] as const).map((k) => (
            <button key={k} type="button" className={period === k ? 'on' : ''} onClick={() => go({ period: k })}>
              {t(`dbPeriod_${k}`)}
            </button>
          ))}
          {(['30', '90'] as const).map((k) => (
            <button key={k} type="button" className={trendDays === k ? 'on' : ''} onClick={() => go({ trendDays: k })}>
              {t(k === '30' ? 'dbTrend30' : 'dbTrend90')}
            </button>
          ))}
          <button type="button" data-testid="db-big-toggle" onClick={() => go({ screen: big ? '' : 'big' })}>
            {big ? t('dbExitBig') : t('dbBig')}
          </button>
          {!big && <ExportButton code={d.area.code} table="rates" query={query} />}
        </div>
        <p className="db-lag" data-testid="db-lag">
          {lag} · {d.period.current.from} — {d.today}
        </p>
      </header>
      {!big && <CalendarWarning />}
      <section className="db-kpis">
        {kpis.map(([k, label, v, bad]) => (
          <div key={k} className={bad ? 'db-kpi db-bad' : 'db-kpi'} data-testid={`kpi-${k}`}>
            <b>{v}</b>
            <span>{label}</span>
          </div>
        ))}
      </section>
      {!big && <p className="db-help muted">{t('dbRateHelp')}</p>}
      <section className="db-grid">
        <div className="db-panel db-wide">
          <header>
            <h3>{t('dbTrendDaily')}</h3>
            {!big && <ExportButton code={d.area.code} table="trend" query={query} />}
          </header>
          <DashChart option={options.daily} height={big ? 250 : 260} testId="chart-daily" />
        </div>
        <div className="db-panel">
          <header>
            <h3>{t('dbStages')}</h3>
            {!big && <ExportButton code={d.area.code} table="stages" query={query} />}
          </header>
          <DashChart option={options.stages} height={big ? 250 : 260} />
        </div>
        <div className="db-panel">
          <header>
            <h3>{t('dbFunnel')}</h3>
            {!big && <ExportButton code={d.area.code} table="funnel" query={query} />}
          </header>
          <div className="db-funnel-rates">
            <span data-testid="funnel-village">
              {t('dbVillage')} <b>{pct(d.funnel.village.rate)}</b>
            </span>
            <span>
              {t('dbTownship')} <b>{pct(d.funnel.township.rate)}</b>
            </span>
            <span>
              {t('dbNotEscalated')} <b>{pct(d.funnel.notEscalated.rate)}</b>
            </span>
          </div>
          <DashChart option={options.funnel} height={big ? 200 : 210} />
        </div>
        <div className="db-panel">
          <header>
            <h3>{t('dbTrendMonthly')}</h3>
            {!big && <ExportButton code={d.area.code} table="monthly" query={query} />}
          </header>
          <DashChart option={options.monthly} height={big ? 250 : 260} />
        </div>
        <div className="db-panel">
          <header>
            <h3>{t('dbTopCategories')}</h3>
          </header>
          <DashChart option={options.cats} height={big ? 250 : 260} />
        </div>
        <CategoryTable
          d={d}
          rows={d.topCategories.slice(0, big ? 6 : 10)}
          table="categories"
          title={t('dbTopCategories')}
          query={query}
          big={big}
        />
        <CategoryTable d={d} rows={d.risingCategories} table="rising" title={t('dbRising')} query={query} big={big} />
      </section>
      <ChildrenTable d={d} query={query} big={big} />
    </div>
  );
}
