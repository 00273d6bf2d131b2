import type { Db, Executor } from '../../db/database.js';
import type { NotificationKind } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { maskForLog } from '../../lib/log-redaction.js';
import { maskSmsPhone } from './notification.presenter.js';
import * as repo from './notification.repository.js';

/** Where texts to residents and staff go. Deployments plug in their SMS gateway; the default logs. */
export interface SmsChannel {
  send(phone: string, text: string): Promise<void>;
}

/** Logs a masked number and the text, and keeps the last messages so an operator can see what went out. */
export class LoggingSmsChannel implements SmsChannel {
  readonly sent: Array<{ phoneMasked: string; text: string }> = [];
  constructor(private readonly log: (msg: string) => void = () => {}) {}
  async send(phone: string, text: string) {
    const phoneMasked = maskSmsPhone(phone);
    this.sent.push({ phoneMasked, text });
    if (this.sent.length > 200) this.sent.shift();
    // The text can carry a tracking code (which lets its holder act on the event) or a number: masked in the log.
    this.log(`sms to ${phoneMasked}: ${maskForLog(text)}`);
  }
}

export interface Notice {
  kind: NotificationKind;
  eventId: string | null;
  title: string;
  body?: string | null;
}

/**
 * The in-app inbox. A notice to a unit or to the operators over an area is fanned out to one row per
 * recipient inside the caller's transaction, so a task and its notice commit together and each
 * recipient's read state is a plain column.
 */
export class NotificationService {
  constructor(
    private readonly clock: Clock,
    private readonly db: Db,
  ) {}

  async toUsers(trx: Executor, userIds: readonly string[], n: Notice): Promise<number> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return 0;
    const now = this.clock.now();
    await repo.insertNotifications(
      trx,
      ids.map((user_id) => ({
        user_id,
        kind: n.kind,
        event_id: n.eventId,
        title: n.title,
        body: n.body ?? null,
        created_at: now,
      })),
    );
    return ids.length;
  }

  /** Every active account of a unit (its handlers). */
  async toUnit(trx: Executor, unitId: string | null, n: Notice): Promise<number> {
    if (!unitId) return 0;
    return repo.insertForUnit(trx, unitId, this.values(n));
  }

  /**
   * The operators who watch a grid: those whose scope covers it at township or county level (the
   * centres that supervise it), or, with `level: 'city'`, at the city centre for escalations.
   */
  async toOperators(trx: Executor, gridCode: string, n: Notice, level: 'local' | 'city' = 'local'): Promise<number> {
    const scopes = level === 'city' ? [`${gridCode.slice(0, 4)}00`] : [gridCode.slice(0, 9), gridCode.slice(0, 6)];
    return repo.insertForOperators(trx, scopes, this.values(n));
  }

  async list(trx: Executor, userId: string, f: { unreadOnly: boolean; before?: string; limit: number }) {
    const [items, unread] = await Promise.all([repo.listNotifications(trx, userId, f), this.unreadCount(trx, userId)]);
    return { items, unread };
  }

  /** The account's own inbox, outside any transaction (for the inbox endpoints). */
  inbox(userId: string, f: { unreadOnly: boolean; before?: string; limit: number }) {
    return this.list(this.db, userId, f);
  }

  /** Marks the account's notices read and answers its unread count. */
  markInboxRead(userId: string, which: { ids?: string[]; all?: boolean }): Promise<number> {
    return this.markRead(this.db, userId, which);
  }

  async unreadCount(trx: Executor, userId: string): Promise<number> {
    const r = await repo.countUnread(trx, userId);
    return Number(r.n);
  }

  async markRead(trx: Executor, userId: string, which: { ids?: string[]; all?: boolean }): Promise<number> {
    await repo.markRead(trx, userId, which, this.clock.now());
    return this.unreadCount(trx, userId);
  }

  private values(n: Notice): repo.NoticeValues {
    return { kind: n.kind, eventId: n.eventId, title: n.title, body: n.body ?? null, createdAt: this.clock.now() };
  }
}
