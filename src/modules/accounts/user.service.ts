import { verify } from '@node-rs/argon2';
import type { Db, Executor } from '../../db/database.js';
import type { Scope } from '../../db/scope.js';
import { passwordProblem } from '../../kernel/password-policy.js';
import type { Role } from '../../kernel/permissions.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { invalidField, notFound } from '../../lib/errors.js';
import type { AreaService } from '../areas/area.service.js';
import type { UnitService } from '../areas/unit.service.js';
import type { AuditService } from '../audit/audit.service.js';
import { placementProblem, sessionsMustEnd } from './accounts.policy.js';
import { hashPassword } from './auth.service.js';
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
    const problem = passwordProblem(input.password, username);
    if (problem) throw invalidField('password', problem);
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
    await this.setPassword(actor, target, password, 'user.password_reset');
  }

  async changeOwnPassword(actor: Actor, current: string, next: string) {
    if (!actor.userId) throw notFound();
    const me = await users.findUserForLogin(this.db, actor.username);
    if (!me || !(await verify(me.password_hash, current).catch(() => false)))
      throw invalidField('currentPassword', 'invalid_credentials');
    await this.setPassword(actor, me, next, 'user.password_change');
  }

  private async setPassword(actor: Actor, target: users.UserPublic, password: string, action: string) {
    const problem = passwordProblem(password, target.username);
    if (problem) throw invalidField('password', problem);
    const hash = await hashPassword(password);
    await this.db.transaction().execute(async (trx) => {
      const now = this.clock.now();
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
