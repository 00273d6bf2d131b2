import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/db/database.js';
import { sweepDeadlines } from '../../src/jobs/deadline-sweeper.js';
import { AuditService } from '../../src/services/audit.service.js';
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
  const flags = (id: string) => t.runtime.database.db.selectFrom('event').select(['warned_at', 'overdue_at']).where('id', '=', id).executeTakeFirstOrThrow();
  const sweep = () => sweepDeadlines(t.runtime.database.db, t.clock, t.runtime.services.audit);

  it('warns at two thirds of the working time, turns red at the deadline, once each, and catches up after downtime', async () => {
    // 0201 has one working day: due Friday 27 Nov 17:30. That is 780 working minutes from Thu 10:00;
    // two thirds (520) fall at Fri 11:40.
    const e = await report('0201');
    expect(e.dueAt).toBe('2026-11-27T09:30:00.000Z');
    t.clock.set('2026-11-27T03:00:00Z'); // Fri 11:00: not yet
    expect(await sweep()).toEqual({ warned: 0, overdue: 0 });
    t.clock.set('2026-11-27T03:41:00Z'); // Fri 11:41
    expect(await sweep()).toMatchObject({ warned: 1, overdue: 0 });
    expect(await sweep()).toEqual({ warned: 0, overdue: 0 });
    expect((await flags(e.id)).warned_at?.toISOString()).toBe('2026-11-27T03:41:00.000Z');
    // The server was down over the weekend: the first sweep on Monday catches up.
    t.clock.set('2026-11-30T01:00:00Z');
    expect(await sweep()).toMatchObject({ overdue: 1 });
    expect(await sweep()).toEqual({ warned: 0, overdue: 0 });
    const timeline = await t.runtime.database.db.selectFrom('event_transition').select('action').where('event_id', '=', e.id).orderBy('id').execute();
    expect(timeline.map((r) => r.action)).toEqual(['report', 'warn', 'overdue']);
    const track = await t.api('GET', `/api/track/${(await t.runtime.database.db.selectFrom('event').select('tracking_code').where('id', '=', e.id).executeTakeFirstOrThrow()).tracking_code}`);
    expect(track.body.timeline.map((s: { note: string }) => s.note)).toContain('已超期,督办中');
  });

  it('leaves closed and suspended events alone', async () => {
    t.clock.set('2026-11-30T02:00:00Z');
    token = await t.login('demo-ganzhou');
    const e = await report('0201');
    await t.api('POST', `/api/events/${e.id}/transitions`, { token, body: { action: 'suspend', note: '当事人住院' } });
    t.clock.set('2026-12-10T02:00:00Z');
    await sweep();
    expect(await flags(e.id)).toEqual({ warned_at: null, overdue_at: null });
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
      const [a, b] = await Promise.all([sweepDeadlines(t.runtime.database.db, t.clock, new AuditService(t.clock), 7), sweepDeadlines(other.db, t.clock, new AuditService(t.clock), 7)]);
      expect(a.overdue + b.overdue).toBe(40);
      expect(a.warned + b.warned).toBe(40);
      const rows = await t.runtime.database.db.selectFrom('event_transition').select(['event_id', 'action']).where('event_id', 'in', ids).where('action', 'in', ['warn', 'overdue']).execute();
      expect(rows).toHaveLength(80);
    } finally {
      await other.close();
    }
  });
});
