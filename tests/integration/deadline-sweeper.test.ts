import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/db/database.js';
import { sweepDeadlines } from '../../src/jobs/deadline-sweeper.js';
import { backend, startTestApp, type TestApp } from '../helpers/harness.js';
import { testDatabaseUrl } from '../helpers/test-env.js';

describe(`deadline sweeper (${backend})`, () => {
  let t: TestApp;
  let token: string;
  let grid: { lng: number; lat: number };
  beforeAll(async () => {
    // Thursday 26 Nov 2026, 10:00 in Shanghai.
    t = await startTestApp({ now: '2026-11-26T02:00:00Z' });
    token = await t.login('demo-ganzhou');
    const g = await t.runtime.database.db.selectFrom('area').select(['center_lng', 'center_lat']).where('code', 'like', '620702%').where('level', '=', 'grid').orderBy('code').limit(1).executeTakeFirstOrThrow();
    grid = { lng: g.center_lng!, lat: g.center_lat! };
  });
  afterAll(() => t.close());

  const report = async (categoryCode: string) =>
    (await t.api('POST', '/api/events', { token, body: { categoryCode, description: '测试时限事件描述', location: grid } })).body as { id: string; dueAt: string };
  const flags = (id: string) => t.runtime.database.db.selectFrom('event').select(['warned_at', 'overdue_at', 'supervised_at', 'escalation_level', 'due_at']).where('id', '=', id).executeTakeFirstOrThrow();
  const sweep = () => t.runtime.sweep();
  const actions = async (id: string) => (await t.runtime.database.db.selectFrom('event_transition').select('action').where('event_id', '=', id).orderBy('id').execute()).map((r) => r.action);

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
    expect(inbox.body.items.some((n: { eventId: string; kind: string }) => n.eventId === e.id && n.kind === 'overdue')).toBe(true);
    const track = await t.api('GET', `/api/track/${(await t.runtime.database.db.selectFrom('event').select('tracking_code').where('id', '=', e.id).executeTakeFirstOrThrow()).tracking_code}`);
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
    expect((await t.api('POST', `/api/events/${e.id}/transitions`, { token, body: { action: 'resume' } })).status).toBe(200);
    const after = (await flags(e.id)).due_at;
    // Due Tuesday 17:30 before; three working days later after the pause.
    expect(before.toISOString()).toBe('2026-12-08T09:30:00.000Z');
    expect(after.toISOString()).toBe('2026-12-11T09:30:00.000Z');
  });

  it.skipIf(testDatabaseUrl() === undefined)('is safe with two processes sweeping one PostgreSQL database', async () => {
    t.clock.set('2026-12-10T02:00:00Z');
    token = await t.login('demo-ganzhou');
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await report('0202')).id);
    t.clock.set('2026-12-20T02:00:00Z');
    // A second "process": its own pool on the same database.
    const dbName = (await t.runtime.database.db.selectNoFrom((eb) => eb.fn<string>('current_database', []).as('db')).executeTakeFirstOrThrow()).db;
    const other = await openPostgres(testDatabaseUrl()!.replace(/\/[^/]*$/, `/${dbName}`), 3);
    try {
      const s = t.runtime.services;
      const deps = (db: typeof other.db) => ({ db, clock: t.clock, audit: s.audit, calendar: s.calendar.calendar, mediation: s.mediation });
      const [a, b] = await Promise.all([sweepDeadlines(deps(t.runtime.database.db), 7), sweepDeadlines(deps(other.db), 7)]);
      expect(a.overdue + b.overdue).toBeGreaterThanOrEqual(40);
      const rows = await t.runtime.database.db.selectFrom('event_transition').select(['event_id', 'action']).where('event_id', 'in', ids).where('action', 'in', ['warn', 'overdue']).execute();
      expect(rows).toHaveLength(80);
    } finally {
      await other.close();
    }
  });
});
