import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { AppUserRow } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';

export type UserPublic = Omit<AppUserRow, 'password_hash'>;

const publicColumns = [
  'id',
  'username',
  'display_name',
  'roles',
  'scope_code',
  'unit_id',
  'status',
  'created_at',
  'updated_at',
  'password_changed_at',
  'last_login_at',
] as const;

/** Unscoped on purpose: login knows no scope yet. */
export function findUserForLogin(db: Executor, username: string): Promise<AppUserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUser(db: Executor, scope: Scope, id: string): Promise<UserPublic | undefined> {
  return db
    .selectFrom('app_user')
    .select(publicColumns)
    .where('id', '=', id)
    .where(inScope(scope, 'scope_code'))
    .executeTakeFirst();
}

export function listUsers(
  db: Executor,
  scope: Scope,
  opts: { q?: string; role?: string; limit: number; offset: number },
) {
  let q = db.selectFrom('app_user').select(publicColumns).where(inScope(scope, 'scope_code'));
  if (opts.q)
    q = q.where((eb) => eb.or([eb('username', 'like', `%${opts.q}%`), eb('display_name', 'like', `%${opts.q}%`)]));
  if (opts.role) q = q.where(sql<boolean>`${opts.role} = any(roles)`);
  return q.orderBy('username').limit(opts.limit).offset(opts.offset).execute();
}

export function insertUser(
  db: Executor,
  u: {
    username: string;
    display_name: string;
    password_hash: string;
    roles: string[];
    scope_code: string;
    unit_id: string | null;
  },
  now: Date,
): Promise<UserPublic> {
  return db
    .insertInto('app_user')
    .values({ ...u, created_at: now, updated_at: now, password_changed_at: now })
    .returning(publicColumns)
    .executeTakeFirstOrThrow();
}

export function updateUser(
  db: Executor,
  id: string,
  patch: Partial<
    Pick<
      AppUserRow,
      | 'display_name'
      | 'roles'
      | 'scope_code'
      | 'unit_id'
      | 'status'
      | 'password_hash'
      | 'password_changed_at'
      | 'last_login_at'
    >
  >,
  now: Date,
): Promise<UserPublic> {
  return db
    .updateTable('app_user')
    .set({ ...patch, updated_at: now })
    .where('id', '=', id)
    .returning(publicColumns)
    .executeTakeFirstOrThrow();
}
