import { iso, isoOrNull } from '../../http/common.schemas.js';
import type { NotificationService } from './notification.service.js';

type Notice = Awaited<ReturnType<NotificationService['list']>>['items'][number];

/** A page of the inbox; the next page starts below the last id when the page is full. */
export function presentInbox(items: Notice[], unread: number, limit: number) {
  const last = items[items.length - 1];
  return {
    items: items.map((n) => ({
      id: String(n.id),
      kind: n.kind,
      eventId: n.event_id,
      title: n.title,
      body: n.body,
      createdAt: iso(n.created_at),
      readAt: isoOrNull(n.read_at),
    })),
    unread,
    next: last && items.length === limit ? String(last.id) : null,
  };
}
