import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { PageState } from '../components/common';
import { useApi, useSubmit } from '../hooks';
import { formatTime, useT } from '../i18n';
import { linkHandler } from '../router';
import { STATUS_LABELS } from './TrackPage';

interface EventRow {
  id: string;
  number: string;
  status: string;
  gridCode: string;
  categoryCode: string;
  description: string;
  dueAt: string;
  createdAt: string;
  deadline: 'normal' | 'yellow' | 'red';
}
interface EventDetail extends EventRow {
  trackingCode: string;
  channel: string;
  address: string | null;
  reporterPhoneMasked: string | null;
  actions: string[];
  timeline: Array<{ at: string; actor: string; action: string; from: string | null; to: string; note: string | null }>;
}

const ACTION_LABELS: Record<string, { 'zh-CN': string; en: string }> = {
  accept: { 'zh-CN': '受理', en: 'Accept' }, reject: { 'zh-CN': '不予受理', en: 'Reject' }, dispatch: { 'zh-CN': '派遣', en: 'Dispatch' }, start: { 'zh-CN': '开始处置', en: 'Start' },
  return: { 'zh-CN': '退回', en: 'Return' }, reassign: { 'zh-CN': '改派', en: 'Reassign' }, feedback: { 'zh-CN': '反馈', en: 'Report back' }, verify: { 'zh-CN': '核查通过', en: 'Verify' },
  rework: { 'zh-CN': '核查不通过', en: 'Rework' }, close: { 'zh-CN': '结案', en: 'Close' }, suspend: { 'zh-CN': '挂起', en: 'Suspend' }, resume: { 'zh-CN': '恢复', en: 'Resume' },
  report: { 'zh-CN': '上报', en: 'Reported' }, warn: { 'zh-CN': '临期预警', en: 'Due soon' }, overdue: { 'zh-CN': '超期', en: 'Overdue' }, rate: { 'zh-CN': '评价', en: 'Rated' }, reopen: { 'zh-CN': '重新办理', en: 'Reopened' },
};

/** The operator's work queue: newest first, deadline colours, filter by status. */
export function EventsPage({ search }: { search: URLSearchParams }) {
  const { t, lang } = useT();
  const status = search.get('status') ?? '';
  const { data } = useApi<{ items: EventRow[] }>(`/api/events?limit=100${status ? `&status=${status}` : ''}`);
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('events')}</h1>
      </header>
      <nav className="tabs">
        {['', 'reported', 'accepted', 'dispatched', 'handling', 'feedback', 'closed'].map((s) => (
          <a key={s} className={s === status ? 'active' : ''} href={`/events${s ? `?status=${s}` : ''}`} onClick={linkHandler(`/events${s ? `?status=${s}` : ''}`)}>
            {s ? STATUS_LABELS[s]![lang] : t('allStatus')}
          </a>
        ))}
      </nav>
      <section className="card">
        {!data ? (
          <p className="muted">{t('loading')}</p>
        ) : data.items.length === 0 ? (
          <p className="muted">{t('none')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>{t('eventNumber')}</th>
                <th>{t('status')}</th>
                <th>{t('description')}</th>
                <th>{t('dueAt')}</th>
                <th>{t('grid')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((e) => (
                <tr key={e.id} className={`deadline-${e.deadline}`}>
                  <td className="mono">
                    <a href={`/events/${e.id}`} onClick={linkHandler(`/events/${e.id}`)}>
                      {e.number}
                    </a>
                  </td>
                  <td>{STATUS_LABELS[e.status]?.[lang] ?? e.status}</td>
                  <td>{e.description.slice(0, 40)}</td>
                  <td>
                    <span className={`dot-${e.deadline}`} />
                    {formatTime(e.dueAt, lang)}
                  </td>
                  <td className="mono">{e.gridCode}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

/** One event: its record, its timeline, and the actions this user may take now. */
export function EventPage({ id }: { id: string }) {
  const { t, lang } = useT();
  const { data, error, reload } = useApi<EventDetail>(`/api/events/${id}`);
  const [note, setNote] = useState('');
  const { busy, error: actionError, fields, submit } = useSubmit<unknown>();
  if (error || !data) return <PageState error={error} loading={!data} />;
  const act = async (action: string, e?: FormEvent) => {
    e?.preventDefault();
    const ok = await submit(() => api(`/api/events/${id}/transitions`, { method: 'POST', body: { action, note: note || null } }));
    if (ok !== null) (setNote(''), reload());
  };
  return (
    <div className="page">
      <nav className="breadcrumbs">
        <a href="/events" onClick={linkHandler('/events')}>
          {t('events')}
        </a>
        <span className="sep">/</span>
        <span className="mono">{data.number}</span>
      </nav>
      <header className="page-head">
        <h1 className="mono">{data.number}</h1>
        <span className="badge" data-testid="event-status">
          {STATUS_LABELS[data.status]?.[lang] ?? data.status}
        </span>
        <span className={`badge deadline-badge-${data.deadline}`}>{formatTime(data.dueAt, lang)}</span>
      </header>
      <div className="two-col">
        <section className="card facts">
          <p>{data.description}</p>
          <dl>
            <dt>{t('grid')}</dt>
            <dd className="mono">{data.gridCode}</dd>
            <dt>{t('phone')}</dt>
            <dd className="mono">{data.reporterPhoneMasked ?? '—'}</dd>
            <dt>{t('trackingCode')}</dt>
            <dd className="mono">{data.trackingCode}</dd>
          </dl>
          {data.actions.length > 0 && (
            <form className="form" onSubmit={(e) => e.preventDefault()}>
              <label>
                {t('note')}
                <input name="note" value={note} onChange={(e) => setNote(e.target.value)} />
                {fields.note && <span className="field-error">{fields.note}</span>}
              </label>
              <div className="actions wrap">
                {data.actions.map((a) => (
                  <button key={a} type="button" className={a === 'accept' || a === 'dispatch' || a === 'close' || a === 'verify' ? 'primary small' : 'button'} disabled={busy} onClick={() => act(a)}>
                    {ACTION_LABELS[a]?.[lang] ?? a}
                  </button>
                ))}
              </div>
              {actionError && <div className="error" role="alert">{actionError}</div>}
            </form>
          )}
        </section>
        <section className="card">
          <h3>{t('timeline')}</h3>
          <ol className="timeline">
            {data.timeline.map((s, i) => (
              <li key={i}>
                <div className="tl-head">
                  <strong>{ACTION_LABELS[s.action]?.[lang] ?? s.action}</strong>
                  <span className="muted">
                    {s.actor} · {formatTime(s.at, lang)}
                  </span>
                </div>
                {s.note && <div className="tl-reason">“{s.note}”</div>}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </div>
  );
}
