import { useEffect, useState } from 'react';
import { api, type Me } from '../api';
import { DeadlineChip } from '../components/events/bits';
import type { Funnel, MediationCase } from '../components/events/types';
import { useApi } from '../hooks';
import { formatTime, type MessageKey, useT } from '../i18n';
import { linkHandler } from '../router';

const TABS = ['open', 'resolved', 'exhausted'] as const;

/** Dispute cases by mediation status, and where disputes in the user's area were resolved. */
export function MediationPage({ me }: { me: Me }) {
  const { t, lang } = useT();
  const [status, setStatus] = useState<(typeof TABS)[number]>('open');
  const [items, setItems] = useState<MediationCase[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const area = me.scope.code;
  const funnel = useApi<Funnel>(`/api/mediation/funnel?areaCode=${area}`).data;
  const url = (before?: string) => `/api/mediation/cases?status=${status}&areaCode=${area}&limit=50${before ? `&before=${encodeURIComponent(before)}` : ''}`;

  useEffect(() => {
    let live = true;
    setItems(null);
    api<{ items: MediationCase[]; next: string | null }>(url()).then(
      (r) => live && (setItems(r.items), setNext(r.next)),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status, area]);
  const more = async () => {
    if (!next) return;
    const r = await api<{ items: MediationCase[]; next: string | null }>(url(next));
    setItems((old) => [...(old ?? []), ...r.items]);
    setNext(r.next);
  };

  return (
    <div className="page wide">
      <header className="page-head">
        <h1>{t('mediationCases')}</h1>
      </header>
      <div className="mediation-grid">
        <section className="card">
          <nav className="tabs">
            {TABS.map((s) => (
              <a key={s} href="#" className={s === status ? 'active' : ''} onClick={(e) => (e.preventDefault(), setStatus(s))}>
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
                    <td className="nowrap">{c.levelDueAt ? <DeadlineChip deadline={c.deadline}>{formatTime(c.levelDueAt, lang)}</DeadlineChip> : '—'}</td>
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
