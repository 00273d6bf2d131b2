import type { Db } from './db/database.js';
import type { OfficialCalendar } from './kernel/official-calendar.js';
import { WorkingCalendar } from './kernel/working-calendar.js';
import type { Clock } from './lib/clock.js';
import type { Config } from './lib/config.js';
import type { PersonalDataCipher } from './lib/personal-data.js';
import { ReferenceCache } from './lib/reference-cache.js';
import { SharedVersions } from './lib/shared-versions.js';
import { AuthService } from './modules/accounts/auth.service.js';
import { LoginThrottle } from './modules/accounts/login-throttle.js';
import { UserService } from './modules/accounts/user.service.js';
import { AreaService } from './modules/areas/area.service.js';
import { AreaExportService } from './modules/areas/area-export.service.js';
import { AreaImportService } from './modules/areas/area-import.service.js';
import { GridWorkerService } from './modules/areas/grid-worker.service.js';
import { RegridService } from './modules/areas/regrid.service.js';
import { UnitService } from './modules/areas/unit.service.js';
import { AuditService } from './modules/audit/audit.service.js';
import type { AuditKeys } from './modules/audit/audit-keys.js';
import { AuditLogService } from './modules/audit/audit-log.service.js';
import { CalendarService } from './modules/calendar/calendar.service.js';
import { AttachmentService } from './modules/events/attachment.service.js';
import { CoHandlerService } from './modules/events/co-handler.service.js';
import { DeadlinePolicy } from './modules/events/deadline-policy.js';
import { EventService } from './modules/events/event.service.js';
import { EventIntakeService } from './modules/events/event-intake.service.js';
import { EventLoop } from './modules/events/event-loop.js';
import { EventSettingsService } from './modules/events/event-settings.service.js';
import { InboxService } from './modules/events/inbox.service.js';
import { LoggingSmsChannel, NotificationService, type SmsChannel } from './modules/events/notification.service.js';
import { ExportService } from './modules/import-export/export.service.js';
import { ImportService } from './modules/import-export/import.service.js';
import { MapService } from './modules/map/map.service.js';
import { MediationService } from './modules/mediation/mediation.service.js';
import { ElementHistory } from './modules/registry/element-history.js';
import { HouseholdService } from './modules/registry/household.service.js';
import { OrganizationService } from './modules/registry/organization.service.js';
import { PersonService } from './modules/registry/person.service.js';
import { PlaceThingService } from './modules/registry/place-thing.service.js';
import { SearchService } from './modules/registry/search.service.js';
import { gridCentre } from './modules/registry/visit.repository.js';
import { VisitService } from './modules/registry/visit.service.js';
import { SituationService } from './modules/reports/situation.service.js';
import { createRiskServices, type RiskServices } from './modules/risk/risk-services.js';
import { RoutingService } from './modules/routing/routing.service.js';
import { StatsService } from './modules/stats/stats.service.js';
import { SupervisionService } from './modules/supervision/supervision.service.js';
import { SupervisionRulesService } from './modules/supervision/supervision-rules.service.js';
import { HealthService } from './modules/system/health.service.js';
import { RateLimitService } from './modules/system/rate-limit.service.js';

declare module './http/app-types.js' {
  // Routes see every service through AppDeps without the http layer importing the composition root.
  interface ServiceRegistry extends Services {}
}

export interface Services {
  audit: AuditService;
  /** Reads of the audit log (the audit page, entity histories, the chain check). */
  auditLog: AuditLogService;
  health: HealthService;
  /** Request counters of the rate limiter on public routes, shared by every process. */
  rateLimits: RateLimitService;
  auth: AuthService;
  areas: AreaService;
  /** Any city's own area tree and boundaries: import (dry run, apply) and GeoJSON export. */
  areaImport: AreaImportService;
  areaExport: AreaExportService;
  users: UserService;
  gridWorkers: GridWorkerService;
  units: UnitService;
  people: PersonService;
  households: HouseholdService;
  visits: VisitService;
  organizations: OrganizationService;
  placesThings: PlaceThingService;
  search: SearchService;
  imports: ImportService;
  exports: ExportService;
  events: EventService;
  routing: RoutingService;
  eventSettings: EventSettingsService;
  mediation: MediationService;
  coHandlers: CoHandlerService;
  notifications: NotificationService;
  /** Each account's inbox, read through `notifications` on the pool. */
  inbox: InboxService;
  sms: SmsChannel;
  /** The editable working-day calendar; `calendar.calendar` is the one WorkingCalendar every service uses. */
  calendar: CalendarService;
  attachments: AttachmentService;
  /** 形势研判 and 挂牌督办 (issue #5). */
  situation: SituationService;
  supervision: SupervisionService;
  supervisionRules: SupervisionRulesService;
  /** The dashboard and map figures, read from the roll-ups (src/modules/stats/rollup.ts). */
  stats: StatsService;
  /** The sentiment map's tiles, breadcrumb and the public grid outlines. */
  map: MapService;
  risk: RiskServices;
}

export function createServices(
  db: Db,
  clock: Clock,
  cipher: PersonalDataCipher,
  config: Config,
  opts: {
    auditKeys: AuditKeys;
    sms?: SmsChannel;
    databaseKind?: 'pglite' | 'postgres';
    /** The official holidays; the default is the chinese-days package's (tests hand in other years). */
    officialCalendar?: OfficialCalendar;
  },
): Services {
  const audit = new AuditService(clock, opts.auditKeys.hmacKey);
  const auditLog = new AuditLogService(db, {
    keys: opts.auditKeys,
    checkpointDir: config.auditCheckpointDir,
    clock,
  });
  const history = new ElementHistory(clock, audit);
  const regrid = new RegridService(history);
  const areas = new AreaService(db, clock, audit, auditLog, regrid);
  const people = new PersonService(db, clock, audit, history, cipher, areas);
  // One working-day calendar for every deadline: the official dataset and the overrides in calendar_day, loaded by
  // calendar.init() at start.
  const workingCalendar = new WorkingCalendar();
  const calendar = new CalendarService(db, clock, audit, workingCalendar, opts.officialCalendar);
  const notifications = new NotificationService(clock, db);
  const sms = opts.sms ?? new LoggingSmsChannel();
  // One shared read of the version counters serves the reference tables and the sessions.
  const versions = new SharedVersions();
  const reference = new ReferenceCache(versions);
  const deadlines = new DeadlinePolicy(workingCalendar, config.events.warnShare, reference);
  const routing = new RoutingService(db, clock, audit, reference);
  const mediation = new MediationService(db, clock, audit, deadlines, routing, notifications);
  const coHandlers = new CoHandlerService(db, clock, audit, deadlines, notifications);
  const intake = new EventIntakeService({
    db,
    clock,
    audit,
    cipher,
    areas,
    deadlines,
    routing,
    mediation,
    notifications,
    sms,
    policy: config.events,
    numberOutsideTransaction: opts.databaseKind === 'postgres',
  });
  const loop = new EventLoop(db, clock, audit, cipher, deadlines, coHandlers, notifications, sms);
  const events = new EventService(db, clock, intake, loop, coHandlers, mediation);
  // A finding becomes an event at the centre of the visit's grid, reported through the grid channel.
  const visits = new VisitService(db, clock, history, {
    handOff: async (trx, actor, f) => {
      const grid = await gridCentre(trx, f.gridCode);
      const e = await events.createIn(trx, actor, {
        categoryCode: f.categoryCode,
        description: f.text,
        location: { lng: grid.center_lng ?? 0, lat: grid.center_lat ?? 0 },
        channel: 'grid',
      });
      return { eventId: e.id };
    },
  });
  const units = new UnitService(db);
  const loginThrottle = new LoginThrottle(db, clock, config.login);
  return {
    audit,
    auditLog,
    health: new HealthService(db),
    auth: new AuthService(
      db,
      clock,
      audit,
      {
        sessionTtlMs: config.sessionTtlMs,
        sessionIdleMs: config.sessionIdleMs,
      },
      loginThrottle,
      versions,
    ),
    areas,
    areaImport: new AreaImportService(db, clock, audit, regrid),
    areaExport: new AreaExportService(db),
    users: new UserService(db, clock, audit, areas, units, loginThrottle),
    rateLimits: new RateLimitService(db, clock),
    gridWorkers: new GridWorkerService(db, clock, audit, cipher),
    units,
    people,
    households: new HouseholdService(db, clock, history, areas),
    visits,
    organizations: new OrganizationService(db, clock, history, cipher, areas),
    placesThings: new PlaceThingService(db, clock, history, areas),
    search: new SearchService(db, people),
    imports: new ImportService(db, clock, audit, cipher, people, areas),
    exports: new ExportService(db, audit, cipher),
    events,
    routing,
    eventSettings: new EventSettingsService(db, clock, audit),
    mediation,
    coHandlers,
    notifications,
    inbox: new InboxService(db, notifications),
    sms,
    calendar,
    attachments: new AttachmentService(db, clock, audit, config.dataDir),
    situation: new SituationService(db, clock),
    supervision: new SupervisionService(db, clock, audit, workingCalendar),
    supervisionRules: new SupervisionRulesService(db, clock, audit),
    stats: new StatsService(db, clock),
    map: new MapService(db, clock),
    risk: createRiskServices(db, clock, audit, workingCalendar),
  };
}
