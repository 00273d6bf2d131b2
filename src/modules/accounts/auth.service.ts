import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Db } from '../../db/database.js';
import type { AreaLevel } from '../../db/schema.js';
import { scopeOf } from '../../db/scope.js';
import { isRole, permissionsOf } from '../../kernel/permissions.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { AppError } from '../../lib/errors.js';
import { SharedVersions } from '../../lib/shared-versions.js';
import type { AuditService } from '../audit/audit.service.js';
import type { LoginThrottle } from './login-throttle.js';
import * as sessions from './session.repository.js';
import { findUserForLogin, updateUser } from './user.repository.js';

/** OWASP's argon2id baseline (19 MiB, 2 passes). */
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2);

export interface AuthSettings {
  sessionTtlMs: number;
  sessionIdleMs: number;
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  actor: Actor;
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

type LiveSession = NonNullable<Awaited<ReturnType<typeof sessions.findLiveSession>>>;

/** Sessions a process keeps at most; the oldest resolved goes first. */
const SESSION_CACHE_SIZE = 10_000;

export class AuthService {
  // Verified against when the user does not exist, so a missing account costs the same time.
  private dummyHash: Promise<string> | null = null;
  /** Resolved sessions by token hash, each with the auth version it was read under (migration 0020). */
  private readonly resolved = new Map<string, { row: LiveSession; version: string }>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly settings: AuthSettings,
    private readonly throttle: LoginThrottle,
    private readonly versions: SharedVersions = new SharedVersions(),
  ) {}

  async login(usernameRaw: string, password: string, ip: string, userAgent: string | null): Promise<LoginResult> {
    const username = usernameRaw.trim().toLowerCase();
    const now = this.clock.now();
    await this.throttle.assertMayTry(username, ip);

    const user = await findUserForLogin(this.db, username);
    this.dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
    const ok = await verify(user?.password_hash ?? (await this.dummyHash), password).catch(() => false);
    if (!user || !ok || user.status !== 'active') {
      await this.db.transaction().execute(async (trx) => {
        // Unknown usernames are counted alike, so the answers do not tell which accounts exist.
        await this.throttle.recordFailure(trx, username, ip);
        await this.audit.record(
          trx,
          { userId: user?.id ?? null, username, ip },
          {
            action: 'auth.login_failed',
            entityType: 'user',
            entityId: user?.id ?? username,
            areaCode: null,
          },
        );
      });
      throw new AppError('invalid_credentials');
    }

    const token = crypto.randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.settings.sessionTtlMs);
    const session = await this.db.transaction().execute(async (trx) => {
      const s = await sessions.insertSession(
        trx,
        { user_id: user.id, token_hash: sha256(token), expires_at: expiresAt, ip, user_agent: userAgent },
        now,
      );
      await this.throttle.clearPair(trx, username, ip);
      await updateUser(trx, user.id, { last_login_at: now }, now);
      await this.audit.record(
        trx,
        { userId: user.id, username, ip },
        {
          action: 'auth.login',
          entityType: 'session',
          entityId: s.id,
          areaCode: null,
        },
      );
      return s;
    });
    const actor = await this.authenticate(token, ip);
    if (!actor) throw new Error('A session just created could not be read back');
    return { token, expiresAt: session.expires_at, actor };
  }

  /** Resolves a bearer token to an actor, sliding the idle window at most once a minute. */
  async authenticate(token: string, ip: string | null): Promise<Actor | null> {
    const now = this.clock.now();
    const row = await this.liveSession(sha256(token), now);
    if (!row) return null;
    if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
      await sessions.touchSession(this.db, row.session_id, now);
      row.last_seen_at = now;
    }
    const roles = row.roles.filter(isRole);
    return {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      roles,
      permissions: permissionsOf(roles),
      scope: scopeOf(row.scope_code, row.scope_level as AreaLevel),
      unitId: row.unit_id,
      sessionId: row.session_id,
      ip,
    };
  }

  /**
   * The live session of a token hash. A session this process resolved before is used again while the auth version has
   * not moved since (the version is read first, shared with the other requests in flight, so a revocation committed
   * before this request is always seen) and its own expiry and idle limits still hold by the clock; otherwise it is
   * read again. A copy that looks idle may only be older than another process's touch, so it is read again, not refused.
   */
  private async liveSession(tokenHash: string, now: Date): Promise<LiveSession | null> {
    const { auth: version } = await this.versions.get(this.db);
    const idleSince = now.getTime() - this.settings.sessionIdleMs;
    const kept = this.resolved.get(tokenHash);
    if (kept && kept.version === version && kept.row.expires_at > now && kept.row.last_seen_at.getTime() > idleSince)
      return kept.row;
    this.resolved.delete(tokenHash);
    const row = await sessions.findLiveSession(this.db, tokenHash, now, this.settings.sessionIdleMs);
    if (!row) return null;
    this.resolved.set(tokenHash, { row, version });
    if (this.resolved.size > SESSION_CACHE_SIZE) this.resolved.delete(this.resolved.keys().next().value!);
    return row;
  }

  async logout(actor: Actor): Promise<void> {
    if (!actor.sessionId) return;
    const sessionId = actor.sessionId;
    await this.db.transaction().execute(async (trx) => {
      await sessions.revokeSession(trx, sessionId, this.clock.now());
      await this.audit.record(trx, actor, {
        action: 'auth.logout',
        entityType: 'session',
        entityId: sessionId,
        areaCode: null,
      });
    });
  }
}
