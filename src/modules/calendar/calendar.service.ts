import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { MAKE_UP_DAY_NAME, OFFICIAL_CALENDAR, officialDayName, WorkingCalendar } from '../../kernel/working-calendar.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../../lib/context.js';
import { AppError } from '../../lib/errors.js';

/** app_setting key of a counter bumped by every calendar edit; each process reloads when it sees a newer one. */
export const CALENDAR_VERSION_KEY = 'calendar_version';

export type CalendarDayKind = 'holiday' | 'workday';
export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  name: string | null;
}

/** A real calendar date in 2000–2100, as 'YYYY-MM-DD'. */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const y = Number(s.slice(0, 4));
  if (y < 2000 || y > 2100) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const badDate = () => new AppError('unprocessable', 'unprocessable', [{ path: 'date', key: 'calendar_date_invalid' }]);

/**
 * The editable working-day calendar. The rows of calendar_day (official holidays and make-up
 * working days, seeded from OFFICIAL_CALENDAR on first start) are loaded into the one
 * WorkingCalendar that every service computes deadlines with. An edit bumps a version in
 * app_setting; every process reloads when it sees a newer version (on each read or edit here,
 * and whenever the sweeper calls refreshIfChanged). Existing events keep their stored deadlines.
 */
export class CalendarService {
  private loadedVersion: number | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    readonly calendar: WorkingCalendar,
  ) {}

  /**
   * At start: seed the official calendar into a table that is empty and was never edited (an
   * administrator who removed every override keeps it that way), then load it. Safe with several
   * processes starting at once.
   */
  async init(): Promise<void> {
    const any = await this.db.selectFrom('calendar_day').select('day').limit(1).executeTakeFirst();
    if (!any && (await this.currentVersion()) === 0) {
      const now = this.clock.now();
      const rows = Object.values(OFFICIAL_CALENDAR).flatMap((y) => [
        ...y.holidays.map((day) => ({ day, kind: 'holiday' as const, name: officialDayName(day), updated_by: null, updated_at: now })),
        ...y.makeUpWorkdays.map((day) => ({ day, kind: 'workday' as const, name: MAKE_UP_DAY_NAME, updated_by: null, updated_at: now })),
      ]);
      await this.db.insertInto('calendar_day').values(rows).onConflict((oc) => oc.column('day').doNothing()).execute();
    }
    await this.load();
  }

  /** Reads the version, then the rows (so the rows are never older than the version noted). */
  async load(): Promise<void> {
    const version = await this.currentVersion();
    const rows = await this.db.selectFrom('calendar_day').select(['day', 'kind']).execute();
    this.calendar.replaceDays(
      rows.filter((r) => r.kind === 'holiday').map((r) => r.day),
      rows.filter((r) => r.kind === 'workday').map((r) => r.day),
    );
    this.loadedVersion = version;
  }

  /** One indexed read; reloads only when another process (or this one) has edited the calendar since the last load. */
  async refreshIfChanged(): Promise<boolean> {
    const version = await this.currentVersion();
    if (this.loadedVersion !== null && version === this.loadedVersion) return false;
    await this.load();
    return true;
  }

  private async currentVersion(): Promise<number> {
    const row = await this.db.selectFrom('app_setting').select('value').where('key', '=', CALENDAR_VERSION_KEY).executeTakeFirst();
    return row ? Number(row.value) : 0;
  }

  /** The overrides of one year and its number of working days. */
  async year(year: number): Promise<{ year: number; days: CalendarDay[]; workingDays: number }> {
    await this.refreshIfChanged();
    const rows = await this.db
      .selectFrom('calendar_day')
      .select(['day', 'kind', 'name'])
      .where('day', '>=', `${year}-01-01`)
      .where('day', '<=', `${year}-12-31`)
      .orderBy('day')
      .execute();
    return { year, days: rows.map((r) => ({ date: r.day, kind: r.kind, name: r.name })), workingDays: this.calendar.workingDaysInYear(year) };
  }

  /**
   * Sets a date's override (a holiday, or a make-up working day), or removes it with kind null so
   * the weekend rule applies again. Audited; this process reloads at once, the others on their next check.
   */
  async set(actor: Actor, date: string, kind: CalendarDayKind | null, name: string | null): Promise<{ date: string; kind: CalendarDayKind | null; name: string | null; workingDay: boolean }> {
    if (!isCalendarDate(date)) throw badDate();
    const cleanName = kind ? (name?.trim() || null) : null;
    await this.db.transaction().execute(async (trx) => {
      // Serialises edits, so the version bump and the audit entry follow the order of the writes.
      await sql`select pg_advisory_xact_lock(hashtext('calendar_day'))`.execute(trx);
      const before = await trx.selectFrom('calendar_day').select(['kind', 'name']).where('day', '=', date).executeTakeFirst();
      const now = this.clock.now();
      if (kind) {
        await trx
          .insertInto('calendar_day')
          .values({ day: date, kind, name: cleanName, updated_by: actor.userId, updated_at: now })
          .onConflict((oc) => oc.column('day').doUpdateSet({ kind, name: cleanName, updated_by: actor.userId, updated_at: now }))
          .execute();
      } else {
        await trx.deleteFrom('calendar_day').where('day', '=', date).execute();
      }
      await sql`
        insert into app_setting (key, value) values (${CALENDAR_VERSION_KEY}, '1'::jsonb)
        on conflict (key) do update set value = to_jsonb((app_setting.value #>> '{}')::bigint + 1)`.execute(trx);
      await this.audit.record(trx, actor, {
        action: 'calendar.set', entityType: 'calendar_day', entityId: date, areaCode: null,
        before: before ? { kind: before.kind, name: before.name } : null, after: kind ? { kind, name: cleanName } : null,
      });
    });
    await this.load();
    return { date, kind, name: cleanName, workingDay: this.calendar.isWorkingDay(date) };
  }
}
