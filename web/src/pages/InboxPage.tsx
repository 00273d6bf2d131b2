import { useEffect, useState } from 'react';
import { api } from '../api';
import type { Notification } from '../components/events/types';
import { formatTime, type MessageKey, useT } from '../i18n';
import { navigate } from '../router';

interface Page {
  items: Notification[];
  unread: number;
  next: string | null;
}

/** Tells the nav badge the new unread count without waiting for its next poll. */
export const announceUnread = (n: number) => window.dispatchEvent(new CustomEvent('fq:unread', { detail: n }));

/** The handler's inbox: tasks, co-tasks, warnings, returns, mediation and supervision notices. */
export function InboxPage() {
  const { t, lang } = useT();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [items, setItems] = useState<Notification[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [unread, setUnread] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const url = (before?: string) => `/api/notifications?limit=30${unreadOnly ? '&unread=true' : ''}${before ? `&before=${encodeURIComponent(before)}` : ''}`;

  useEffect(() => {
    let live = true;
    setItems(null);
    api<Page>(url()).then(
      (p) => live && (setItems(p.items), setNext(p.next), setUnread(p.unread), announceUnread(p.unread)),
      (e: unknown) => live && (setItems([]), setError(String(e instanceof Error ? e.message : e))),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unreadOnly]);

  const markRead = async (body: { ids?: string[]; all?: true }) => {
    const r = await api<{ unread: number }>('/api/notifications/read', { method: 'POST', body });
    const now = new Date().toISOString();
    setItems((old) => (old ?? []).map((n) => (body.all || body.ids?.includes(n.id) ? { ...n, readAt: n.readAt ?? now } : n)));
    setUnread(r.unread);
    announceUnread(r.unread);
  };
  const open = async (n: Notification) => {
    if (!n.readAt) await markRead({ ids: [n.id] }).catch(() => undefined);
    if (n.eventId) navigate(`/events/${n.eventId}`);
  };
  const more = async () => {
    if (!next) return;
    const p = await api<Page>(url(next));
    setItems((old) => [...(old ?? []), ...p.items]);
    setNext(p.next);
  };

  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('inbox')}</h1>
        {unread > 0 && <span className="badge danger" data-testid="inbox-unread">{unread}</span>}
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
