import { useEffect, useState } from 'react';
import { type AreaDetail, api, type Me } from '../api';
import { PageState } from '../components/common';
import { CountBars, shDate, useRiskT } from '../components/risk/common';
import { STAGES } from '../components/risk/types';
import { useApi } from '../hooks';
import { linkHandler, navigate } from '../navigation';
import '../components/risk/risk.css';
import { type ApiResult, call, client } from '../api/client';

type Overview = ApiResult<'/api/risk/overview'>;

/** For any area in scope: matters by step, level and outcome; steps past their deadline; firms' workload and ratings. */
export function RiskOverviewPage({ me, search }: { me: Me; search: URLSearchParams }) {
  const { t, tk } = useRiskT();
  const area = search.get('areaCode') ?? me.scope.code;
  const { data, error, loading } = useApi<Overview>(`/api/risk/overview?areaCode=${area}`);
  const [root, setRoot] = useState<AreaDetail | null>(null);
  useEffect(() => {
    call(client.GET('/api/areas/{code}', { params: { path: { code: me.scope.code } } })).then(setRoot, () =>
      setRoot(null),
    );
  }, [me.scope.code]);
  const order = (rows: Array<{ key: string; n: number }>, keys: readonly string[]) =>
    keys.map((k) => ({ key: k, n: rows.find((r) => r.key === k)?.n ?? 0 }));
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('riskOverview')}</h1>
        <select
          aria-label={t('riskArea')}
          value={area}
          onChange={(e) => navigate(`/risk/overview?areaCode=${e.target.value}`)}
        >
          {root && <option value={root.code}>{root.name}</option>}
          {root?.children.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        <span className="spacer" />
        <a className="button" href="/risk" onClick={linkHandler('/risk')}>
          {t('riskTitle')}
        </a>
      </header>
      <PageState error={error} loading={loading && !data} />
      {data && (
        <>
          <div className="risk-overview-grid">
            <section className="card">
              <h3>{t('riskByStage')}</h3>
              <CountBars testid="risk-by-stage" rows={order(data.byStage, STAGES)} label={(k) => tk('stage', k)} />
            </section>
            <section className="card">
              <h3>{t('riskByLevel')}</h3>
              <CountBars
                testid="risk-by-level"
                rows={order(data.byLevel, ['high', 'medium', 'low', 'ungraded'])}
                label={(k) => tk('level', k)}
              />
            </section>
            <section className="card">
              <h3>{t('riskByDecision')}</h3>
              <CountBars
                testid="risk-by-decision"
                rows={order(data.byDecision, ['implement', 'postpone', 'reject', 'pending'])}
                label={(k) => tk('decision', k)}
              />
            </section>
          </div>
          <section className="card">
            <h3>
              {t('riskOverdueSteps')} <span className="badge">{data.overdue.length}</span>
            </h3>
            <table className="table" data-testid="risk-overdue">
              <thead>
                <tr>
                  <th>{t('riskNumber')}</th>
                  <th>{t('riskMatterTitle')}</th>
                  <th>{t('riskStage')}</th>
                  <th>{t('riskStepOwner')}</th>
                  <th>{t('riskDue')}</th>
                  <th className="num">{t('riskOverdueDays')}</th>
                </tr>
              </thead>
              <tbody>
                {data.overdue.map((o) => (
                  <tr key={o.id}>
                    <td className="mono nowrap">{o.number}</td>
                    <td>
                      <a href={`/risk/${o.id}`} onClick={linkHandler(`/risk/${o.id}`)}>
                        {o.title}
                      </a>
                    </td>
                    <td>{tk('stage', o.stage)}</td>
                    <td>
                      {o.ownerName} <span className="muted small">{tk('owner', o.owner)}</span>
                    </td>
                    <td className="nowrap">{shDate(o.dueAt)}</td>
                    <td className="num">{o.overdueWorkingDays}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="card">
            <h3>{t('riskWorkload')}</h3>
            <table className="table" data-testid="risk-workload">
              <thead>
                <tr>
                  <th>{t('riskFirm')}</th>
                  <th className="num">{t('riskOpen')}</th>
                  <th className="num">{t('riskTotal')}</th>
                  <th className="num">{t('riskAvgRating')}</th>
                </tr>
              </thead>
              <tbody>
                {data.firms.map((f) => (
                  <tr key={f.id}>
                    <td>{f.name}</td>
                    <td className="num">{f.open}</td>
                    <td className="num">{f.total}</td>
                    <td className="num">
                      {f.avgRating ?? '—'} <span className="muted small">({f.ratings})</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}
