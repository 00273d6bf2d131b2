import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';
import { OFFICIAL_CALENDAR, WorkingCalendar } from '../../kernel/working-calendar.js';
import { systemActor } from '../../lib/context.js';
import { CalendarService } from './calendar.service.js';

describe(`working-day calendar: seeded, edited by an administrator, used by new deadlines (${backend})`, () => {
  let t: TestApp;
  let admin: string;
  let op: string;
  let grid: { lng: number; lat: number };
  beforeAll(async () => {
    // Thursday 26 Nov 2026, 10:00 in Shanghai.
    t = await startTestApp({ now: '2026-11-26T02:00:00Z' });
    const g = await t.runtime.database.db
      .selectFrom('area')
      .select(['center_lng', 'center_lat'])
      .where('code', 'like', '620702%')
      .where('level', '=', 'grid')
      .orderBy('code')
      .limit(1)
      .executeTakeFirstOrThrow();
    grid = { lng: g.center_lng!, lat: g.center_lat! };
  });
  beforeEach(async () => {
    admin = await t.login('demo-city');
    op = await t.login('demo-ganzhou');
  });
  afterAll(() => t.close());

  const report = async () => {
    const r = await t.api('POST', '/api/events', {
      token: op,
      body: { categoryCode: '0102', description: '邻居装修噪音扰民,多次协商未果', location: grid },
    });
    expect(r.status).toBe(201);
    return r.body as { id: string; dueAt: string };
  };
  const put = (date: string, body: unknown, token = admin) => t.api('PUT', `/api/calendar/${date}`, { token, body });

  it('seeds the official 2025 and 2026 calendar with names on first start', async () => {
    const n = await t.runtime.database.db
      .selectFrom('calendar_day')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const official = Object.values(OFFICIAL_CALENDAR).reduce(
      (s, y) => s + y.holidays.length + y.makeUpWorkdays.length,
      0,
    );
    expect(Number(n.n)).toBe(official);
    const r = await t.api('GET', '/api/calendar?year=2026', { token: op });
    expect(r.status).toBe(200);
    expect(r.body.year).toBe(2026);
    expect(r.body.days).toContainEqual({ date: '2026-10-01', kind: 'holiday', name: '国庆节' });
    expect(r.body.days).toContainEqual({ date: '2026-02-17', kind: 'holiday', name: '春节' });
    expect(r.body.days).toContainEqual({ date: '2026-09-25', kind: 'holiday', name: '中秋节' });
    expect(r.body.days).toContainEqual({ date: '2026-02-14', kind: 'workday', name: '调休上班' });
    expect(r.body.days.every((d: { date: string }) => d.date.startsWith('2026-'))).toBe(true);
    expect(r.body.workingDays).toBe(new WorkingCalendar().workingDaysInYear(2026));
    const y2025 = await t.api('GET', '/api/calendar?year=2025', { token: op });
    expect(y2025.body.workingDays).toBe(248);
    expect(y2025.body.days).toContainEqual({ date: '2025-01-01', kind: 'holiday', name: '元旦' });
    const empty = await t.api('GET', '/api/calendar?year=2030', { token: op });
    expect(empty.body).toEqual({ year: 2030, days: [], workingDays: new WorkingCalendar({}).workingDaysInYear(2030) });
  });

  it('moves the deadline of the next event when an administrator makes a Monday a holiday, and back when removed', async () => {
    const before = await report();
    // 7 working days from Thursday 26 Nov → Monday 7 Dec 17:30 Shanghai.
    expect(before.dueAt).toBe('2026-12-07T09:30:00.000Z');
    const yearBefore = (await t.api('GET', '/api/calendar?year=2026', { token: admin })).body.workingDays;

    const r = await put('2026-12-07', { kind: 'holiday', name: '  临时休假 ' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ date: '2026-12-07', kind: 'holiday', name: '临时休假', workingDay: false });
    expect((await report()).dueAt).toBe('2026-12-08T09:30:00.000Z');
    const year = (await t.api('GET', '/api/calendar?year=2026', { token: admin })).body;
    expect(year.workingDays).toBe(yearBefore - 1);
    expect(year.days).toContainEqual({ date: '2026-12-07', kind: 'holiday', name: '临时休假' });

    // A make-up Saturday brings it forward again.
    expect((await put('2026-12-05', { kind: 'workday' })).body).toEqual({
      date: '2026-12-05',
      kind: 'workday',
      name: null,
      workingDay: true,
    });
    expect((await report()).dueAt).toBe('2026-12-05T09:30:00.000Z');

    // Removing both overrides restores the weekend rule.
    for (const d of ['2026-12-07', '2026-12-05']) expect((await put(d, { kind: null })).body.kind).toBeNull();
    expect((await report()).dueAt).toBe('2026-12-07T09:30:00.000Z');
    expect((await t.api('GET', '/api/calendar?year=2026', { token: admin })).body.workingDays).toBe(yearBefore);

    // The first event kept its stored deadline throughout.
    expect((await t.api('GET', `/api/events/${before.id}`, { token: op })).body.dueAt).toBe('2026-12-07T09:30:00.000Z');
  });

  it('audits every edit with the value before and after', async () => {
    await put('2026-12-31', { kind: 'holiday', name: '跨年' });
    await put('2026-12-31', { kind: null });
    const rows = await t.runtime.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'before', 'after', 'actor_name'])
      .where('entity_type', '=', 'calendar_day')
      .where('entity_id', '=', '2026-12-31')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.action, r.before, r.after, r.actor_name])).toEqual([
      ['calendar.set', null, { kind: 'holiday', name: '跨年' }, 'demo-city'],
      ['calendar.set', { kind: 'holiday', name: '跨年' }, null, 'demo-city'],
    ]);
  });

  it('lets other server processes pick an edit up through the version in app_setting', async () => {
    const otherCalendar = new WorkingCalendar();
    const other = new CalendarService(t.runtime.database.db, t.clock, t.runtime.services.audit, otherCalendar);
    await other.init();
    expect(await other.refreshIfChanged()).toBe(false);
    expect(otherCalendar.isWorkingDay('2026-12-14')).toBe(true);
    await put('2026-12-14', { kind: 'holiday', name: '测试' });
    expect(otherCalendar.isWorkingDay('2026-12-14')).toBe(true);
    expect(await other.refreshIfChanged()).toBe(true);
    expect(otherCalendar.isWorkingDay('2026-12-14')).toBe(false);
    expect(await other.refreshIfChanged()).toBe(false);
    // And an edit made by the other process reaches this one on its next read.
    await other.set(systemActor('test'), '2026-12-14', null, null);
    expect(t.runtime.services.calendar.calendar.isWorkingDay('2026-12-14')).toBe(false);
    await t.api('GET', '/api/calendar?year=2026', { token: op });
    expect(t.runtime.services.calendar.calendar.isWorkingDay('2026-12-14')).toBe(true);
  });

  it('seeds again only a calendar that was never edited', async () => {
    const db = t.runtime.database.db;
    const fresh = () => new CalendarService(db, t.clock, t.runtime.services.audit, new WorkingCalendar({}));
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('calendar_day')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    await t.runtime.services.calendar.set(systemActor('test'), '2026-12-21', null, null); // edited at least once
    const before = await count();
    const saved = await db.selectFrom('calendar_day').selectAll().execute();
    await db.deleteFrom('calendar_day').execute();
    const edited = fresh();
    await edited.init();
    expect(await count()).toBe(0);
    expect(edited.calendar.isWorkingDay('2026-10-01')).toBe(true);
    await db.deleteFrom('app_setting').where('key', '=', 'calendar_version').execute();
    const never = fresh();
    await never.init();
    expect(never.calendar.isWorkingDay('2026-10-01')).toBe(false);
    // Put the edited state back for the other tests.
    await db.deleteFrom('calendar_day').execute();
    await db.insertInto('calendar_day').values(saved).execute();
    expect(await count()).toBe(before);
    await t.runtime.services.calendar.set(systemActor('test'), '2026-12-21', null, null);
  });

  it('is for administrators only, and refuses dates that do not exist with 422', async () => {
    expect((await put('2026-12-07', { kind: 'holiday' }, op)).status).toBe(403);
    expect((await t.api('PUT', '/api/calendar/2026-12-07', { body: { kind: 'holiday' } })).status).toBe(401);
    expect((await t.api('GET', '/api/calendar?year=2026')).status).toBe(401);
    for (const bad of ['2026-02-30', '2026-13-01', 'tomorrow', '1999-12-31', '2026-1-5']) {
      const r = await put(bad, { kind: 'holiday' });
      expect(r.status, bad).toBe(422);
      expect(r.body.error.fields).toEqual([{ path: 'date', message: expect.stringContaining('YYYY-MM-DD') }]);
    }
    const badKind = await put('2026-12-07', { kind: 'weekend' });
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.fields[0].path).toBe('kind');
    const badYear = await t.api('GET', '/api/calendar?year=20260', { token: op });
    expect(badYear.status).toBe(400);
    expect(badYear.body.error.fields[0].path).toBe('querystring.year');
  });
});
