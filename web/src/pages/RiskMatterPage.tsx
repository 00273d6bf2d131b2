import { useEffect, useState } from 'react';
import { api, type Me } from '../api';
import { useCan } from '../can';
import { PageState } from '../components/common';
import { LevelBadge, shDate, useRiskT } from '../components/risk/common';
import { RiskBasics, RiskPlan } from '../components/risk/RiskBasics';
import { RiskConsultations } from '../components/risk/RiskConsultations';
import { RiskDecisionCard, RiskReport } from '../components/risk/RiskDecision';
import { RiskFollowUp } from '../components/risk/RiskFollowUp';
import { RiskRegister } from '../components/risk/RiskRegister';
import { type Matter, STAGES } from '../components/risk/types';
import { useGet, useSubmit } from '../hooks';
import { formatTime } from '../i18n';
import { linkHandler } from '../navigation';
import '../components/risk/risk.css';
import { call, client } from '../api/client';

/**
 * One matter through its steps: the stepper, the current step with its owner, deadline and what it
 * still lacks (the same list the server enforces), then the record of every step so far.
 */
export function RiskMatterPage({ id, me }: { id: string; me: Me }) {
  const { t, tk, lang } = useRiskT();
  const { data, error, loading } = useGet('/api/risk/matters/{id}', { path: { id } });
  const [m, setM] = useState<Matter | null>(null);
  const [reason, setReason] = useState('');
  const advance = useSubmit<Matter>();
  const reassess = useSubmit<Matter>();
  useEffect(() => setM(data), [data]);
  const can = useCan();
  if (!m) return <PageState error={error} loading={loading || !data} />;
  const canWrite = can('risk:write');
  const si = STAGES.indexOf(m.stage);
  const current = m.stages[m.stages.length - 1];
  const props = { m, onChange: setM, canWrite, canDecide: can('risk:decide') };
  return (
    <div className="page risk-page">
      <div className="breadcrumbs">
        <a href="/risk" onClick={linkHandler('/risk')}>
          {t('riskTitle')}
        </a>{' '}
        / <span className="mono">{m.number}</span>
      </div>
      <header className="page-head">
        <h1>{m.title}</h1>
        <LevelBadge level={m.level} />
        {m.round > 1 && (
          <span className="badge">
            {t('riskRound')} {m.round}
          </span>
        )}
      </header>
      <ol className="risk-stepper" data-testid="risk-stepper">
        {STAGES.map((s, i) => (
          <li
            key={s}
            className={i < si ? 'done' : i === si ? 'current' : ''}
            aria-current={i === si ? 'step' : undefined}
          >
            {tk('stage', s)}
          </li>
        ))}
      </ol>
      {m.stage !== 'closed' && (
        <section className={`card risk-step ${m.missing.length > 0 ? 'incomplete' : 'ready'}`} data-testid="risk-step">
          <div className="card-head">
            <h3>{tk('stage', m.stage)}</h3>
            <span className="small">
              {t('riskStepOwner')}:{current?.ownerName} ({tk('owner', m.owner)}) · {t('riskDue')} {shDate(m.stageDueAt)}{' '}
              {m.overdue && <span className="deadline-badge-red">{t('riskOverdue')}</span>}
            </span>
          </div>
          {m.missing.length > 0 ? (
            <div data-testid="risk-missing">
              <b>{t('riskMissing')}</b>
              <ul>
                {m.missing.map((x) => (
                  <li key={x.key} data-key={x.key}>
                    {x.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : m.stage !== 'decide' ? (
            <div className="ok">{t('riskReady')}</div>
          ) : null}
          <div className="form-row">
            {canWrite && m.next && (
              <button
                type="button"
                className="primary small"
                disabled={advance.busy || m.missing.length > 0}
                onClick={async () => {
                  const r = await advance.submit(() =>
                    call(client.POST('/api/risk/matters/{id}/advance', { params: { path: { id: m.id } }, body: {} })),
                  );
                  if (r) setM(r);
                }}
              >
                {t('riskAdvance')} → {tk('stage', m.next)}
              </button>
            )}
            {canWrite && ['report', 'decide'].includes(m.stage) && (
              <span className="form-row risk-inline">
                <input
                  aria-label={t('riskReassessReason')}
                  placeholder={t('riskReassessReason')}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
                <button
                  type="button"
                  className="button"
                  disabled={reassess.busy || reason.trim().length < 2}
                  onClick={async () => {
                    const r = await reassess.submit(() =>
                      call(
                        client.POST('/api/risk/matters/{id}/reassess', {
                          params: { path: { id: m.id } },
                          body: { reason },
                        }),
                      ),
                    );
                    if (r) setM(r), setReason('');
                  }}
                >
                  {t('riskReassess')}
                </button>
              </span>
            )}
          </div>
          {(advance.error || reassess.error) && (
            <div className="error" role="alert">
              {advance.error ?? reassess.error}
            </div>
          )}
        </section>
      )}
      <RiskBasics {...props} />
      {si >= 1 && <RiskPlan {...props} />}
      {si >= 2 && <RiskConsultations {...props} />}
      {si >= 3 && <RiskRegister {...props} />}
      {si >= 4 && <RiskReport {...props} />}
      {si >= 5 && <RiskDecisionCard {...props} />}
      {si >= 6 && m.decision === 'implement' && <RiskFollowUp {...props} />}
      <section className="card" aria-label={t('riskSteps')}>
        <div className="card-head">
          <h3>{t('riskSteps')}</h3>
        </div>
        <table className="table small" data-testid="risk-steps">
          <thead>
            <tr>
              <th>{t('riskStage')}</th>
              <th>{t('riskRound')}</th>
              <th>{t('riskStepOwner')}</th>
              <th>{t('riskStarted')}</th>
              <th>{t('riskDue')}</th>
              <th>{t('riskEnded')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {m.stages.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the stage history is an append-only history without ids, shown in a fixed order
              <tr key={i}>
                <td>{tk('stage', s.stage)}</td>
                <td>{s.round}</td>
                <td>{s.ownerName}</td>
                <td>{formatTime(s.startedAt, lang)}</td>
                <td>{s.dueAt ? shDate(s.dueAt) : ''}</td>
                <td>{s.endedAt ? formatTime(s.endedAt, lang) : ''}</td>
                <td className="muted">{s.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
