import { useState } from 'react';
import type { Me } from '../api';
import { call, client } from '../api/client';
import { DeadlineChip } from '../components/events/bits';
import type { MediationCase } from '../components/events/types';
import { useGet, usePaged } from '../hooks';
import { formatTime, type MessageKey, useT } from '../i18n';
import { linkHandler } from '../navigation';

const TABS = ['open', 'resolved', 'exhausted'] as const;

/** Dispute cases by mediation status, and where disputes in the user's area were resolved. */
export function MediationPage({ me }: { me: Me }) {
  const { t, lang } = useT();
  const [status, setStatus] = useState<(typeof TABS)[number]>('open');
  const area = me.scope.code;
  const funnel = useGet('/api/mediation/funnel', { query: { areaCode: area } }).data;
  const { items, next, more } = usePaged<MediationCase>(
    (before) =>
      call(client.GET('/api/mediation/cases', { params: { query: { status, areaCode: area, limit: 50, before } } })),
    `${status}|${area}`,
  );

  return (
    <div className="page wide">
      <header className="page-head">
        <h1>{t('mediationCases')}</h1>
      </header>
      <div className="mediation-grid">
        <section className="card">
          <nav className="tabs">
            {TABS.map((s) => (
              // biome-ignore lint/a11y/useValidAnchor: status tabs styled by the .tabs a rules like the other tab bars; href="#" keeps them in the tab order and the handler prevents navigation
              <a
                key={s}
                href="#"
                className={s === status ? 'active' : ''}
                onClick={(e) => (e.preventDefault(), setStatus(s))}
              >
                {t(`med_${s}` as MessageKey)}
              </a>
            ))}
          </nav>
          {!items ? (
            <p className="muted">{t('loading')}</p>
          ) : items.length === 0 ? (
            <p className="muted">{t('none')}</p>
          ) : (
            <table className="table" data-testid="mediation-cases">
              <thead>
                <tr>
                  <th>{t('eventNumber')}</th>
                  <th>{t('category')}</th>
                  <th>{t('currentLevel')}</th>
                  <th>{t('levelDue')}</th>
                  <th>{t('grid')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.eventId} className={`deadline-${c.deadline}`}>
                    <td className="mono">
                      <a href={`/events/${c.eventId}`} onClick={linkHandler(`/events/${c.eventId}`)}>
                        {c.number}
                      </a>
                    </td>
                    <td>{c.categoryName}</td>
                    <td>{c.levelName}</td>
                    <td className="nowrap">
                      {c.levelDueAt ? (
                        <DeadlineChip deadline={c.deadline}>{formatTime(c.levelDueAt, lang)}</DeadlineChip>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className="mono small">{c.gridCode}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {next && (
            <div className="more">
              <button type="button" className="button" onClick={more}>
                {t('more')}
              </button>
            </div>
          )}
        </section>
        <section className="card funnel" data-testid="funnel">
          <h3>{t('funnel')}</h3>
          <p className="muted small">{t('funnelMotto')}</p>
          {!funnel ? (
            <p className="muted">{t('loading')}</p>
          ) : (
            <>
              <div className="stats">
                <span>
                  {t('total')} <b>{funnel.total}</b>
                </span>
                <span>
                  {t('openCases')} <b>{funnel.open}</b>
                </span>
                <span className="bad">
                  {t('exhaustedCases')} <b>{funnel.exhausted}</b>
                </span>
              </div>
              <ul className="bars">
                {funnel.levels.map((l) => {
                  const pct = Math.round(l.share > 1 ? l.share : l.share * 100);
                  return (
                    <li key={l.key}>
                      <span className="bar-label">{l.name}</span>
                      <span className="bar-track">
                        <span className="bar-fill" style={{ width: `${pct}%` }} />
                      </span>
                      <span className="bar-value nowrap">
                        {l.resolved} · {pct}%
                      </span>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </section>
      </div>
    </div>
  );
}
