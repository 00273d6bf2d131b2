import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';
import { seedDemoEvents } from '../../seed/demo-events.js';
import { STAGE_OF_STATUS } from './stats-measures.js';
import { naiveFigures } from './stats-naive.repository.js';

/**
 * The dashboard's figures for one township, recounted from the raw rows (event, event_transition,
 * mediation_case) by plain SQL, must match exactly: on the demo year of events, and again after new
 * events, transitions, a deadline sweep and a roll-up run.
 */
describe(`command dashboard (${backend})`, () => {
  let t: TestApp;
  let city: string;
  let township: string;
  const db = () => t.runtime.database.db;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-27T03:00:00Z' });
    await seedDemoEvents(
      db(),
      {
        clock: t.clock,
        cipher: t.runtime.cipher,
        audit: t.runtime.services.audit,
        calendar: t.runtime.services.calendar.calendar,
      },
      t.config.demoSeed,
      { events: 3000 },
    );
    await t.runtime.rollup();
    city = await t.login('demo-city');
    // The township of Ganzhou district with the most events.
    const r = await sql<{
      code: string;
    }>`select substr(grid_code, 1, 9) as code from event where grid_code like '620702%' group by 1 order by count(*) desc, 1 limit 1`.execute(
      db(),
    );
    township = r.rows[0]!.code;
  }, 240_000);
  afterAll(() => t?.close());

  const dashboard = async (code: string, query = 'period=year&trendDays=90') => {
    const r = await t.api('GET', `/api/dashboard/${code}?${query}`, { token: city });
    expect(r.status).toBe(200);
    return r.body;
  };

  /** Every figure on the screen against the recount. */
  const expectMatchesRecount = async (code: string, period: 'month' | 'year') => {
    const d = await dashboard(code, `period=${period}&trendDays=90`);
    const n = await naiveFigures(db(), code, t.clock.now(), { period, trendDays: 90 });
    expect(d.received).toEqual(n.received);
    expect(d.totals).toEqual(n.totals);
    expect(d.rates.onTime).toMatchObject({ numerator: n.totals.closedOnTime, denominator: n.totals.closed });
    expect(d.rates.response).toMatchObject({ numerator: n.totals.responded, denominator: n.totals.accepted });
    expect(d.rates.satisfaction.numerator).toBe(n.totals.ratedSatisfied + n.totals.ratedBasic);

    const stages: Record<string, { n: number; overdue: number }> = {};
    for (const [status, v] of Object.entries(n.openByStatus)) {
      const stage = STAGE_OF_STATUS[status]!;
      stages[stage] ??= { n: 0, overdue: 0 };
      const s = stages[stage];
      s.n += v.n;
      s.overdue += v.overdue;
    }
    for (const s of d.open.byStage)
      expect({ stage: s.stage, n: s.n, overdue: s.overdue }).toEqual({
        stage: s.stage,
        ...(stages[s.stage] ?? { n: 0, overdue: 0 }),
      });
    expect(d.open.total).toBe(Object.values(n.openByStatus).reduce((a, v) => a + v.n, 0));
    expect(d.open.overdue).toBe(Object.values(n.openByStatus).reduce((a, v) => a + v.overdue, 0));

    const resolved = Object.fromEntries(
      d.funnel.levels
        .filter((l: { resolved: number }) => l.resolved > 0)
        .map((l: { key: string; resolved: number }) => [l.key, l.resolved]),
    );
    const { exhausted = 0, ...byLevel } = n.mediation;
    expect(resolved).toEqual(byLevel);
    expect(d.funnel.exhausted).toBe(exhausted);

    const cats = await t.api(
      'GET',
      `/api/dashboard/${code}/categories?from=${d.period.current.from}&to=${d.period.current.to}`,
      { token: city },
    );
    expect(
      Object.fromEntries(
        cats.body
          .filter((c: { received: number }) => c.received > 0)
          .map((c: { categoryCode: string; received: number }) => [c.categoryCode, c.received]),
      ),
    ).toEqual(n.categories);
    for (const c of d.topCategories) expect(c.current).toBe(n.categories[c.code]);

    for (const p of d.trend.daily)
      expect({ day: p.day, received: p.received, closed: p.closed, overdue: p.overdue }).toEqual({
        day: p.day,
        ...(n.daily[p.day] ?? { received: 0, closed: 0, overdue: 0 }),
      });
    // The 12-month trend (stats_month) against the recount's days summed per month.
    const yearDays =
      Math.round(
        (Date.parse(`${d.today}T00:00:00Z`) - Date.parse(`${d.trend.monthly[0].month}-01T00:00:00Z`)) / 86_400_000,
      ) + 1;
    const y = await naiveFigures(db(), code, t.clock.now(), { period, trendDays: yearDays, children: false });
    const byMonth: Record<string, { received: number; closed: number; overdue: number }> = {};
    for (const [day, v] of Object.entries(y.daily)) {
      const month = day.slice(0, 7);
      byMonth[month] ??= { received: 0, closed: 0, overdue: 0 };
      const m = byMonth[month];
      m.received += v.received;
      m.closed += v.closed;
      m.overdue += v.overdue;
    }
    expect(d.trend.monthly.reduce((a: number, m: { received: number }) => a + m.received, 0)).toBeGreaterThan(0);
    for (const m of d.trend.monthly)
      expect({ month: m.month, received: m.received, closed: m.closed, overdue: m.overdue }).toEqual({
        month: m.month,
        ...(byMonth[m.month] ?? { received: 0, closed: 0, overdue: 0 }),
      });
    expect(d.children.length).toBe(Object.keys(n.children).length);
    for (const c of d.children)
      expect({ code: c.code, received: c.received, open: c.open, overdue: c.overdue }).toEqual({
        code: c.code,
        ...n.children[c.code],
      });
    // Disputes per child (category 01 received in the period), counted from the events.
    const disputes = await sql<{ code: string; n: number }>`
      select a.code, (select count(*) from event e where e.grid_code like a.code || '%' and e.category_code like '01%'
        and ((e.created_at at time zone 'UTC') + interval '8 hours')::date >= ${d.period.current.from}::date
        and ((e.created_at at time zone 'UTC') + interval '8 hours')::date < ${d.period.current.to}::date)::int as n
      from area a where a.parent_code = ${code} and a.status = 'active'`.execute(db());
    for (const c of d.children)
      expect({ code: c.code, disputes: c.disputes }).toEqual({
        code: c.code,
        disputes: disputes.rows.find((r) => r.code === c.code)?.n,
      });
    expect({ specialTotal: d.visits.specialTotal, overdue: d.visits.overdue }).toEqual(n.visits);
    return d;
  };

  it('matches a recount from the raw rows for a township, for the year and the month', async () => {
    const d = await expectMatchesRecount(township, 'year');
    // The demo year is rich enough that a mismatch could not hide behind zeros.
    expect(d.totals.received).toBeGreaterThan(50);
    expect(d.totals.closed).toBeGreaterThan(20);
    expect(d.totals.accepted).toBeGreaterThan(20);
    expect(d.open.total).toBeGreaterThan(0);
    expect(d.funnel.finished).toBeGreaterThan(0);
    expect(d.children.length).toBeGreaterThan(1);
    expect(d.path.map((p: { level: string }) => p.level)).toEqual(['city', 'county', 'township']);
    await expectMatchesRecount(township, 'month');
    await expectMatchesRecount('620700', 'year');
  });

  it('still matches after new events, transitions, a sweep and a roll-up run; a second run and a rebuild change nothing', async () => {
    const op = await t.login('demo-ganzhou');
    // Three grids of the township, one report at each centre (inside it, and apart by more than the duplicate radius).
    const grids = await db()
      .selectFrom('area')
      .select(['code', 'center_lng', 'center_lat'])
      .where('code', 'like', `${township}%`)
      .where('level', '=', 'grid')
      .orderBy('code')
      .limit(3)
      .execute();
    const before = await dashboard(township);
    const made: string[] = [];
    for (const [i, categoryCode] of ['0102', '0403', '0301'].entries()) {
      const r = await t.api('POST', '/api/events', {
        token: op,
        body: {
          categoryCode,
          description: `仪表盘测试事件${i}:楼道堆放杂物影响通行`,
          location: { lng: grids[i]!.center_lng!, lat: grids[i]!.center_lat! },
        },
      });
      expect(r.status).toBe(201);
      made.push(r.body.id);
    }
    expect(
      (await t.api('POST', `/api/events/${made[0]}/transitions`, { token: op, body: { action: 'accept' } })).status,
    ).toBe(200);
    expect(
      (
        await t.api('POST', `/api/events/${made[1]}/transitions`, {
          token: op,
          body: { action: 'reject', note: '不属于受理范围' },
        })
      ).status,
    ).toBe(200);
    // Not counted until the job has run: the dashboard shows its lag instead.
    expect((await dashboard(township)).received.today).toBe(before.received.today);
    // Two days later the sweeper flags what ran out of time (stage limits, deadlines, mediation levels).
    t.clock.advance(2 * 86_400_000);
    const swept = await t.runtime.sweep();
    expect(swept.overdue + swept.stageOverdue).toBeGreaterThan(0);
    // Sessions went idle over those two days.
    city = await t.login('demo-city');
    expect(
      (
        await t.api('POST', `/api/events/${made[0]}/transitions`, {
          token: await t.login('demo-ganzhou'),
          body: { action: 'dispatch' },
        })
      ).status,
    ).toBe(200);
    // Two processes at once: one holds the lock, the other leaves the work to it.
    await Promise.all([t.runtime.rollup(), t.runtime.rollup()]);
    const after = await expectMatchesRecount(township, 'year');
    expect(after.totals.received).toBe(before.totals.received + 3);
    await expectMatchesRecount(township, 'month');
    await expectMatchesRecount('620700', 'year');

    await t.runtime.rollup();
    const again = await dashboard(township);
    const strip = (x: Record<string, unknown>) => ({ ...x, lag: null, now: null });
    expect(strip(again)).toEqual(strip(after));
    await t.runtime.rollup({ rebuild: true });
    expect(strip(await dashboard(township))).toEqual(strip(after));
  });

  it('answers only inside the caller scope, per child area for the map, and exports the same numbers to .xlsx', async () => {
    const gaotai = await t.login('demo-gaotai');
    expect((await t.api('GET', `/api/dashboard/${township}`, { token: gaotai })).status).toBe(404);
    expect((await t.api('GET', '/api/dashboard/620724', { token: gaotai })).status).toBe(200);
    expect((await t.api('GET', `/api/dashboard/${township}`)).status).toBe(401);
    expect((await t.api('GET', `/api/dashboard/${township}/areas?measure=open`, { token: gaotai })).status).toBe(404);

    const grids = await t.api('GET', `/api/dashboard/${township}/areas?measure=open&level=grid`, { token: city });
    expect(grids.status).toBe(200);
    const open = await sql<{ grid_code: string; n: number }>`
      select grid_code, count(*)::int as n from event where grid_code like ${`${township}%`} and status in ('reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified', 'suspended') group by 1`.execute(
      db(),
    );
    const want = Object.fromEntries(open.rows.map((r) => [r.grid_code, r.n]));
    for (const g of grids.body) expect([g.code, g.value]).toEqual([g.code, want[g.code] ?? 0]);
    expect(grids.body.length).toBeGreaterThan(Object.keys(want).length - 1);

    const d = await dashboard(township);
    const x = await t.runtime.app.inject({
      method: 'GET',
      url: `/api/dashboard/${township}/export.xlsx?table=children&period=year&trendDays=90`,
      headers: { authorization: `Bearer ${city}` },
    });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().slice(4).filter(Boolean) as unknown[][];
    expect(rows.map((r) => [r[1], r[4], r[6], r[7]])).toEqual(
      d.children.map((c: { code: string; received: number; open: number; overdue: number }) => [
        c.code,
        c.received,
        c.open,
        c.overdue,
      ]),
    );
  });
});
