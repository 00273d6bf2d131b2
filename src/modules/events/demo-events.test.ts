import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, cloneTemplate } from '../../../tests/helpers/harness.js';
import { SEED_TIME, TEST_AUDIT_KEY, TEST_MASTER_KEY } from '../../../tests/helpers/test-env.js';
import type { Database } from '../../db/database.js';
import { WorkingCalendar } from '../../kernel/working-calendar.js';
import { ManualClock } from '../../lib/clock.js';
import { loadConfig } from '../../lib/config.js';
import { PersonalDataCipher } from '../../lib/personal-data.js';
import { type DemoEventsResult, seedDemoEvents } from '../../seed/demo-events.js';
import { AuditService } from '../audit/audit.service.js';
import { officialWorkingCalendar } from '../calendar/official-dataset.js';
import { EVENT_STATUSES } from './event-state-machine.js';

/**
 * The demo city's year of events. The test templates hold the city without events (other tests
 * count their own events), so this file seeds them onto a clone of the demo template, as
 * createRuntime does after seeding the city on a first start.
 */
describe(`demo events (${backend})`, () => {
  let database: Database;
  let result: DemoEventsResult;
  const cipher = new PersonalDataCipher(TEST_MASTER_KEY);
  const now = new Date(SEED_TIME);
  const rows = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(database.db)).rows;
  const count = async (q: ReturnType<typeof sql<{ n: number }>>) => Number((await rows(q))[0]!.n);

  beforeAll(async () => {
    database = await cloneTemplate('demo');
    const clock = new ManualClock(SEED_TIME);
    result = await seedDemoEvents(
      database.db,
      { clock, cipher, audit: new AuditService(clock, TEST_AUDIT_KEY) },
      loadConfig({}).demoSeed,
    );
  }, 180_000);
  afterAll(() => database?.close());

  it('has events in every category and every status, from every channel, over the past year and no later than now', async () => {
    expect(result.events).toBeGreaterThan(10_000);
    const categories = await rows(
      sql<{
        code: string;
        n: number;
      }>`select c.code, count(e.id)::int as n from event_category c left join event e on e.category_code = c.code where c.parent_code is not null group by c.code`,
    );
    expect(categories.length).toBeGreaterThan(20);
    expect(categories.filter((c) => c.n === 0)).toEqual([]);
    const statuses = (await rows(sql<{ status: string }>`select distinct status from event`))
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual([...EVENT_STATUSES].sort());
    const channels = (await rows(sql<{ channel: string }>`select distinct channel from event`))
      .map((r) => r.channel)
      .sort();
    expect(channels).toEqual(['api', 'desk', 'grid', 'hotline', 'public']);
    const span = (
      await rows(
        sql<{
          first: Date;
          last: Date;
          latest: Date;
        }>`select min(created_at) as first, max(created_at) as last, (select max(at) from event_transition) as latest from event`,
      )
    )[0]!;
    expect(now.getTime() - new Date(span.first).getTime()).toBeGreaterThan(350 * 86_400_000);
    expect(new Date(span.last).getTime()).toBeLessThanOrEqual(now.getTime());
    expect(new Date(span.latest).getTime()).toBeLessThanOrEqual(now.getTime());
    // Desk, grid and API reports come in office hours on working days.
    const cal = officialWorkingCalendar();
    const office = await rows(
      sql<{
        created_at: Date;
      }>`select created_at from event where channel in ('desk', 'grid', 'api') order by number limit 2000`,
    );
    for (const r of office) {
      const { date, minute } = WorkingCalendar.local(new Date(r.created_at));
      expect(cal.isWorkingDay(date)).toBe(true);
      expect((minute >= 540 && minute < 720) || (minute >= 810 && minute < 1050)).toBe(true);
    }
  });

  it('writes a timeline per event that follows the state machine and ends in its status', async () => {
    expect(
      await count(
        sql`select count(*)::int as n from event e where not exists (select 1 from event_transition t where t.event_id = e.id)`,
      ),
    ).toBe(0);
    // The last row is the status; the first is the report; each row starts where the previous one ended; time never runs back.
    expect(
      await count(
        sql`select count(*)::int as n from event e cross join lateral (select to_status from event_transition t where t.event_id = e.id order by t.id desc limit 1) l where l.to_status <> e.status`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from event e cross join lateral (select action, from_status from event_transition t where t.event_id = e.id order by t.id limit 1) f where f.action <> 'report' or f.from_status is not null`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from (select from_status, at, lag(to_status) over w as prev, lag(at) over w as prev_at from event_transition window w as (partition by event_id order by id)) x where x.prev is not null and (x.from_status is distinct from x.prev or x.at < x.prev_at)`,
      ),
    ).toBe(0);
    const actions = (await rows(sql<{ action: string }>`select distinct action from event_transition`)).map(
      (r) => r.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'report',
        'accept',
        'reject',
        'dispatch',
        'start',
        'return',
        'reassign',
        'feedback',
        'verify',
        'rework',
        'close',
        'rate',
        'reopen',
        'suspend',
        'resume',
        'warn',
        'overdue',
        'escalate',
        'stage_overdue',
      ]),
    );
    // Public notes on every step a resident may see; the sweeper's own notes stay internal except the red flag.
    expect(
      await count(
        sql`select count(*)::int as n from event_transition where public_note is null and action not in ('warn', 'escalate', 'stage_overdue')`,
      ),
    ).toBe(0);
    // Reasons where the state machine asks for one.
    expect(
      await count(
        sql`select count(*)::int as n from event_transition where action in ('reject', 'return', 'reassign', 'rework', 'suspend') and coalesce(length(note), 0) < 2`,
      ),
    ).toBe(0);
    // Closed and rated events have a closing time; suspended ones know where they came from; ratings and one reopening.
    expect(
      await count(sql`select count(*)::int as n from event where status in ('closed', 'rated') and closed_at is null`),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from event where (status = 'suspended') <> (suspended_from is not null)`,
      ),
    ).toBe(0);
    expect(
      await count(sql`select count(*)::int as n from event where (status = 'rated') <> (rating is not null)`),
    ).toBe(0);
    expect(await count(sql`select count(*)::int as n from event where reopen_count = 1`)).toBeGreaterThan(0);
    expect(
      (await rows(sql<{ rating: string }>`select distinct rating from event where rating is not null`))
        .map((r) => r.rating)
        .sort(),
    ).toEqual(['basically_satisfied', 'satisfied', 'unsatisfied']);
  });

  it('sets deadlines from the working-day calendar and flags overdue events as the sweeper would', async () => {
    expect(await count(sql`select count(*)::int as n from event where warn_at > due_at or due_at <= created_at`)).toBe(
      0,
    );
    const running = `('reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified')`;
    expect(
      await count(
        sql`select count(*)::int as n from event where status in ${sql.raw(running)} and due_at <= ${now} and (overdue_at is null or supervised_at is null or escalation_level not between 1 and 2)`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from event where status in ${sql.raw(running)} and warn_at <= ${now} and warned_at is null`,
      ),
    ).toBe(0);
    expect(await count(sql`select count(*)::int as n from event where overdue_at > ${now} or warned_at > ${now}`)).toBe(
      0,
    );
    const levels = (
      await rows(
        sql<{
          escalation_level: number;
        }>`select distinct escalation_level from event where status in ${sql.raw(running)} and overdue_at is not null`,
      )
    )
      .map((r) => r.escalation_level)
      .sort();
    expect(levels).toEqual([1, 2]);
    // Each flag has its timeline row; the city's supervision comes with its own.
    expect(
      await count(
        sql`select count(*)::int as n from event e where overdue_at is not null and not exists (select 1 from event_transition t where t.event_id = e.id and t.action = 'overdue')`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from event e where (escalation_level = 2) <> exists (select 1 from event_transition t where t.event_id = e.id and t.action = 'escalate')`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from event where status in ${sql.raw(running)} and escalation_level = 1 and escalate_at is null`,
      ),
    ).toBe(0);
    // The deadline of a sample of events is what the calendar gives for the category's working days.
    const cal = officialWorkingCalendar();
    const sample = await rows(
      sql<{
        created_at: Date;
        due_at: Date;
        limit_working_days: number;
      }>`select e.created_at, e.due_at, c.limit_working_days from event e join event_category c on c.code = e.category_code order by e.number limit 300`,
    );
    for (const s of sample)
      expect(new Date(s.due_at).toISOString()).toBe(
        cal.addWorkingDays(new Date(s.created_at), s.limit_working_days).toISOString(),
      );
  });

  it('runs disputes through the mediation levels of the default policy: resolved at each level, exhausted and open', async () => {
    const policy = (
      await rows(sql<{ levels: unknown }>`select levels from mediation_policy where area_prefix = ''`)
    )[0]!;
    const policyLevels = (typeof policy.levels === 'string' ? JSON.parse(policy.levels) : policy.levels) as Array<{
      key: string;
    }>;
    expect(await count(sql`select count(*)::int as n from event where is_dispute <> (category_code like '01%')`)).toBe(
      0,
    );
    expect(
      await count(
        sql`select count(*)::int as n from mediation_case m join event e on e.id = m.event_id where not e.is_dispute`,
      ),
    ).toBe(0);
    const byOutcome = await rows(
      sql<{
        status: string;
        level_key: string;
        n: number;
      }>`select status, level_key, count(*)::int as n from mediation_case group by 1, 2`,
    );
    for (const l of policyLevels)
      expect(byOutcome.some((r) => r.status === 'resolved' && r.level_key === l.key)).toBe(true);
    expect(byOutcome.some((r) => r.status === 'exhausted')).toBe(true);
    expect(byOutcome.some((r) => r.status === 'open')).toBe(true);
    expect(
      await count(
        sql`select count(*)::int as n from mediation_case where status = 'resolved' and (outcome is null or resolved_level_key is distinct from level_key or closed_at is null)`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from mediation_case where status = 'exhausted' and (outcome is null or level_index <> ${policyLevels.length - 1})`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from mediation_case where levels::jsonb <> ${JSON.stringify(policyLevels)}::jsonb`,
      ),
    ).toBe(0);
    // One step per level reached; only an open case has an unfinished step, its last.
    expect(
      await count(
        sql`select count(*)::int as n from mediation_case m where (select count(*) from mediation_step s where s.event_id = m.event_id) <> m.level_index + 1`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from mediation_step s join mediation_case m on m.event_id = s.event_id where (s.ended_at is null) <> (m.status = 'open' and s.level_index = m.level_index)`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from mediation_case m join event e on e.id = m.event_id where m.status = 'open' and e.status in ('rejected', 'closed', 'rated')`,
      ),
    ).toBe(0);
    // Every finished level is on the event's timeline, as the mediation service logs it.
    const finished = await count(sql`select count(*)::int as n from mediation_step where ended_at is not null`);
    expect(
      await count(
        sql`select count(*)::int as n from event_transition where action in ('mediation_resolve', 'mediation_escalate', 'mediation_exhausted')`,
      ),
    ).toBe(finished);
    expect(
      await count(
        sql`select count(*)::int as n from mediation_case m where m.status = 'exhausted' and not exists (select 1 from event_transition t where t.event_id = m.event_id and t.action = 'mediation_exhausted')`,
      ),
    ).toBe(0);
    // Levels with a unit kind name the township's unit of that kind.
    expect(
      await count(
        sql`select count(*)::int as n from mediation_step s join unit u on u.id = s.unit_id where s.level_key = 'justice_office' and u.kind <> 'justice_office'`,
      ),
    ).toBe(0);
  });

  it('has joint cases with the police station, court and law firm, open tasks only on open events', async () => {
    const kinds = (
      await rows(sql<{ kind: string }>`select distinct u.kind from event_co_handler c join unit u on u.id = c.unit_id`)
    )
      .map((r) => r.kind)
      .sort();
    expect(kinds).toEqual(['court', 'law_firm', 'police']);
    expect(
      (await rows(sql<{ status: string }>`select distinct status from event_co_handler`)).map((r) => r.status).sort(),
    ).toEqual(['done', 'open']);
    expect(
      await count(
        sql`select count(*)::int as n from event_co_handler c join event e on e.id = c.event_id where c.status = 'open' and e.status in ('rejected', 'closed', 'rated')`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from event_co_handler c join event e on e.id = c.event_id where c.unit_id = e.lead_unit_id`,
      ),
    ).toBe(0);
  });

  it('flags duplicates and merges them into the earlier event', async () => {
    expect(
      await count(sql`select count(*)::int as n from event where possible_duplicate_of is not null`),
    ).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int as n from event where merged_into is not null`)).toBeGreaterThan(0);
    expect(
      await count(
        sql`select count(*)::int as n from event d join event o on o.id = d.possible_duplicate_of where o.created_at > d.created_at or o.category_code <> d.category_code or o.grid_code <> d.grid_code`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from event where merged_into is not null and (status <> 'rejected' or merged_into is distinct from possible_duplicate_of)`,
      ),
    ).toBe(0);
  });

  it('numbers events SJ-<county>-<day>-<n> uniquely with counters at or above the highest number', async () => {
    expect(
      await count(
        sql`select count(*)::int as n from event where number !~ '^SJ-[0-9]{6}-[0-9]{8}-[0-9]{6}$' or substr(number, 4, 6) <> county_code or substr(number, 11, 8) <> to_char(created_at at time zone 'Asia/Shanghai', 'YYYYMMDD')`,
      ),
    ).toBe(0);
    expect(
      await count(sql`select count(*)::int as n from (select number from event group by number having count(*) > 1) d`),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from (select tracking_code from event group by tracking_code having count(*) > 1) d`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from (select county_code, substr(number, 11, 8) as day, max(substr(number, 20)::int) as top from event group by 1, 2) e left join event_number_counter c on c.county_code = e.county_code and c.day = e.day where c.last is null or c.last < e.top`,
      ),
    ).toBe(0);
  });

  it('keeps references whole, routes to township units and encrypts reporters', async () => {
    // The seed skips the per-row foreign-key triggers where it may, so check the references here.
    expect(
      await count(
        sql`select count(*)::int as n from event_transition t where not exists (select 1 from event e where e.id = t.event_id)`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from event e where not exists (select 1 from area a where a.code = e.grid_code and a.level = 'grid')`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from event e where (lead_unit_id is not null and not exists (select 1 from unit u where u.id = e.lead_unit_id)) or (possible_duplicate_of is not null and not exists (select 1 from event o where o.id = e.possible_duplicate_of))`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from mediation_step s where not exists (select 1 from mediation_case m where m.event_id = s.event_id)`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from event_co_handler c where not exists (select 1 from unit u where u.id = c.unit_id)`,
      ),
    ).toBe(0);
    // The receiving unit is the grid's township centre.
    expect(
      await count(
        sql`select count(*)::int as n from event e join unit u on u.id = e.receiving_unit_id where u.kind <> 'centre' or u.area_code <> substr(e.grid_code, 1, 9)`,
      ),
    ).toBe(0);
    const leads = (
      await rows(sql<{ kind: string }>`select distinct u.kind from event e join unit u on u.id = e.lead_unit_id`)
    ).map((r) => r.kind);
    expect(leads).toEqual(expect.arrayContaining(['justice_office', 'police', 'department', 'centre']));
    const reporters = await rows(
      sql<{
        reporter_name_enc: string;
        reporter_phone_enc: string;
        reporter_phone_hash: string;
      }>`select reporter_name_enc, reporter_phone_enc, reporter_phone_hash from event where reporter_phone_enc is not null limit 20`,
    );
    for (const r of reporters) {
      expect(cipher.decrypt(r.reporter_name_enc)).toMatch(/^[\u4e00-\u9fa5]{2,3}$/);
      const phone = cipher.decrypt(r.reporter_phone_enc);
      expect(phone).toMatch(/^1990000\d{4}$/);
      expect(r.reporter_phone_hash).toBe(cipher.lookupHash('phone', phone));
    }
    const audit = await count(sql`select count(*)::int as n from audit_log where action = 'demo.seed_events'`);
    expect(audit).toBe(6);
  });
});
