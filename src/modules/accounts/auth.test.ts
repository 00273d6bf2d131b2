import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCounty, createUser } from '../../../tests/helpers/factories.js';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';

const MIN = 60_000;

describe(`accounts and sessions (${backend})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: {
        SESSION_TTL_HOURS: '8',
        SESSION_IDLE_MINUTES: '30',
        LOGIN_MAX_FAILURES_PER_USER: '5',
        LOGIN_MAX_FAILURES_PER_IP: '12',
      },
    });
  });
  afterAll(() => t.close());

  it('throttles repeated failures for a user, then lets them in after the window', async () => {
    const c = await createTestCounty(t);
    const u = await createUser(t, ['operator'], c.county);
    const attempt = (password: string, ip = '10.1.0.1') =>
      t.runtime.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: u.username, password },
        remoteAddress: ip,
      });
    for (let i = 0; i < 5; i++) expect((await attempt('Wrong@Pass1', `10.1.0.${i + 1}`)).statusCode).toBe(401);
    const blocked = await attempt(u.password, '10.1.0.99');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.json().error.message).toMatch(/秒后再试/);
    t.clock.advance(15 * MIN + 1000);
    expect((await attempt(u.password, '10.1.0.99')).statusCode).toBe(200);
  });

  it('throttles an address that tries many accounts', async () => {
    const ip = '10.2.0.1';
    for (let i = 0; i < 12; i++) {
      const r = await t.runtime.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `nobody${i}`, password: 'Wrong@Pass1' },
        remoteAddress: ip,
      });
      expect(r.statusCode).toBe(401);
    }
    const r = await t.runtime.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'demo-city', password: 'Demo@2026' },
      remoteAddress: ip,
    });
    expect(r.statusCode).toBe(429);
    const other = await t.runtime.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'demo-city', password: 'Demo@2026' },
      remoteAddress: '10.2.0.2',
    });
    expect(other.statusCode).toBe(200);
    t.clock.advance(16 * MIN);
  });

  it('expires an idle session and a session past its lifetime', async () => {
    const token = await t.login('demo-gaotai');
    expect((await t.api('GET', '/api/auth/me', { token })).status).toBe(200);
    t.clock.advance(29 * MIN);
    expect((await t.api('GET', '/api/auth/me', { token })).status).toBe(200);
    t.clock.advance(29 * MIN);
    expect((await t.api('GET', '/api/auth/me', { token })).status).toBe(200);
    t.clock.advance(31 * MIN);
    expect((await t.api('GET', '/api/auth/me', { token })).status).toBe(401);

    const busy = await t.login('demo-gaotai');
    for (let h = 0; h < 8 * 4; h++) {
      t.clock.advance(15 * MIN);
      const r = await t.api('GET', '/api/auth/me', { token: busy });
      expect(r.status, `after ${(h + 1) * 15} minutes`).toBe(h + 1 < 32 ? 200 : 401);
    }
  });

  it('revokes the session on logout', async () => {
    const token = await t.login('demo-ganzhou');
    expect((await t.api('POST', '/api/auth/logout', { token })).status).toBe(204);
    expect((await t.api('GET', '/api/auth/me', { token })).status).toBe(401);
  });

  it('stores argon2id hashes and only the SHA-256 of tokens', async () => {
    const token = await t.login('demo-city');
    const user = await t.runtime.database.db
      .selectFrom('app_user')
      .select('password_hash')
      .where('username', '=', 'demo-city')
      .executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const stored = await t.runtime.database.db.selectFrom('session').select('token_hash').execute();
    expect(stored.some((s) => s.token_hash === token)).toBe(false);
  });

  describe('account administration', () => {
    it('creates an account inside the admin scope, with password rules', async () => {
      const admin = await t.login('demo-city');
      const c = await createTestCounty(t);
      const weak = await t.api('POST', '/api/users', {
        token: admin,
        body: {
          username: 'weak.user',
          displayName: '弱',
          password: 'abcdefgh',
          roles: ['operator'],
          scopeCode: c.county,
        },
      });
      expect(weak.status).toBe(400);
      expect(weak.body.error.fields[0]).toEqual({
        path: 'password',
        message: '密码需包含大写字母、小写字母、数字、符号中的至少三类',
      });
      const ok = await t.api('POST', '/api/users', {
        token: admin,
        body: {
          username: 'Li.Ming',
          displayName: '李明',
          password: 'Zhangye#2026',
          roles: ['operator'],
          scopeCode: c.county,
        },
      });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ username: 'li.ming', roles: ['operator'], scopeCode: c.county });
      const dup = await t.api('POST', '/api/users', {
        token: admin,
        body: {
          username: 'li.ming',
          displayName: '李明',
          password: 'Zhangye#2026',
          roles: ['operator'],
          scopeCode: c.county,
        },
      });
      expect(dup.status).toBe(400);
      expect(dup.body.error.fields[0].path).toBe('username');
      const handler = await t.api('POST', '/api/users', {
        token: admin,
        body: {
          username: 'no.unit',
          displayName: '无单位',
          password: 'Zhangye#2026',
          roles: ['handler'],
          scopeCode: c.county,
        },
      });
      expect(handler.status).toBe(400);
      expect(handler.body.error.fields[0].path).toBe('unitId');
    });

    it('does not let an admin place an account outside their scope', async () => {
      const c = await createTestCounty(t);
      const countyAdmin = await createUser(t, ['admin'], c.county);
      const r = await t.api('POST', '/api/users', {
        token: countyAdmin.token,
        body: {
          username: 'escape.user',
          displayName: '越权',
          password: 'Zhangye#2026',
          roles: ['admin'],
          scopeCode: '620700',
        },
      });
      expect(r.status).toBe(400);
      expect(r.body.error.fields[0].path).toBe('scopeCode');
    });

    it('signs an account out everywhere when it is disabled or its scope changes', async () => {
      const admin = await t.login('demo-city');
      const c = await createTestCounty(t);
      const u = await createUser(t, ['operator'], c.county);
      const moved = await t.api('PATCH', `/api/users/${u.id}`, {
        token: admin,
        body: { scopeCode: c.township, reason: '调岗' },
      });
      expect(moved.status).toBe(200);
      expect((await t.api('GET', '/api/auth/me', { token: u.token })).status).toBe(401);
      const fresh = await t.login(u.username, u.password);
      expect((await t.api('GET', `/api/areas/${c.county}`, { token: fresh })).status).toBe(404);
      await t.api('PATCH', `/api/users/${u.id}`, { token: admin, body: { status: 'disabled' } });
      expect((await t.api('GET', '/api/auth/me', { token: fresh })).status).toBe(401);
      expect(
        (await t.api('POST', '/api/auth/login', { body: { username: u.username, password: u.password } })).status,
      ).toBe(401);
    });

    it('changes your own password only with the current one', async () => {
      const c = await createTestCounty(t);
      const u = await createUser(t, ['operator'], c.county);
      const wrong = await t.api('POST', '/api/auth/password', {
        token: u.token,
        body: { currentPassword: 'nope', newPassword: 'Another#2026' },
      });
      expect(wrong.status).toBe(400);
      const ok = await t.api('POST', '/api/auth/password', {
        token: u.token,
        body: { currentPassword: u.password, newPassword: 'Another#2026' },
      });
      expect(ok.status).toBe(204);
      expect((await t.api('GET', '/api/auth/me', { token: u.token })).status).toBe(401);
      expect(await t.login(u.username, 'Another#2026')).toBeTruthy();
    });
  });
});
