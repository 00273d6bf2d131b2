import { useState } from 'react';
import { api, type ClientConfig, type Me } from '../api';
import { call, client } from '../api/client';
import { PageState } from '../components/common';
import { DeadlineChip, unitName } from '../components/events/bits';
import { CoHandlersPanel } from '../components/events/CoHandlersPanel';
import { EventActions } from '../components/events/EventActions';
import { AttachmentsCard, EventTimeline, PartiesCard } from '../components/events/EventPanels';
import { MediationPanel } from '../components/events/MediationPanel';
import { PointMap } from '../components/events/PointMap';
import type { EventDetail, EventRef } from '../components/events/types';
import { useGet, useSubmit } from '../hooks';
import { formatTime, type MessageKey, useT } from '../i18n';
import { linkHandler } from '../navigation';
import { STATUS_LABELS } from './TrackPage';

/** One event: header and flags, what may be done now, the map, parties, files, co-handlers, mediation, history. */
export function EventPage({ id, me, config }: { id: string; me: Me; config: ClientConfig | null }) {
  const { t, lang } = useT();
  const { data, error, reload } = useGet('/api/events/{id}', { path: { id } });
  if (error || !data || data.id !== id) return <PageState error={error} loading={!data || data.id !== id} />;
  const e = data;
  const facts: Array<[MessageKey, React.ReactNode]> = [
    ['category', e.categoryName ?? e.categoryCode],
    ['channel', t(`ch_${e.channel}` as MessageKey)],
    ['centre', e.centre ? t(`centre_${e.centre}` as MessageKey) : '—'],
    ['address', e.address ?? '—'],
    [
      'grid',
      <span key="grid" className="mono">
        {e.gridCode}
      </span>,
    ],
    ['receivingUnit', unitName(e.receivingUnit)],
    ['ownerUnit', unitName(e.ownerUnit)],
    ['leadUnit', unitName(e.leadUnit)],
    [
      'stage',
      e.stage
        ? `${t(`stage_${e.stage}` as MessageKey)}${e.stageDueAt ? ` · ${formatTime(e.stageDueAt, lang)}` : ''}`
        : '—',
    ],
    [
      'phone',
      <span key="phone" className="mono">
        {e.reporterPhoneMasked ?? '—'}
      </span>,
    ],
    [
      'trackingCode',
      <span key="trackingCode" className="mono">
        {e.trackingCode}
      </span>,
    ],
  ];
  return (
    <div className="page wide">
      <nav className="breadcrumbs">
        <a href="/events" onClick={linkHandler('/events')}>
          {t('events')}
        </a>
        <span className="sep">/</span>
        <span className="mono">{e.number}</span>
      </nav>
      <header className="page-head event-head">
        <h1 className="mono">{e.number}</h1>
        <span className={`badge status-${e.status}`} data-testid="event-status">
          {STATUS_LABELS[e.status]?.[lang] ?? e.status}
        </span>
        <DeadlineChip deadline={e.deadline}>
          {t('dueAt')} {formatTime(e.dueAt, lang)}
        </DeadlineChip>
        {e.supervised && (
          <span className="badge danger" data-testid="supervised">
            {t('supervised')}
          </span>
        )}
        {e.escalationLevel > 0 && (
          <span className="badge warn">
            {t('escalated')} ×{e.escalationLevel}
          </span>
        )}
        {e.isDispute && <span className="badge soft">{t('dispute')}</span>}
      </header>
      {e.mergedInto && (
        <div className="notice" data-testid="merged-into">
          {t('mergedInto')} <EventLink r={e.mergedInto} />
        </div>
      )}
      {e.possibleDuplicateOf && !e.mergedInto && (
        <DuplicateNotice event={e} dup={e.possibleDuplicateOf} onDone={reload} />
      )}
      <div className="event-grid">
        <div className="event-main">
          <section className="card facts">
            <p className="event-desc">{e.description}</p>
            <dl>
              {facts.map(([k, v]) => (
                <div className="fact" key={k}>
                  <dt>{t(k)}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          </section>
          {e.actions.length > 0 && (
            <section className="card">
              <h3>{t('actions')}</h3>
              <EventActions key={`${e.status}-${e.suggestedUnit?.id ?? ''}`} event={e} onDone={reload} />
            </section>
          )}
          <MediationPanel event={e} onDone={reload} />
          <CoHandlersPanel event={e} me={me} onDone={reload} />
          <PartiesCard event={e} />
          <AttachmentsCard event={e} onDone={reload} />
        </div>
        <div className="event-side">
          <section className="card map-card">
            <PointMap config={config} point={e.location} areaCode={e.gridCode.slice(0, 12)} height={240} />
          </section>
          <EventTimeline eventId={e.id} steps={e.timeline} />
        </div>
      </div>
    </div>
  );
}

function EventLink({ r }: { r: EventRef }) {
  return (
    <a className="mono" href={`/events/${r.id}`} onClick={linkHandler(`/events/${r.id}`)}>
      {r.number}
    </a>
  );
}

/** "This may be a duplicate of …", with a merge (operators) that keeps both timelines. */
function DuplicateNotice({ event, dup, onDone }: { event: EventDetail; dup: EventRef; onDone: () => void }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const { busy, error, fields, submit } = useSubmit<unknown>();
  const merge = async () => {
    const ok = await submit(() =>
      call(
        client.POST('/api/events/{id}/merge', { params: { path: { id: event.id } }, body: { intoId: dup.id, note } }),
      ),
    );
    if (ok !== null) setOpen(false), onDone();
  };
  return (
    <div className="notice warn" data-testid="duplicate-notice">
      <span>
        {t('possibleDuplicate')} <EventLink r={dup} />
      </span>
      {event.canMerge && !open && (
        <button type="button" className="button small" onClick={() => setOpen(true)}>
          {t('merge')}
        </button>
      )}
      {open && (
        <form className="form-row" onSubmit={(e) => (e.preventDefault(), void merge())}>
          <input
            name="mergeNote"
            placeholder={t('mergeNote')}
            aria-label={t('mergeNote')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="submit" className="primary small" disabled={busy || !note.trim()}>
            {t('merge')}
          </button>
          <button type="button" className="link-button" onClick={() => setOpen(false)}>
            {t('cancel')}
          </button>
          {(fields.note ?? error) && <span className="field-error">{fields.note ?? error}</span>}
        </form>
      )}
    </div>
  );
}
