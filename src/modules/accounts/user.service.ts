import { verify } from '@node-rs/argon2';
import type { Db, Executor } from '../../db/database.js';
import type { Scope } from '../../db/scope.js';
import { passwordIssue } from '../../kernel/password-policy.js';
import type { Role } from '../../kernel/permissions.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { invalid, invalidField, notFound } from '../../lib/errors.js';
import type { AreaService } from '../areas/area.service.js';
import type { UnitService } from '../areas/unit.service.js';
import type { AuditService } from '../audit/audit.service.js';
import { placementProblem, sessionsMustEnd } from './accounts.policy.js';
import { hashPassword } from './auth.service.js';
import type { LoginThrottle } from './login-throttle.js';
import * as history from './password-history.repository.js';
import { revokeUserSessions } from './session.repository.js';
import * as users from './user.repository.js';

export interface NewUserInput {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  scopeCode: string;
  unitId: string | null;
}

export interface UserPatch {
  displayName?: string;
  roles?: Role[];
  scopeCode?: string;
  unitId?: string | null;
  status?: 'active' | 'disabled';
}

/** A new password may not be any of the account's last this many, the current one included. */
export const PASSWORD_HISTORY = 5;

/** A refused new password as field problems: why, then what the estimator found and suggests. */
function refusePassword(field: string, password: string, inputs: string[]): void {
  const issue = passwordIssue(password, inputs);
  if (issue) throw invalid([issue.key, ...issue.hints].map((key) => ({ path: field, key })));
}

function snapshot(u: users.UserPublic) {
  return {
    username: u.username,
    displayName: u.display_name,
    roles: u.roles,
    scopeCode: u.scope_code,
    unitId: u.unit_id,
    status: u.status,
  };
}

export class UserService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly areas: AreaService,
    private readonly units: UnitService,
    private readonly throttle: LoginThrottle,
  ) {}

  list(scope: Scope, opts: { q?: string; role?: string; limit: number; offset: number }) {
    return users.listUsers(this.db, scope, opts);
  }

  async get(scope: Scope, id: string) {
    const u = await users.findUser(this.db, scope, id);
    if (!u) throw notFound();
    return u;
  }

  async create(actor: Actor, input: NewUserInput) {
    const username = input.username.trim().toLowerCase();
    refusePassword('password', input.password, [username, input.displayName]);
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction().execute(async (trx) => {
      await this.checkPlacement(trx, actor.scope, input.scopeCode, input.roles, input.unitId);
      if (await users.findUserForLogin(trx, username)) throw invalidField('username', 'username_taken');
      const u = await users.insertUser(
        trx,
        {
          username,
          display_name: input.displayName,
          password_hash: passwordHash,
          roles: input.roles,
          scope_code: input.scopeCode,
          unit_id: input.unitId,
        },
        this.clock.now(),
      );
      await this.audit.record(trx, actor, {
        action: 'user.create',
        entityType: 'user',
        entityId: u.id,
        areaCode: u.scope_code,
        after: snapshot(u),
      });
      return u;
    });
  }

  async update(actor: Actor, id: string, patch: UserPatch, reason: string | null) {
    return this.db.transaction().execute(async (trx) => {
      const before = await users.findUser(trx, actor.scope, id);
      if (!before) throw notFound();
      const roles = patch.roles ?? (before.roles as Role[]);
      const scopeCode = patch.scopeCode ?? before.scope_code;
      const unitId = patch.unitId === undefined ? before.unit_id : patch.unitId;
      await this.checkPlacement(trx, actor.scope, scopeCode, roles, unitId);
      const now = this.clock.now();
      const after = await users.updateUser(
        trx,
        id,
        {
          display_name: patch.displayName ?? before.display_name,
          roles,
          scope_code: scopeCode,
          unit_id: unitId,
          status: patch.status ?? before.status,
        },
        now,
      );
      if (sessionsMustEnd(before, after)) await revokeUserSessions(trx, id, now);
      await this.audit.record(trx, actor, {
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        areaCode: after.scope_code,
        before: snapshot(before),
        after: snapshot(after),
        reason,
      });
      return after;
    });
  }

  async resetPassword(actor: Actor, id: string, password: string) {
    const target = await users.findUser(this.db, actor.scope, id);
    if (!target) throw notFound();
    await this.setPassword(actor, target.username, 'password', password, 'user.password_reset');
  }

  /**
   * A wrong current password counts as a failed sign-in of the account from this address (the same delays), so a
   * stolen session cannot be used to guess the password; while delayed, the answer is 429 before any check.
   */
  async changeOwnPassword(actor: Actor, current: string, next: string) {
    if (!actor.userId) throw notFound();
    const ip = actor.ip ?? '';
    await this.throttle.assertMayTry(actor.username, ip);
    const me = await users.findUserForLogin(this.db, actor.username);
    if (!me) throw notFound();
    if (!(await verify(me.password_hash, current).catch(() => false))) {
      await this.db.transaction().execute(async (trx) => {
        await this.throttle.recordFailure(trx, actor.username, ip);
        await this.audit.record(trx, actor, {
          action: 'auth.password_change_failed',
          entityType: 'user',
          entityId: me.id,
          areaCode: me.scope_code,
        });
      });
      throw invalidField('currentPassword', 'invalid_credentials');
    }
    await this.setPassword(actor, me.username, 'newPassword', next, 'user.password_change');
  }

  /** Clears every sign-in delay of an account in scope (out of scope: 404), with an audit entry of what was cleared. */
  async unlock(actor: Actor, id: string, reason: string | null) {
    const target = await users.findUser(this.db, actor.scope, id);
    if (!target) throw notFound();
    await this.db.transaction().execute(async (trx) => {
      const cleared = await this.throttle.clearAccount(trx, target.username);
      await this.audit.record(trx, actor, {
        action: 'user.unlock',
        entityType: 'user',
        entityId: target.id,
        areaCode: target.scope_code,
        before: {
          counters: cleared.map((c) => ({
            kind: c.kind,
            ip: c.ip || null,
            failures: c.failures,
            blockedUntil: new Date(c.blocked_until).toISOString(),
          })),
        },
        reason,
      });
    });
  }

  /** Strength first (cheap), then reuse: the new password is verified against each kept hash. */
  private async setPassword(actor: Actor, username: string, field: string, password: string, action: string) {
    const target = await users.findUserForLogin(this.db, username);
    if (!target) throw notFound();
    refusePassword(field, password, [target.username, target.display_name]);
    const kept = [
      target.password_hash,
      ...(await history.recentPasswordHashes(this.db, target.id, PASSWORD_HISTORY - 1)),
    ];
    const same = await Promise.all(kept.map((h) => verify(h, password).catch(() => false)));
    if (same.some(Boolean)) throw invalidField(field, 'password_reused');
    const hash = await hashPassword(password);
    await this.db.transaction().execute(async (trx) => {
      const now = this.clock.now();
      await history.addPasswordHistory(trx, target.id, target.password_hash, now);
      await history.trimPasswordHistory(trx, target.id, PASSWORD_HISTORY - 1);
      await users.updateUser(trx, target.id, { password_hash: hash, password_changed_at: now }, now);
      await revokeUserSessions(trx, target.id, now);
      await this.audit.record(trx, actor, {
        action,
        entityType: 'user',
        entityId: target.id,
        areaCode: target.scope_code,
      });
    });
  }

  /** A new or changed account must sit inside the actor's scope; a handler needs a unit there. */
  private async checkPlacement(trx: Executor, scope: Scope, scopeCode: string, roles: Role[], unitId: string | null) {
    const problem = placementProblem(await this.areas.find(scope, scopeCode, trx), roles, unitId);
    if (problem) throw invalidField(problem.field, problem.key);
    if (unitId && !(await this.units.existsInScope(scope, unitId, trx))) throw invalidField('unitId', 'unit_not_found');
  }
}
