import type { Selectable } from 'kysely';
import type { NotificationTable } from '../../db/schema.js';
import { iso, isoOrNull } from '../../http/common.schemas.js';

/** An inbox item as the inbox endpoint answers it. */
export function presentNotification(n: Selectable<NotificationTable>) {
  return {
    id: String(n.id),
    kind: n.kind,
    eventId: n.event_id,
    title: n.title,
    body: n.body,
    createdAt: iso(n.created_at),
    readAt: isoOrNull(n.read_at),
  };
}

/** A phone number as the SMS log shows it: 137****1234 (the log keeps no full number). */
export function maskSmsPhone(phone: string): string {
  return phone.replace(/^(\d{3})\d+(\d{4})$/, '$1****$2');
}
