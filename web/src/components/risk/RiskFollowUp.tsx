import { useState } from 'react';
import { api } from '../../api';
import { type ApiResult, call, client } from '../../api/client';
import { useApi, useSubmit } from '../../hooks';
import { formatTime } from '../../i18n';
import { linkHandler } from '../../navigation';
import { useRiskT } from './common';
import type { Matter } from './types';

type Signals = ApiResult<'/api/risk/matters/{id}/signals'>;
type Props = { m: Matter; onChange: (m: Matter) => void; canWrite: boolean };

/** 跟踪监控: every measure tracked to completion, and the events of the affected areas by week since implementation began. */
export function RiskFollowUp({ m, onChange, canWrite }: Props) {
  const { t, lang } = useRiskT();
  const { data } = useApi<Signals>(m.implementationStartedAt ? `/api/risk/matters/${m.id}/signals` : null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const done = useSubmit<Matter>();
  const measures = m.points.filter((p) => p.mitigation);
  const max = Math.max(1, ...(data?.weeks ?? []).map((w) => w.count));
  return (
    <section className="card" aria-label={t('stage_monitor')}>
      <div className="card-head">
        <h3>
          {t('stage_monitor')} · {t('riskMeasures')}
        </h3>
      </div>
      <table className="table" data-testid="risk-measures">
        <thead>
          <tr>
            <th>{t('riskDescription')}</th>
            <th>{t('riskMeasure')}</th>
            <th>{t('riskMeasureOwner')}</th>
            <th>{t('riskMeasureDue')}</th>
            <th>{t('riskDoneNote')}</th>
          </tr>
        </thead>
        <tbody>
          {measures.map((p) => (
            <tr key={p.id}>
              <td>{p.description}</td>
              <td>{p.mitigation}</td>
              <td>{p.mitigationOwner}</td>
              <td className="nowrap">{p.mitigationDue ?? ''}</td>
              <td>
                {p.mitigationDoneAt ? (
                  <span className="badge">
                    {t('riskMarkDone')} · {p.mitigationNote}
                  </span>
                ) : canWrite && m.stage === 'monitor' ? (
                  <span className="form-row risk-inline">
                    <input
                      aria-label={`${t('riskDoneNote')} ${p.description}`}
                      value={notes[p.id] ?? ''}
                      onChange={(e) => setNotes({ ...notes, [p.id]: e.target.value })}
                    />
                    <button
                      type="button"
                      className="button small"
                      disabled={done.busy || (notes[p.id] ?? '').trim().length < 2}
                      onClick={async () => {
                        const r = await done.submit(() =>
                          call(
                            client.POST('/api/risk/matters/{id}/points/{pointId}/done', {
                              params: { path: { id: m.id, pointId: p.id } },
                              body: { note: notes[p.id]!.trim() },
                            }),
                          ),
                        );
                        if (r) onChange(r);
                      }}
                    >
                      {t('riskMarkDone')}
                    </button>
                  </span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {done.error && <div className="error">{done.error}</div>}
      {data && (
        <div className="risk-signals" data-testid="risk-signals">
          <div className="card-head">
            <b>{t('riskSignals')}</b>
            <span className="muted small">{data.total}</span>
          </div>
          {data.rising && (
            <div className="error" role="alert" data-testid="risk-rising">
              {t('riskRising')}
            </div>
          )}
          <div className="risk-weeks">
            {data.weeks.map((w) => (
              <div key={w.week} className="risk-week" title={`${w.week}: ${w.count}`}>
                <span className="risk-week-count">{w.count}</span>
                <i style={{ height: `${Math.max(2, (80 * w.count) / max)}px` }} />
                <span className="risk-week-label">{w.week.slice(5)}</span>
              </div>
            ))}
          </div>
          <ul className="risk-events">
            {data.events.map((e) => (
              <li key={e.id}>
                <a href={`/events/${e.id}`} onClick={linkHandler(`/events/${e.id}`)}>
                  {e.number}
                </a>{' '}
                {e.category} <span className="muted small">{formatTime(e.createdAt, lang)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
