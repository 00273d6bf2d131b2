import type { Me } from '../api';
import { useCan } from '../can';
import { PageState } from '../components/common';
import { LevelBadge, shDate, useRiskT } from '../components/risk/common';
import { type MatterSummary, STAGES } from '../components/risk/types';
import { useApi } from '../hooks';
import { linkHandler, navigate } from '../navigation';
import '../components/risk/risk.css';

/** The matters in the user's scope with their step, level and the step's deadline. */
export function RiskListPage({ me, search }: { me: Me; search: URLSearchParams }) {
  const { t, tk } = useRiskT();
  const stage = search.get('stage') ?? '';
  const { data, error, loading } = useApi<{ items: MatterSummary[] }>(
    `/api/risk/matters${stage ? `?stage=${stage}` : ''}`,
  );
  const can = useCan();
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('riskTitle')}</h1>
        <span className="spacer" />
        <a className="button" href="/risk/overview" onClick={linkHandler('/risk/overview')}>
          {t('riskOverview')}
        </a>
        <a className="button" href="/risk/firms" onClick={linkHandler('/risk/firms')}>
          {t('riskFirms')}
        </a>
        {can('risk:write') && (
          <a className="primary small" href="/risk/new" onClick={linkHandler('/risk/new')}>
            {t('riskNew')}
          </a>
        )}
      </header>
      <div className="filters">
        <select
          aria-label={t('riskStage')}
          value={stage}
          onChange={(e) => navigate(e.target.value ? `/risk?stage=${e.target.value}` : '/risk')}
        >
          <option value="">{t('riskAllStages')}</option>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {tk('stage', s)}
            </option>
          ))}
        </select>
      </div>
      <PageState error={error} loading={loading && !data} />
      {data && data.items.length === 0 && <div className="empty">{t('riskNone')}</div>}
      {data && data.items.length > 0 && (
        <table className="table" data-testid="risk-list">
          <thead>
            <tr>
              <th>{t('riskNumber')}</th>
              <th>{t('riskMatterTitle')}</th>
              <th>{t('riskStage')}</th>
              <th>{t('riskLevel')}</th>
              <th>{t('riskDue')}</th>
              <th>{t('riskFirm')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((m) => (
              <tr key={m.id}>
                <td className="mono nowrap">{m.number}</td>
                <td>
                  <a href={`/risk/${m.id}`} onClick={linkHandler(`/risk/${m.id}`)}>
                    {m.title}
                  </a>
                  <div className="muted small">
                    {tk('type', m.type)} · {tk('kind', m.kind)}
                  </div>
                </td>
                <td className="nowrap">
                  {tk('stage', m.stage)}
                  {m.round > 1 ? ` · ${t('riskRound')} ${m.round}` : ''}
                  {m.decision ? ` · ${tk('decision', m.decision)}` : ''}
                </td>
                <td>
                  <LevelBadge level={m.level} />
                </td>
                <td className="nowrap">
                  {m.stage === 'closed' ? '' : shDate(m.stageDueAt)}{' '}
                  {m.overdue && <span className="deadline-badge-red">{t('riskOverdue')}</span>}
                </td>
                <td className="small">{m.firm ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
