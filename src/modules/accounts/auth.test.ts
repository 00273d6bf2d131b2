import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCounty, createUser } from '../../../tests/helpers/factories.js';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';
import { DEMO_PASSWORD } from '../../seed/demo-city.js';

const MIN = 60_000;

describe(`accounts and sessions (${backend})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: {
        SESSION_TTL_HOURS: '8',
        SESSION_IDLE_MINUTES: '30',
        LOGIN_PAIR_FREE_FAILURES: '5',
        LOGIN_ACCOUNT_FREE_FAILURES: '12',
        LOGIN_DELAY_BASE_SECONDS: '1',
      },
    });
  });
  afterAll(() => t.close());

  const login = (username: string, password: string, ip: string, lang = 'zh-CN') =>
    t.runtime.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      remoteAddress: ip,
      headers: { 'accept-language': lang },
    });

  it('delays an attacker at one address with growing delays while the owner elsewhere gets in', async () => {
    const c = await createTestCounty(t);
    const u = await createUser(t, ['operator'], c.county);
    const attacker = '10.1.0.1';
    for (let i = 0; i < 5; i++) expect((await login(u.username, 'Wrong@Pass1', attacker)).statusCode).toBe(401);
    const waits: number[] = [];
    for (let round = 0; round < 4; round++) {
      const held = await login(u.username, 'Wrong@Pass1', attacker);
      expect(held.statusCode).toBe(429);
      expect(held.json().error.id).toBe('too_many_attempts');
      expect(held.json().error.message).toMatch(/秒后再试/);
      const wait = Number(held.headers['retry-after']);
      waits.push(wait);
      // Held even with the right password: the delay is on guesses from this address, not on wrong ones only.
      expect((await login(u.username, u.password, attacker)).statusCode).toBe(429);
      // The owner at another address is not held at all.
      expect((await login(u.username, u.password, `10.1.1.${round + 1}`)).statusCode).toBe(200);
      t.clock.advance(wait * 1000);
      expect((await login(u.username, 'Wrong@Pass1', attacker)).statusCode).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    const en = await login(u.username, 'Wrong@Pass1', attacker, 'en');
    expect(en.statusCode).toBe(429);
    expect(en.json().error.message).toBe('Too many wrong passwords; try again in 16 s');

    // Once the delay has passed, the owner signing in from that address clears its pair counter.
    t.clock.advance(16_000);
    expect((await login(u.username, u.password, attacker)).statusCode).toBe(200);
    expect((await login(u.username, 'Wrong@Pass1', attacker)).statusCode).toBe(401);
    expect((await login(u.username, u.password, attacker)).statusCode).toBe(200);
  });

  it('does not hold other accounts behind an office address with failures on one account', async () => {
    const c = await createTestCounty(t);
    const victim = await createUser(t, ['operator'], c.county);
    const colleague = await createUser(t, ['operator'], c.county);
    const office = '10.2.0.1';
    for (let i = 0; i < 8; i++) await login(victim.username, 'Wrong@Pass1', office);
    expect((await login(victim.username, victim.password, office)).statusCode).toBe(429);
    // Unknown usernames from the same address (typos, or a credential-stuffing run) do not hold the office either.
    for (let i = 0; i < 30; i++) expect((await login(`nobody${i}`, 'Wrong@Pass1', office)).statusCode).toBe(401);
    expect((await login(colleague.username, colleague.password, office)).statusCode).toBe(200);
    expect((await login('demo-city', DEMO_PASSWORD, office)).statusCode).toBe(200);
  });

  it('slows guesses spread over many addresses with the account-wide counter, for a minute at most', async () => {
    const c = await createTestCounty(t);
    const u = await createUser(t, ['operator'], c.county);
    for (let i = 0; i < 12; i++) expect((await login(u.username, 'Wrong@Pass1', `10.3.${i}.1`)).statusCode).toBe(401);
    const held = await login(u.username, u.password, '10.3.99.1');
    expect(held.statusCode).toBe(429);
    expect(Number(held.headers['retry-after'])).toBe(1);
    for (let i = 0; i < 10; i++) {
      t.clock.advance(60_000);
      await login(u.username, 'Wrong@Pass1', `10.4.${i}.1`);
    }
    // The account-wide delay is capped at a minute: slowed, never locked out.
    expect(Number((await login(u.username, u.password, '10.3.99.1')).headers['retry-after'])).toBe(60);
    t.clock.advance(60_000);
    expect((await login(u.username, u.password, '10.3.99.1')).statusCode).toBe(200);
  });

  it('lets an administrator unlock an account in scope, audited', async () => {
    const c = await createTestCounty(t);
    const other = await createTestCounty(t);
    const u = await createUser(t, ['operator'], c.county);
    const attacker = '10.5.0.1';
    for (let i = 0; i < 8; i++) await login(u.username, 'Wrong@Pass1', attacker);
    expect((await login(u.username, u.password, attacker)).statusCode).toBe(429);

    const outsider = await createUser(t, ['admin'], other.county);
    const operator = await createUser(t, ['operator'], c.county);
    expect((await t.api('POST', `/api/users/${u.id}/unlock`, { token: outsider.token })).status).toBe(404);
    expect((await t.api('POST', `/api/users/${u.id}/unlock`, { token: operator.token })).status).toBe(403);
    expect((await login(u.username, u.password, attacker)).statusCode).toBe(429);

    const admin = await t.login('demo-city');
    const r = await t.api('POST', `/api/users/${u.id}/unlock`, { token: admin, body: { reason: '本人来电核实' } });
    expect(r.status).toBe(204);
    expect((await login(u.username, u.password, attacker)).statusCode).toBe(200);
    const entry = await t.runtime.database.db
      .selectFrom('audit_log')
      .select(['actor_name', 'reason', 'before'])
      .where('action', '=', 'user.unlock')
      .where('entity_id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(entry.actor_name).toBe('demo-city');
    expect(entry.reason).toBe('本人来电核实');
    expect(JSON.stringify(entry.before)).toContain(attacker);
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
        message: '密码太容易被猜中,请换一个更长、更不常见的密码',
      });
      for (const password of ['Password1!', 'Qwerty123!', '1qaz@WSX', 'Zhangye@2026', DEMO_PASSWORD]) {
        const r = await t.api('POST', '/api/users', {
          token: admin,
          headers: { 'accept-language': 'en' },
          body: { username: 'weak.user', displayName: '弱', password, roles: ['operator'], scopeCode: c.county },
        });
        expect(r.status, password).toBe(400);
        expect(r.body.error.fields[0].message).toBe(
          'This password is too easy to guess; choose a longer, less common one',
        );
        expect(r.body.error.fields.length, `${password}: feedback follows`).toBeGreaterThan(1);
      }
      const ok = await t.api('POST', '/api/users', {
        token: admin,
        body: {
          username: 'Li.Ming',
          displayName: '李明',
          password: 'Heron+Slate-93',
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
          password: 'Heron+Slate-93',
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
          password: 'Heron+Slate-93',
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
          password: 'Heron+Slate-93',
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

    it('changes your own password only with the current one, and throttles guesses of it', async () => {
      const c = await createTestCounty(t);
      const u = await createUser(t, ['operator'], c.county);
      const change = (currentPassword: string, newPassword: string, token = u.token) =>
        t.api('POST', '/api/auth/password', { token, body: { currentPassword, newPassword } });
      const wrong = await change('nope', 'Lantern-Quill-57');
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.fields[0].path).toBe('currentPassword');
      for (let i = 0; i < 4; i++) expect((await change('nope', 'Lantern-Quill-57')).status).toBe(400);
      const held = await change(u.password, 'Lantern-Quill-57');
      expect(held.status).toBe(429);
      expect(held.body.error.id).toBe('too_many_attempts');
      expect(Number(held.headers['retry-after'])).toBe(1);
      const failed = await t.runtime.database.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('action', '=', 'auth.password_change_failed')
        .where('entity_id', '=', u.id)
        .executeTakeFirstOrThrow();
      expect(Number(failed.n)).toBe(5);
      t.clock.advance(1000);

      const demo = await change(u.password, DEMO_PASSWORD);
      expect(demo.status).toBe(400);
      expect(demo.body.error.fields[0].path).toBe('newPassword');
      const ok = await change(u.password, 'Lantern-Quill-57');
      expect(ok.status).toBe(204);
      expect((await t.api('GET', '/api/auth/me', { token: u.token })).status).toBe(401);
      expect(await t.login(u.username, 'Lantern-Quill-57')).toBeTruthy();
    });

    it('refuses any of the last five passwords as a new one', async () => {
      const c = await createTestCounty(t);
      const u = await createUser(t, ['operator'], c.county);
      const admin = await t.login('demo-city');
      const reset = (password: string) =>
        t.api('POST', `/api/users/${u.id}/password`, { token: admin, body: { password } });
      const series = ['Lantern-Quill-57', 'Juniper!Moth-84', 'Heron+Slate-93', 'Copper_Fjord-26'];
      const current = await reset(u.password);
      expect(current.status).toBe(400);
      expect(current.body.error.fields[0]).toEqual({ path: 'password', message: '不能使用最近用过的密码' });
      for (const p of series) expect((await reset(p)).status, p).toBe(204);
      // Now the original and the four since are the last five: each is refused.
      for (const p of [u.password, ...series]) expect((await reset(p)).status, p).toBe(400);
      expect((await reset('Walnut=Orbit-61')).status).toBe(204);
      // Six passwords on, the original has dropped out of the history.
      expect((await reset(u.password)).status).toBe(204);
      const kept = await t.runtime.database.db
        .selectFrom('password_history')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('user_id', '=', u.id)
        .executeTakeFirstOrThrow();
      expect(Number(kept.n)).toBe(4);
    });
  });
});
