import { useState } from 'react';
import type { Me } from '../api';
import { type ApiQuery, call, client } from '../api/client';
import { useCan } from '../can';
import { BulkDispatch } from '../components/events/BulkDispatch';
import { DeadlineChip } from '../components/events/bits';
import { FILTER_KEYS, QueueFilters } from '../components/events/QueueFilters';
import type { EventRow } from '../components/events/types';
import { usePaged } from '../hooks';
import { formatTime, type MessageKey, useT } from '../i18n';
import { linkHandler } from '../navigation';
import { STATUS_LABELS } from './TrackPage';

const PAGE = 50;

/** The operator's work queue: filters, deadline colours, selection with bulk dispatch, "load more". */
export function EventsPage({ search, me }: { search: URLSearchParams; me: Me }) {
  const { t, lang } = useT();
  const filters = new URLSearchParams();
  for (const k of FILTER_KEYS) if (search.get(k)) filters.set(k, search.get(k)!);
  // A handling unit's account opens on its unit's events; `mine=false` in the URL shows everything in its scope.
  const unitDefault = !!me.unitId;
  if (unitDefault && !filters.has('mine')) filters.set('mine', 'true');
  const query = filters.toString();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const can = useCan();
  const canDispatch = can('event:operate');
  const canCreate = can('event:create');
  // The filters come from the URL as text; the server validates them as it would any query.
  const filterQuery = Object.fromEntries(filters) as ApiQuery<'/api/events'>;
  const load = (before: string | undefined) => {
    if (!before) setSelected(new Set());
    return call(client.GET('/api/events', { params: { query: { ...filterQuery, limit: PAGE, before } } }));
  };
  const { items, next, error, loadingMore, more, reload } = usePaged<EventRow>(load, query);
  const toggle = (id: string) => setSelected((s) => (s.has(id) ? (s.delete(id), new Set(s)) : new Set(s.add(id))));
  const selectable = (items ?? []).filter((e) => e.status === 'accepted');
  const chosen = (items ?? []).filter((e) => selected.has(e.id));

  return (
    <div className="page wide">
      <header className="page-head">
        <h1>{t('workQueue')}</h1>
        <div className="spacer" />
        {canCreate && (
          <div className="actions">
            {(['desk', 'hotline', 'grid'] as const).map((c) => (
              <a
                key={c}
                className={c === 'desk' ? 'primary small' : 'button'}
                href={`/events/new?channel=${c}`}
                onClick={linkHandler(`/events/new?channel=${c}`)}
              >
                + {t(`ch_${c}` as MessageKey)}
              </a>
            ))}
          </div>
        )}
      </header>
      <QueueFilters search={search} scopeCode={me.scope.code} unitDefault={unitDefault} />
      {canDispatch && <BulkDispatch selected={chosen} onDone={reload} />}
      <section className="card table-card">
        {error && <div className="error">{error}</div>}
        {!items ? (
          <p className="muted">{t('loading')}</p>
        ) : items.length === 0 ? (
          <p className="muted">{t('none')}</p>
        ) : (
          <table className="table queue">
            <thead>
              <tr>
                {canDispatch && (
                  <th className="check">
                    <input
                      type="checkbox"
                      aria-label={t('selectAll')}
                      checked={selectable.length > 0 && selectable.every((e) => selected.has(e.id))}
                      onChange={(e) => setSelected(new Set(e.target.checked ? selectable.map((x) => x.id) : []))}
                    />
                  </th>
                )}
                <th>{t('eventNumber')}</th>
                <th>{t('status')}</th>
                <th className="col-cat">{t('category')}</th>
                <th className="col-desc">{t('description')}</th>
                <th className="col-unit">{t('unit')}</th>
                <th>{t('dueAt')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id} className={`deadline-${e.deadline}`} data-event-id={e.id}>
                  {canDispatch && (
                    <td className="check">
                      <input
                        type="checkbox"
                        name="select"
                        aria-label={e.number}
                        disabled={e.status !== 'accepted'}
                        checked={selected.has(e.id)}
                        onChange={() => toggle(e.id)}
                      />
                    </td>
                  )}
                  <td className="mono nowrap">
                    <a href={`/events/${e.id}`} onClick={linkHandler(`/events/${e.id}`)}>
                      {e.number}
                    </a>
                    <div className="row-badges">
                      {e.supervised && <span className="badge danger">{t('supervised')}</span>}
                      {e.isDispute && <span className="badge soft">{t('dispute')}</span>}
                      {e.possibleDuplicateOf && <span className="badge warn">{t('nk_duplicate')}</span>}
                    </div>
                    <div className="phone-only">
                      {e.categoryName} · {e.description.slice(0, 24)}
                    </div>
                  </td>
                  <td className="nowrap">{STATUS_LABELS[e.status]?.[lang] ?? e.status}</td>
                  <td className="nowrap col-cat">
                    {e.categoryName ?? e.categoryCode}
                    <div className="muted small">{t(`ch_${e.channel}` as MessageKey)}</div>
                  </td>
                  <td className="desc col-desc">
                    {e.description.length > 48 ? `${e.description.slice(0, 48)}…` : e.description}
                  </td>
                  <td className="small col-unit">
                    {e.leadUnit?.name ??
                      (e.suggestedUnit ? (
                        <span className="muted">
                          {t('suggested')}: {e.suggestedUnit.name}
                        </span>
                      ) : (
                        '—'
                      ))}
                  </td>
                  <td className="nowrap">
                    <DeadlineChip deadline={e.deadline}>{formatTime(e.dueAt, lang)}</DeadlineChip>
                    {e.stage && e.stageDueAt && (
                      <div className="muted small">
                        {t(`stage_${e.stage}` as MessageKey)} · {formatTime(e.stageDueAt, lang)}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {next && (
          <div className="more">
            <button type="button" className="button" disabled={loadingMore} onClick={more}>
              {loadingMore ? t('loading') : t('more')}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
