import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstGridCentre } from '../../../tests/helpers/factories.js';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';
import { TEST_AUDIT_KEY, testDatabaseUrl } from '../../../tests/helpers/test-env.js';
import { openPostgres } from '../../db/database.js';
import { verifyAuditChains } from '../audit/audit.repository.js';
import { sweepDeadlines } from './deadline-sweeper.js';

describe(`deadline sweeper (${backend})`, () => {
  let t: TestApp;
  let token: string;
  let grid: { lng: number; lat: number };
  beforeAll(async () => {
    // Thursday 26 Nov 2026, 10:00 in Shanghai.
    t = await startTestApp({ now: '2026-11-26T02:00:00Z' });
    token = await t.login('demo-ganzhou');
    grid = await firstGridCentre(t, '620702');
  });
  afterAll(() => t.close());

  const report = async (categoryCode: string) =>
    (
      await t.api('POST', '/api/events', {
        token,
        body: { categoryCode, description: '测试时限事件描述', location: grid },
      })
    ).body as { id: string; dueAt: string };
  const flags = (id: string) =>
    t.runtime.database.db
      .selectFrom('event')
      .select(['warned_at', 'overdue_at', 'supervised_at', 'escalation_level', 'due_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const sweep = () => t.runtime.sweep();
  const actions = async (id: string) =>
    (
      await t.runtime.database.db
        .selectFrom('event_transition')
        .select('action')
        .where('event_id', '=', id)
        .orderBy('id')
        .execute()
    ).map((r) => r.action);

  it('warns at two thirds of the working time, turns red at the deadline, once each, and catches up after downtime', async () => {
    // 0201 has one working day: due Friday 27 Nov 17:30. That is 780 working minutes from Thu 10:00;
    // two thirds (520) fall at Fri 11:40.
    const e = await report('0201');
    expect(e.dueAt).toBe('2026-11-27T09:30:00.000Z');
    // The demo city's own events are swept too, so this checks the flags and timeline of this event.
    await sweep();
    t.clock.set('2026-11-27T03:00:00Z'); // Fri 11:00: not yet
    await sweep();
    expect(await flags(e.id)).toMatchObject({ warned_at: null, overdue_at: null });
    t.clock.set('2026-11-27T03:41:00Z'); // Fri 11:41
    expect((await sweep()).warned).toBeGreaterThanOrEqual(1);
    await sweep();
    expect((await flags(e.id)).warned_at?.toISOString()).toBe('2026-11-27T03:41:00.000Z');
    // The server was down over the weekend: the first sweep on Monday catches up.
    t.clock.set('2026-11-30T01:00:00Z');
    expect((await sweep()).overdue).toBeGreaterThanOrEqual(1);
    await sweep();
    // The 1-hour accept stage ran out on Thursday; the event itself on Friday evening.
    expect(await actions(e.id)).toEqual(['report', 'stage_overdue', 'warn', 'overdue']);
    const f = await flags(e.id);
    expect(f.supervised_at?.toISOString()).toBe('2026-11-30T01:00:00.000Z');
    expect(f.escalation_level).toBe(1);
    // Still open two working days after its deadline (Tue 1 Dec 17:30): supervision goes up to the city.
    t.clock.set('2026-12-01T09:31:00Z');
    await sweep();
    expect((await flags(e.id)).escalation_level).toBe(2);
    t.clock.set('2026-12-03T09:31:00Z');
    await sweep();
    expect(await actions(e.id)).toEqual(['report', 'stage_overdue', 'warn', 'overdue', 'escalate']);
    // The county operator was told when it went overdue.
    const inbox = await t.api('GET', '/api/notifications', { token: await t.login('demo-ganzhou') });
    expect(
      inbox.body.items.some((n: { eventId: string; kind: string }) => n.eventId === e.id && n.kind === 'overdue'),
    ).toBe(true);
    const track = await t.api(
      'GET',
      `/api/track/${(await t.runtime.database.db.selectFrom('event').select('tracking_code').where('id', '=', e.id).executeTakeFirstOrThrow()).tracking_code}`,
    );
    expect(track.body.timeline.map((s: { note: string }) => s.note)).toContain('已超期,督办中');
  });

  it('leaves suspended events alone, and resuming adds the suspended working time to the deadline', async () => {
    t.clock.set('2026-12-07T02:00:00Z'); // Monday 10:00
    token = await t.login('demo-ganzhou');
    const e = await report('0201');
    const before = (await flags(e.id)).due_at;
    await t.api('POST', `/api/events/${e.id}/transitions`, { token, body: { action: 'suspend', note: '当事人住院' } });
    t.clock.set('2026-12-10T02:00:00Z'); // Thursday 10:00: three working days later
    await sweep();
    expect(await flags(e.id)).toMatchObject({ warned_at: null, overdue_at: null });
    token = await t.login('demo-ganzhou');
    expect((await t.api('POST', `/api/events/${e.id}/transitions`, { token, body: { action: 'resume' } })).status).toBe(
      200,
    );
    const after = (await flags(e.id)).due_at;
    // Due Tuesday 17:30 before; three working days later after the pause.
    expect(before.toISOString()).toBe('2026-12-08T09:30:00.000Z');
    expect(after.toISOString()).toBe('2026-12-11T09:30:00.000Z');
  });

  it.skipIf(testDatabaseUrl() === undefined)(
    'is safe with two processes sweeping one PostgreSQL database',
    async () => {
      t.clock.set('2026-12-10T02:00:00Z');
      token = await t.login('demo-ganzhou');
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) ids.push((await report('0202')).id);
      t.clock.set('2026-12-20T02:00:00Z');
      // A second "process": its own pool on the same database.
      const dbName = (
        await t.runtime.database.db
          .selectNoFrom((eb) => eb.fn<string>('current_database', []).as('db'))
          .executeTakeFirstOrThrow()
      ).db;
      const other = await openPostgres(testDatabaseUrl()!.replace(/\/[^/]*$/, `/${dbName}`), 3);
      try {
        const s = t.runtime.services;
        const deps = (db: typeof other.db) => ({ db, clock: t.clock, audit: s.audit, calendar: s.calendar.calendar });
        const [a, b] = await Promise.all([
          sweepDeadlines(deps(t.runtime.database.db), 7),
          sweepDeadlines(deps(other.db), 7),
        ]);
        expect(a.overdue + b.overdue).toBeGreaterThanOrEqual(40);
        const rows = await t.runtime.database.db
          .selectFrom('event_transition')
          .select(['event_id', 'action'])
          .where('event_id', 'in', ids)
          .where('action', 'in', ['warn', 'overdue'])
          .execute();
        expect(rows).toHaveLength(80);
      } finally {
        await other.close();
      }
    },
  );

  it('sets every flag an event crossed during downtime in one sweep, each once, with its timeline row and notices', async () => {
    t.clock.set('2026-12-21T02:00:00Z'); // Monday 10:00
    token = await t.login('demo-ganzhou');
    const e = await report('0201'); // one working day (due Tue 22 Dec 17:30), a one-hour accept stage
    // Down for a week: the warning, the deadline, the stage limit and the two working days after the
    // deadline (Thu 24 Dec 17:30) have all passed by the first sweep.
    t.clock.set('2026-12-28T02:00:00Z');
    const first = await sweep();
    expect(first).toMatchObject({
      warned: expect.any(Number),
      overdue: expect.any(Number),
      stageOverdue: expect.any(Number),
      escalated: expect.any(Number),
    });
    const db = t.runtime.database.db;
    const row = await db
      .selectFrom('event')
      .select(['warned_at', 'overdue_at', 'stage_overdue_at', 'supervised_at', 'escalation_level', 'escalate_at'])
      .where('id', '=', e.id)
      .executeTakeFirstOrThrow();
    const at = '2026-12-28T02:00:00.000Z';
    expect(
      [row.warned_at, row.overdue_at, row.stage_overdue_at, row.supervised_at].map((d) => d?.toISOString()),
    ).toEqual([at, at, at, at]);
    // Gone up to the city in the same sweep, since two working days after the deadline have passed too.
    expect(row).toMatchObject({ escalation_level: 2, escalate_at: null });
    expect(await actions(e.id)).toEqual(['report', 'warn', 'overdue', 'stage_overdue', 'escalate']);
    const notices = async () =>
      db
        .selectFrom('notification')
        .select(['user_id', 'kind', 'title'])
        .where('event_id', '=', e.id)
        .where('created_at', '=', new Date(at))
        .orderBy('id')
        .execute();
    const sent = await notices();
    // The accounts of the event's unit get the warning, the stage notice, the overdue and the
    // escalation; the operators over its township and county the overdue one; the city's operators
    // the escalation. One row per recipient and notice.
    const ev = await db
      .selectFrom('event')
      .select(['grid_code', 'owner_unit_id', 'lead_unit_id'])
      .where('id', '=', e.id)
      .executeTakeFirstOrThrow();
    const accounts = db.selectFrom('app_user').select('id').where('status', '=', 'active');
    const unit = (await accounts.where('unit_id', '=', ev.lead_unit_id ?? ev.owner_unit_id!).execute()).map(
      (a) => a.id,
    );
    const operators = accounts.where(sql<boolean>`'operator' = any(roles)`);
    const local = (
      await operators.where('scope_code', 'in', [ev.grid_code.slice(0, 9), ev.grid_code.slice(0, 6)]).execute()
    ).map((a) => a.id);
    const city = (await operators.where('scope_code', '=', `${ev.grid_code.slice(0, 4)}00`).execute()).map((a) => a.id);
    expect(local.length).toBeGreaterThan(0);
    const expected = [
      ...unit.flatMap((u) => ['即将到期', '已超期,督办中', '环节超时', '超期升级督办'].map((title) => `${u} ${title}`)),
      ...local.map((u) => `${u} 已超期,督办中`),
      ...city.map((u) => `${u} 超期升级督办`),
    ];
    expect(sent.map((n) => `${n.user_id} ${n.title.split(':')[0]}`).sort()).toEqual(expected.sort());
    // Once: a second sweep (and a third later on) adds nothing.
    expect(await sweep()).toEqual({
      warned: 0,
      overdue: 0,
      stageOverdue: 0,
      escalated: 0,
      coHandlerOverdue: 0,
      mediationEscalated: 0,
    });
    t.clock.set('2027-01-05T02:00:00Z');
    await sweep();
    expect(await actions(e.id)).toEqual(['report', 'warn', 'overdue', 'stage_overdue', 'escalate']);
    expect(await db.selectFrom('notification').select('id').where('event_id', '=', e.id).execute()).toHaveLength(
      sent.length +
        (
          await db
            .selectFrom('notification')
            .select('id')
            .where('event_id', '=', e.id)
            .where('created_at', '<', new Date(at))
            .execute()
        ).length,
    );
    // The batch audit records chain correctly.
    expect((await verifyAuditChains(db, { hmacKey: TEST_AUDIT_KEY })).firstBreak).toBeNull();
  });

  it('catches up in one sweep on a deadline older than the escalation day table, up to the city included', async () => {
    t.clock.set('2027-01-06T02:00:00Z');
    token = await t.login('demo-ganzhou');
    const e = await report('0201');
    const db = t.runtime.database.db;
    // As if the server had been down for 500 days: warning, deadline and stage limit long past.
    await db
      .updateTable('event')
      .set({
        warn_at: new Date('2025-08-22T03:40:00Z'),
        due_at: new Date('2025-08-22T09:30:00Z'),
        stage_due_at: new Date('2025-08-22T03:00:00Z'),
      })
      .where('id', '=', e.id)
      .execute();
    await sweep();
    expect(await actions(e.id)).toEqual(['report', 'warn', 'overdue', 'stage_overdue', 'escalate']);
    expect(
      await db
        .selectFrom('event')
        .select(['escalation_level', 'escalate_at'])
        .where('id', '=', e.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ escalation_level: 2, escalate_at: null });
  });

  it.skipIf(testDatabaseUrl() === undefined)(
    're-checks on the latest version an event a transition changed while the sweep waited for it',
    async () => {
      t.clock.set('2027-01-11T02:00:00Z'); // Monday 10:00
      token = await t.login('demo-ganzhou');
      const moved = await report('0201');
      const closed = await report('0201');
      const plain = await report('0201');
      t.clock.set('2027-01-18T02:00:00Z'); // a week later: all three crossed every deadline
      const db = t.runtime.database.db;
      const dbName = (
        await db.selectNoFrom((eb) => eb.fn<string>('current_database', []).as('db')).executeTakeFirstOrThrow()
      ).db;
      const other = await openPostgres(testDatabaseUrl()!.replace(/\/[^/]*$/, `/${dbName}`), 2);
      try {
        // Another process's transition holds two of the events: it moves one deadline a month on and
        // closes the other, and commits only once the sweep is waiting for those rows.
        let release!: () => void;
        const held = new Promise<void>((r) => (release = r));
        let locked!: () => void;
        const lockedNow = new Promise<void>((r) => (locked = r));
        const transition = other.db.transaction().execute(async (trx) => {
          const later = new Date('2027-02-18T02:00:00Z');
          await trx
            .updateTable('event')
            .set({ warn_at: later, due_at: later, stage_due_at: later })
            .where('id', '=', moved.id)
            .execute();
          await trx
            .updateTable('event')
            .set({ status: 'closed', stage: null, stage_due_at: null })
            .where('id', '=', closed.id)
            .execute();
          locked();
          await held;
        });
        await lockedNow;
        const sweeping = sweep();
        // Waits for the sweep to block on the held rows (not on a timer).
        const waiting = sql<{
          n: number;
        }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like '%with picked as%'`;
        while ((await waiting.execute(other.db)).rows[0]!.n === 0) await new Promise((r) => setImmediate(r));
        release();
        await transition;
        await sweeping;
        const got = await db
          .selectFrom('event')
          .select(['id', 'warned_at', 'overdue_at', 'stage_overdue_at', 'escalation_level'])
          .where('id', 'in', [moved.id, closed.id, plain.id])
          .execute();
        const byId = new Map(got.map((r) => [r.id, r]));
        expect(byId.get(moved.id)).toMatchObject({
          warned_at: null,
          overdue_at: null,
          stage_overdue_at: null,
          escalation_level: 0,
        });
        expect(byId.get(closed.id)).toMatchObject({ warned_at: null, overdue_at: null, escalation_level: 0 });
        expect(byId.get(plain.id)!.overdue_at?.toISOString()).toBe('2027-01-18T02:00:00.000Z');
        expect(await actions(moved.id)).toEqual(['report']);
        expect(await actions(closed.id)).toEqual(['report']);
        expect(await actions(plain.id)).toEqual(['report', 'warn', 'overdue', 'stage_overdue', 'escalate']);
      } finally {
        await other.close();
      }
    },
  );

  it('keeps every event: a delete or truncate is refused and the timeline stays', async () => {
    token = await t.login('demo-ganzhou');
    const e = await report('0201');
    expect(e.id).toEqual(expect.any(String));
    const db = t.runtime.database.db;
    await expect(db.deleteFrom('event').where('id', '=', e.id).execute()).rejects.toThrow(/never deleted/);
    await expect(sql`truncate event cascade`.execute(db)).rejects.toThrow(/never deleted/);
    expect(await db.selectFrom('event').select('id').where('id', '=', e.id).execute()).toHaveLength(1);
    expect(await actions(e.id)).toEqual(['report']);
  });
});
