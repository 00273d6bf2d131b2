import { useState } from 'react';
import { useCan } from '../can';
import '../components/reports/reports.css';
import { ApiError, api, type Me } from '../api';
import { type ApiItem, call, client } from '../api/client';
import { type CaseItem, DeadlineBadge, formatValue, SupervisionCase } from '../components/reports/SupervisionCase';
import { useApi, useGet } from '../hooks';
import { formatTime, type MessageKey, useT } from '../i18n';

type Flag = ApiItem<'/api/supervision/flags'>;

/** 挂牌督办: flags raised by the rules (the level above confirms or dismisses), the cases with deadline colours, and one case's detail. */
export function SupervisionPage({ me }: { me: Me }) {
  const { t, lang } = useT();
  const flags = useApi<{ items: Flag[] }>('/api/supervision/flags?status=pending');
  const cases = useGet('/api/supervision/cases');
  const [selected, setSelected] = useState<string | null>(null);
  const [days, setDays] = useState<Record<string, number>>({});
  const [message, setMessage] = useState<string | null>(null);
  const canOperate = useCan()('event:operate');

  const run = async (fn: () => Promise<unknown>) => {
    setMessage(null);
    try {
      await fn();
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : String(e));
    }
    flags.reload();
    cases.reload();
  };
  const evaluate = () =>
    run(async () => {
      const r = await call(client.POST('/api/supervision/evaluate', { body: {} }));
      setTimeout(() =>
        setMessage(t('svEvaluated').replace('{created}', String(r.created)).replace('{existing}', String(r.existing))),
      );
    });
  const confirm = (f: Flag) =>
    run(async () => {
      const c = await call(
        client.POST('/api/supervision/flags/{id}/confirm', {
          params: { path: { id: f.id } },
          body: { workingDays: days[f.id] ?? f.rectifyWorkingDays },
        }),
      );
      setSelected(c.id);
    });
  const dismiss = (f: Flag) => {
    const note = window.prompt(t('svReason'));
    if (note?.trim())
      void run(() =>
        call(client.POST('/api/supervision/flags/{id}/dismiss', { params: { path: { id: f.id } }, body: { note } })),
      );
  };

  return (
    <div className="page wide">
      <header className="page-head">
        <h1>{t('svTitle')}</h1>
        {canOperate && (
          <button type="button" onClick={evaluate} data-testid="sv-evaluate">
            {t('svEvaluate')}
          </button>
        )}
      </header>
      {message && (
        <p className="notice" role="status" data-testid="sv-message">
          {message}
        </p>
      )}
      <section className="card">
        <h2>{t('svFlags')}</h2>
        {!flags.data ? (
          <p className="muted">{t('loading')}</p>
        ) : flags.data.items.length === 0 ? (
          <p className="muted">{t('svNoFlags')}</p>
        ) : (
          <table className="table" data-testid="sv-flags">
            <thead>
              <tr>
                <th>{t('rpArea')}</th>
                <th>{t('svRule')}</th>
                <th>{t('svValue')}</th>
                <th>{t('svThreshold')}</th>
                <th>{t('rpPeriod')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {flags.data.items.map((f) => (
                <tr key={f.id} data-testid="sv-flag">
                  <td>{f.areaName}</td>
                  <td>
                    {f.ruleName}
                    <div className="muted small">{t(`svM_${f.measure}` as MessageKey)}</div>
                  </td>
                  <td>
                    <b>{formatValue(f.measure, f.value)}</b>
                  </td>
                  <td>{formatValue(f.measure, f.threshold)}</td>
                  <td>
                    {f.periodFrom} ~ {f.periodTo}
                  </td>
                  <td>
                    {f.canDecide && canOperate ? (
                      <span className="chips">
                        <label className="small">
                          {t('svDeadline')}{' '}
                          <input
                            type="number"
                            min={1}
                            max={250}
                            style={{ width: 56 }}
                            value={days[f.id] ?? f.rectifyWorkingDays}
                            onChange={(e) => setDays({ ...days, [f.id]: Number(e.target.value) })}
                          />{' '}
                          {t('svWorkingDays')}
                        </label>
                        <button type="button" className="primary" onClick={() => confirm(f)} data-testid="sv-confirm">
                          {t('svConfirm')}
                        </button>
                        <button type="button" className="link" onClick={() => dismiss(f)}>
                          {t('svDismiss')}
                        </button>
                      </span>
                    ) : (
                      <span className="muted small">{t('svOnlyAbove')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <div className="sv-grid">
        <section className="card">
          <h2>{t('svCases')}</h2>
          {!cases.data ? (
            <p className="muted">{t('loading')}</p>
          ) : cases.data.items.length === 0 ? (
            <p className="muted">{t('svNoCases')}</p>
          ) : (
            <table className="table" data-testid="sv-cases">
              <thead>
                <tr>
                  <th>{t('svNumber')}</th>
                  <th>{t('rpArea')}</th>
                  <th>{t('svStatus')}</th>
                  <th>{t('svDeadline')}</th>
                </tr>
              </thead>
              <tbody>
                {cases.data.items.map((c) => (
                  <tr
                    key={c.id}
                    className={`${c.deadline === 'overdue' ? 'deadline-red' : c.deadline === 'warning' ? 'deadline-yellow' : ''}${c.id === selected ? ' selected' : ''}`}
                    onClick={() => setSelected(c.id)}
                    style={{ cursor: 'pointer' }}
                    data-testid="sv-case-row"
                  >
                    <td>
                      {/* biome-ignore lint/a11y/useValidAnchor: the case number is the row's keyboard entry point: Enter on it bubbles a click to the row, which opens the case */}
                      <a href="#" onClick={(e) => e.preventDefault()}>
                        {c.number}
                      </a>
                    </td>
                    <td>{c.areaName}</td>
                    <td>{t(`sv_${c.status}` as MessageKey)}</td>
                    <td>
                      <DeadlineBadge c={c} /> <span className="small">{formatTime(c.deadlineAt, lang)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card">
          {selected ? (
            <SupervisionCase key={selected} id={selected} onChange={cases.reload} />
          ) : (
            <p className="muted">{t('svCases')}</p>
          )}
        </section>
      </div>
    </div>
  );
}
