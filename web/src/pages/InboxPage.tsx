import { useState } from 'react';
import { call, client } from '../api/client';
import type { Notification } from '../components/events/types';
import { usePaged } from '../hooks';
import { formatTime, type MessageKey, useT } from '../i18n';
import { navigate } from '../navigation';

/** Tells the nav badge the new unread count without waiting for its next poll. */
export const announceUnread = (n: number) => window.dispatchEvent(new CustomEvent('fq:unread', { detail: n }));

/** The handler's inbox: tasks, co-tasks, warnings, returns, mediation and supervision notices. */
export function InboxPage() {
  const { t, lang } = useT();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [unread, setUnread] = useState(0);
  const load = async (before: string | undefined) => {
    const query = { limit: 30, before, ...(unreadOnly ? { unread: 'true' as const } : {}) };
    const p = await call(client.GET('/api/notifications', { params: { query } }));
    if (!before) setUnread(p.unread), announceUnread(p.unread);
    return p;
  };
  const { items, setItems, next, error, more } = usePaged<Notification>(load, String(unreadOnly));

  const markRead = async (body: { ids?: string[]; all?: true }) => {
    const r = await call(client.POST('/api/notifications/read', { body }));
    const now = new Date().toISOString();
    setItems((old) =>
      (old ?? []).map((n) => (body.all || body.ids?.includes(n.id) ? { ...n, readAt: n.readAt ?? now } : n)),
    );
    setUnread(r.unread);
    announceUnread(r.unread);
  };
  const open = async (n: Notification) => {
    if (!n.readAt) await markRead({ ids: [n.id] }).catch(() => undefined);
    if (n.eventId) navigate(`/events/${n.eventId}`);
  };

  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('inbox')}</h1>
        {unread > 0 && (
          <span className="badge danger" data-testid="inbox-unread">
            {unread}
          </span>
        )}
        <div className="spacer" />
        <label className={`toggle${unreadOnly ? ' on' : ''}`}>
          <input type="checkbox" name="unread" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />
          {t('unreadOnly')}
        </label>
        <button type="button" className="button" disabled={unread === 0} onClick={() => markRead({ all: true })}>
          {t('markAllRead')}
        </button>
      </header>
      {error && <div className="error">{error}</div>}
      <section className="card">
        {!items ? (
          <p className="muted">{t('loading')}</p>
        ) : items.length === 0 ? (
          <p className="muted">{t('none')}</p>
        ) : (
          <ul className="inbox" data-testid="inbox">
            {items.map((n) => (
              <li key={n.id} className={n.readAt ? 'read' : 'unread'} data-kind={n.kind}>
                <button type="button" className="inbox-item" onClick={() => open(n)}>
                  <span className={`nk nk-${n.kind}`}>{t(`nk_${n.kind}` as MessageKey)}</span>
                  <span className="inbox-text">
                    <strong>{n.title}</strong>
                    {n.body && <span className="muted">{n.body}</span>}
                  </span>
                  <span className="muted small nowrap">{formatTime(n.createdAt, lang)}</span>
                </button>
                {!n.readAt && (
                  <button type="button" className="link-button" onClick={() => markRead({ ids: [n.id] })}>
                    {t('markRead')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {next && (
          <div className="more">
            <button type="button" className="button" onClick={more}>
              {t('more')}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
