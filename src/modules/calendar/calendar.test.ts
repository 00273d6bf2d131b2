import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';
import { NOTICES_2025_2026 } from '../../../tests/helpers/official-notices.js';
import { WorkingCalendar } from '../../kernel/working-calendar.js';
import { systemActor } from '../../lib/context.js';
import { CalendarService } from './calendar.service.js';
import { shippedOfficialCalendar } from './official-dataset.js';

// The dataset as released up to 2026, whatever newer release is installed: the expectations below stay fixed.
const official = shippedOfficialCalendar().upTo(2026);

describe(`working-day calendar: the official dataset with administrators' overrides, used by new deadlines (${backend})`, () => {
  let t: TestApp;
  let admin: string;
  let op: string;
  let grid: { lng: number; lat: number };
  beforeAll(async () => {
    // Thursday 26 Nov 2026, 10:00 in Shanghai.
    t = await startTestApp({ now: '2026-11-26T02:00:00Z', officialCalendar: official });
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
  const year = async (y: number) => (await t.api('GET', `/api/calendar?year=${y}`, { token: op })).body;
  const overrides = () => t.runtime.database.db.selectFrom('calendar_day').select(['day', 'kind', 'name']).execute();

  it('shows the official 2026 calendar from the dataset, named in Chinese and English, with no row written', async () => {
    expect(await overrides()).toEqual([]);
    const r = await t.api('GET', '/api/calendar?year=2026', { token: op });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ year: 2026, official: true, workingDays: 248 });
    const fromDataset = (date: string, kind: string, name: string, nameEn: string) => ({
      date,
      kind,
      name,
      nameEn,
      source: 'official',
      official: { kind, name, nameEn },
    });
    expect(r.body.days).toContainEqual(fromDataset('2026-10-01', 'holiday', '国庆节', 'National Day'));
    expect(r.body.days).toContainEqual(fromDataset('2026-02-17', 'holiday', '春节', 'Spring Festival'));
    expect(r.body.days).toContainEqual(fromDataset('2026-09-25', 'holiday', '中秋节', 'Mid-autumn Festival'));
    expect(r.body.days).toContainEqual(
      fromDataset('2026-02-14', 'workday', '春节调休上班', 'Make-up working day (Spring Festival)'),
    );
    expect(r.body.days).toHaveLength(33 + 6);
    expect(r.body.days.every((d: { date: string }) => d.date.startsWith('2026-'))).toBe(true);
    // The loaded calendar is the notices' calendar, day for day.
    const notices = new WorkingCalendar(NOTICES_2025_2026);
    for (let d = '2025-01-01'; d < '2027-01-01'; d = WorkingCalendar.nextDate(d))
      expect(t.runtime.services.calendar.calendar.isWorkingDay(d), d).toBe(notices.isWorkingDay(d));
    expect((await year(2025)).workingDays).toBe(248);
    expect((await year(2015)).days).toContainEqual(expect.objectContaining({ date: '2015-09-03', kind: 'holiday' }));
    const empty = await year(2030);
    expect(empty).toEqual({
      year: 2030,
      official: false,
      days: [],
      workingDays: new WorkingCalendar().workingDaysInYear(2030),
    });
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
    expect(year.days).toContainEqual({
      date: '2026-12-07',
      kind: 'holiday',
      name: '临时休假',
      nameEn: '临时休假',
      source: 'override',
      official: null,
    });

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
    const other = new CalendarService(
      t.runtime.database.db,
      t.clock,
      t.runtime.services.audit,
      otherCalendar,
      official,
    );
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

  it('lays an override over an official day, and falls back to the dataset when it is removed', async () => {
    // Cancel the make-up Saturday after National Day.
    const r = await put('2026-10-10', { kind: 'holiday', name: '取消调休' });
    expect(r.body).toEqual({ date: '2026-10-10', kind: 'holiday', name: '取消调休', workingDay: false });
    let y = await year(2026);
    expect(y.workingDays).toBe(247);
    expect(y.days).toContainEqual({
      date: '2026-10-10',
      kind: 'holiday',
      name: '取消调休',
      nameEn: '取消调休',
      source: 'override',
      official: { kind: 'workday', name: '国庆节调休上班', nameEn: 'Make-up working day (National Day)' },
    });
    // A local extra holiday on an ordinary day has nothing official beneath it.
    await put('2026-12-30', { kind: 'holiday', name: '地方休假' });
    expect((await year(2026)).days).toContainEqual(
      expect.objectContaining({ date: '2026-12-30', source: 'override', official: null }),
    );
    for (const d of ['2026-10-10', '2026-12-30']) await put(d, { kind: null });
    y = await year(2026);
    expect(y.workingDays).toBe(248);
    expect(y.days).toContainEqual(expect.objectContaining({ date: '2026-10-10', kind: 'workday', source: 'official' }));
    expect(y.days.some((d: { date: string }) => d.date === '2026-12-30')).toBe(false);
    expect(t.runtime.services.calendar.calendar.isWorkingDay('2026-10-10')).toBe(true);
  });

  it("migration 0028 drops the rows the old first start seeded and keeps administrators' edits", async () => {
    const db = t.runtime.database.db;
    const city = await db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'demo-city')
      .executeTakeFirstOrThrow();
    const at = t.clock.now();
    await db
      .insertInto('calendar_day')
      .values([
        { day: '2026-10-01', kind: 'holiday', name: '国庆节', updated_by: null, updated_at: at },
        { day: '2026-02-14', kind: 'workday', name: '调休上班', updated_by: null, updated_at: at },
        { day: '2026-10-02', kind: 'workday', name: '值班', updated_by: city.id, updated_at: at },
      ])
      .execute();
    const migration = readFileSync(
      new URL('../../db/migrations/0028_calendar_overrides_only.sql', import.meta.url),
      'utf8',
    );
    await sql.raw(migration).execute(db);
    expect(await overrides()).toEqual([{ day: '2026-10-02', kind: 'workday', name: '值班' }]);
    await db.deleteFrom('calendar_day').execute();
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
