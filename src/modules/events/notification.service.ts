import { sql } from 'kysely';
import type { SelectQueryBuilder } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { NotificationKind } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';

/** Where texts to residents and staff go. Deployments plug in their SMS gateway; the default logs. */
export interface SmsChannel {
  send(phone: string, text: string): Promise<void>;
}

/** Logs a masked number and the text, and keeps the last messages so an operator can see what went out. */
export class LoggingSmsChannel implements SmsChannel {
  readonly sent: Array<{ phoneMasked: string; text: string }> = [];
  constructor(private readonly log: (msg: string) => void = () => {}) {}
  async send(phone: string, text: string) {
    const phoneMasked = phone.replace(/^(\d{3})\d+(\d{4})$/, '$1****$2');
    this.sent.push({ phoneMasked, text });
    if (this.sent.length > 200) this.sent.shift();
    this.log(`sms to ${phoneMasked}: ${text}`);
  }
}

type AccountQuery = SelectQueryBuilder<DB, 'app_user', object>;

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
  constructor(private readonly clock: Clock) {}

  async toUsers(trx: Executor, userIds: readonly string[], n: Notice): Promise<number> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return 0;
    const now = this.clock.now();
    await trx
      .insertInto('notification')
      .values(ids.map((user_id) => ({ user_id, kind: n.kind, event_id: n.eventId, title: n.title, body: n.body ?? null, created_at: now })))
      .execute();
    return ids.length;
  }

  /** Every active account of a unit (its handlers). */
  async toUnit(trx: Executor, unitId: string | null, n: Notice): Promise<number> {
    if (!unitId) return 0;
    return this.toAccounts(trx, n, (q) => q.where('unit_id', '=', unitId));
  }

  /**
   * The operators who watch a grid: those whose scope covers it at township or county level (the
   * centres that supervise it), or, with `level: 'city'`, at the city centre for escalations.
   */
  async toOperators(trx: Executor, gridCode: string, n: Notice, level: 'local' | 'city' = 'local'): Promise<number> {
    const scopes = level === 'city' ? [`${gridCode.slice(0, 4)}00`] : [gridCode.slice(0, 9), gridCode.slice(0, 6)];
    return this.toAccounts(trx, n, (q) => q.where('scope_code', 'in', scopes).where(sql<boolean>`'operator' = any(roles)`));
  }

  /** One row per active account the filter picks, in one insert … select (no round trip for the ids). */
  async toAccounts(trx: Executor, n: Notice, filter: (q: AccountQuery) => AccountQuery): Promise<number> {
    const now = this.clock.now();
    const accounts = filter(trx.selectFrom('app_user').where('status', '=', 'active')).select([
      'id', sql.val(n.kind).as('kind'), sql.val(n.eventId).as('event_id'), sql.val(n.title).as('title'), sql.val(n.body ?? null).as('body'), sql.val(now).as('created_at'),
    ]);
    const r = await trx.insertInto('notification').columns(['user_id', 'kind', 'event_id', 'title', 'body', 'created_at']).expression(accounts).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n);
  }

  async list(trx: Executor, userId: string, f: { unreadOnly: boolean; before?: string; limit: number }) {
    let q = trx.selectFrom('notification').selectAll().where('user_id', '=', userId);
    if (f.unreadOnly) q = q.where('read_at', 'is', null);
    if (f.before) q = q.where('id', '<', f.before);
    const [items, unread] = await Promise.all([q.orderBy('id', 'desc').limit(f.limit).execute(), this.unreadCount(trx, userId)]);
    return { items, unread };
  }

  async unreadCount(trx: Executor, userId: string): Promise<number> {
    const r = await trx.selectFrom('notification').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async markRead(trx: Executor, userId: string, which: { ids?: string[]; all?: boolean }): Promise<number> {
    let q = trx.updateTable('notification').set({ read_at: this.clock.now() }).where('user_id', '=', userId).where('read_at', 'is', null);
    if (!which.all) q = q.where('id', 'in', which.ids && which.ids.length > 0 ? which.ids : ['0']);
    await q.execute();
    return this.unreadCount(trx, userId);
  }
}
