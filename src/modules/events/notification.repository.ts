import { type Insertable, type SelectQueryBuilder, sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { DB, NotificationKind, NotificationTable } from '../../db/schema.js';

type AccountQuery = SelectQueryBuilder<DB, 'app_user', object>;

export interface NoticeValues {
  kind: NotificationKind;
  eventId: string | null;
  title: string;
  body: string | null;
  createdAt: Date;
}

export function insertNotifications(db: Executor, rows: ReadonlyArray<Insertable<NotificationTable>>) {
  return db
    .insertInto('notification')
    .values([...rows])
    .execute();
}

/** One row per active account the filter picks, in one insert … select (no round trip for the ids). */
async function insertForAccounts(db: Executor, n: NoticeValues, filter: (q: AccountQuery) => AccountQuery) {
  const accounts = filter(db.selectFrom('app_user').where('status', '=', 'active')).select([
    'id',
    sql.val(n.kind).as('kind'),
    sql.val(n.eventId).as('event_id'),
    sql.val(n.title).as('title'),
    sql.val(n.body).as('body'),
    sql.val(n.createdAt).as('created_at'),
  ]);
  const r = await db
    .insertInto('notification')
    .columns(['user_id', 'kind', 'event_id', 'title', 'body', 'created_at'])
    .expression(accounts)
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n);
}

/** A notice to every active account of a unit. */
export function insertForUnit(db: Executor, unitId: string, n: NoticeValues): Promise<number> {
  return insertForAccounts(db, n, (q) => q.where('unit_id', '=', unitId));
}

/** A notice to the active operators whose scope is one of the given areas. */
export function insertForOperators(db: Executor, scopeCodes: string[], n: NoticeValues): Promise<number> {
  return insertForAccounts(db, n, (q) =>
    q.where('scope_code', 'in', scopeCodes).where(sql<boolean>`'operator' = any(roles)`),
  );
}

type InboxFilter = { unreadOnly: boolean; before?: string; limit: number };

export function listNotifications(db: Executor, userId: string, f: InboxFilter) {
  let q = db.selectFrom('notification').selectAll().where('user_id', '=', userId);
  if (f.unreadOnly) q = q.where('read_at', 'is', null);
  if (f.before) q = q.where('id', '<', f.before);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

export function countUnread(db: Executor, userId: string) {
  return db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
}

/** Marks the given notices (or, with `all`, every unread one) of the user read. */
export function markRead(db: Executor, userId: string, which: { ids?: string[]; all?: boolean }, now: Date) {
  let q = db
    .updateTable('notification')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (!which.all) q = q.where('id', 'in', which.ids && which.ids.length > 0 ? which.ids : ['0']);
  return q.execute();
}
