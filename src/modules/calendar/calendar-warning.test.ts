import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';
import { OfficialCalendar } from '../../kernel/official-calendar.js';
import { WorkingCalendar } from '../../kernel/working-calendar.js';
import { CalendarService } from './calendar.service.js';
import { shippedOfficialCalendar } from './official-dataset.js';

// A dataset without 2027 (chinese-days 1.5.7 as released, and any later release cut back to it).
const upTo2026 = shippedOfficialCalendar().upTo(2026);

describe(`next year's calendar: the warning from 1 November, and 元旦 2027 in deadlines (${backend})`, () => {
  let t: TestApp;
  let admin: string;
  let op: string;
  let grid: { lng: number; lat: number };
  beforeAll(async () => {
    // One minute before 1 November in Shanghai.
    t = await startTestApp({ now: '2026-10-31T15:59:00Z', officialCalendar: upTo2026 });
    admin = await t.login('demo-city');
    op = await t.login('demo-ganzhou');
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
  afterAll(() => t.close());

  const health = async () => (await t.api('GET', '/api/health')).body.detail.calendar;
  const report = async () => {
    const r = await t.api('POST', '/api/events', {
      token: op,
      body: { categoryCode: '0102', description: '邻居装修噪音扰民,多次协商未果', location: grid },
    });
    expect(r.status).toBe(201);
    return r.body.dueAt as string;
  };

  it('reports the years covered in the health detail, quiet until 31 October ends in Shanghai', async () => {
    const r = await t.api('GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ok');
    expect(r.body.detail.calendar).toEqual({
      today: '2026-10-31',
      dataset: shippedOfficialCalendar().source,
      official: { first: 2004, last: 2026 },
      overrideYears: [],
      currentYear: 2026,
      nextYear: 2027,
      currentYearMissing: false,
      nextYearMissing: true,
      warnFrom: '2026-11-01',
      warning: null,
    });
  });

  it('warns from 1 November, in the health detail and to signed-in users', async () => {
    t.clock.set('2026-10-31T16:00:00Z');
    expect(await health()).toMatchObject({ today: '2026-11-01', nextYearMissing: true, warning: 'next-year-missing' });
    const s = await t.api('GET', '/api/calendar/status', { token: admin });
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ nextYear: 2027, nextYearMissing: true, warning: 'next-year-missing' });
    expect((await t.api('GET', '/api/calendar/status')).status).toBe(401);
  });

  it('counts 元旦 2027 as a working day while 2027 is missing, and skips it once an administrator enters it', async () => {
    // Thursday 31 Dec 2026, 10:00 Shanghai; 7 working days.
    t.clock.set('2026-12-31T02:00:00Z');
    // Sessions do not last two months: sign in again at the new time.
    admin = await t.login('demo-city');
    op = await t.login('demo-ganzhou');
    expect((await health()).warning).toBe('next-year-missing');
    expect(await report()).toBe('2027-01-11T09:30:00.000Z'); // Friday 1 Jan counted
    expect((await t.api('GET', '/api/calendar?year=2027', { token: op })).body).toMatchObject({
      official: false,
      days: [],
    });

    const put = await t.api('PUT', '/api/calendar/2027-01-01', {
      token: admin,
      body: { kind: 'holiday', name: '元旦' },
    });
    expect(put.body.workingDay).toBe(false);
    expect(await health()).toMatchObject({ overrideYears: [2027], nextYearMissing: false, warning: null });
    expect(await report()).toBe('2027-01-12T09:30:00.000Z'); // 1 Jan skipped
    expect((await t.api('GET', '/api/calendar/status', { token: op })).body.warning).toBeNull();

    await t.api('PUT', '/api/calendar/2027-01-01', { token: admin, body: { kind: null } });
    expect((await health()).warning).toBe('next-year-missing');
  });

  it('needs no override when the dataset holds 元旦 2027, and warns again from 1 November 2027 for 2028', async () => {
    const release = new OfficialCalendar(
      [...upTo2026.days(), { date: '2027-01-01', kind: 'holiday', holiday: '元旦', holidayEn: "New Year's Day" }],
      'a release with 2027',
    );
    const calendar = new WorkingCalendar();
    const service = new CalendarService(t.runtime.database.db, t.clock, t.runtime.services.audit, calendar, release);
    await service.init();
    expect(await service.status()).toMatchObject({ official: { first: 2004, last: 2027 }, warning: null });
    expect(calendar.addWorkingDays(t.clock.now(), 7).toISOString()).toBe('2027-01-12T09:30:00.000Z');
    t.clock.set('2027-10-31T15:59:00Z');
    expect((await service.status()).warning).toBeNull();
    t.clock.set('2027-11-02T02:00:00Z');
    expect(await service.status()).toMatchObject({
      nextYear: 2028,
      nextYearMissing: true,
      warning: 'next-year-missing',
    });
  });
});
