import type { Db } from '../../db/database.js';
import type { NotificationService } from './notification.service.js';

/** Each account's in-app inbox, read and marked on the pool (the notices themselves are written in transactions). */
export class InboxService {
  constructor(
    private readonly db: Db,
    private readonly notifications: NotificationService,
  ) {}

  list(userId: string, f: { unreadOnly: boolean; before?: string; limit: number }) {
    return this.notifications.list(this.db, userId, f);
  }

  /** Marks some or all notices read and answers how many stay unread. */
  markRead(userId: string, which: { ids?: string[]; all?: boolean }): Promise<number> {
    return this.notifications.markRead(this.db, userId, which);
  }
}
