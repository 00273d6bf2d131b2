import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../tests/helpers/factories.js';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';

/**
 * A process keeps the sessions it has resolved, and must still refuse a token the moment it is revoked anywhere:
 * the changes here are made straight in the database, as another server process would make them.
 */
describe(`sessions kept per process (${backend})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const me = (token: string) => t.api('GET', '/api/auth/me', { token });
  const authVersion = async () =>
    (await sql<{ v: string }>`select version::text as v from auth_version`.execute(t.runtime.database.db)).rows[0]!.v;

  it('refuses a kept session as soon as another process revokes it', async () => {
    const u = await createUser(t, ['operator'], '620702');
    const token = await t.login(u.username, u.password);
    expect((await me(token)).status).toBe(200);
    expect((await me(token)).status).toBe(200);
    await sql`update session set revoked_at = now() where user_id = ${u.id}`.execute(t.runtime.database.db);
    expect((await me(token)).status).toBe(401);
  });

  it('refuses it when the account is disabled, and shows new roles and scope at once', async () => {
    const db = t.runtime.database.db;
    const a = await createUser(t, ['operator'], '620702');
    const tokenA = await t.login(a.username, a.password);
    expect((await me(tokenA)).body.roles).toEqual(['operator']);
    await sql`update app_user set roles = array['leader'], scope_code = '620721' where id = ${a.id}`.execute(db);
    const changed = await me(tokenA);
    expect(changed.body.roles).toEqual(['leader']);
    expect(changed.body.scope.code).toBe('620721');

    const b = await createUser(t, ['operator'], '620702');
    const tokenB = await t.login(b.username, b.password);
    expect((await me(tokenB)).status).toBe(200);
    await sql`update app_user set status = 'disabled' where id = ${b.id}`.execute(db);
    expect((await me(tokenB)).status).toBe(401);
  });

  it('keeps its counter still for sign-ins and idle touches, and still ends a session idle too long', async () => {
    const u = await createUser(t, ['operator'], '620702');
    const before = await authVersion();
    const token = await t.login(u.username, u.password);
    expect(await authVersion()).toBe(before);
    t.clock.advance(5 * 60_000);
    // Five minutes on: the request slides the idle window (a touch), which must not move the counter.
    expect((await me(token)).status).toBe(200);
    const touched = await t.runtime.database.db
      .selectFrom('session')
      .select((eb) => eb.fn.max('last_seen_at').as('at'))
      .where('user_id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(new Date(touched.at).getTime()).toBe(t.clock.now().getTime());
    expect(await authVersion()).toBe(before);
    t.clock.advance(t.config.sessionIdleMs + 1);
    expect((await me(token)).status).toBe(401);
  });

  it('logs out in one process and the token is refused', async () => {
    const u = await createUser(t, ['operator'], '620702');
    const token = await t.login(u.username, u.password);
    expect((await me(token)).status).toBe(200);
    expect((await t.api('POST', '/api/auth/logout', { token })).status).toBeLessThan(300);
    expect((await me(token)).status).toBe(401);
  });
});
