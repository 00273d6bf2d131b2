import { useEffect, useState } from 'react';
import type { Me } from '../../api';
import { call, client } from '../../api/client';

const POLL_MS = 60_000;

/** The inbox's unread count for the nav badge: polled every minute, and told at once by the inbox page. */
export function useUnread(me: Me | null): number {
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    if (!me) return setUnread(0);
    let live = true;
    const poll = () => {
      if (document.visibilityState === 'hidden') return;
      call(client.GET('/api/notifications', { params: { query: { unread: 'true', limit: 1 } } })).then(
        (r) => live && setUnread(r.unread),
        () => undefined,
      );
    };
    poll();
    const timer = setInterval(poll, POLL_MS);
    const told = (e: Event) => setUnread((e as CustomEvent<number>).detail);
    window.addEventListener('fq:unread', told);
    document.addEventListener('visibilitychange', poll);
    return () => {
      live = false;
      clearInterval(timer);
      window.removeEventListener('fq:unread', told);
      document.removeEventListener('visibilitychange', poll);
    };
  }, [me]);
  return unread;
}
