import { type ComponentType, lazy, type ReactNode } from 'react';
import type { Params } from 'react-router';
import type { ClientConfig, Me, Permission } from './api/client';
import type { MessageKey } from './i18n';
import { AreaImportPage } from './pages/AreaImportPage';
import { CalendarPage } from './pages/CalendarPage';
import { ELEMENT_KINDS, ElementPage, ElementsPage } from './pages/ElementsPage';
import { EventSettingsPage } from './pages/EventSettingsPage';
import { EventsPage } from './pages/EventsPage';
import { HouseholdPage } from './pages/HouseholdPage';
import { ImportPage } from './pages/ImportPage';
import { InboxPage } from './pages/InboxPage';
import { MediationPage } from './pages/MediationPage';
import { NewPersonPage } from './pages/NewPersonPage';
import { OverduePage } from './pages/OverduePage';
import { PeoplePage } from './pages/PeoplePage';
import { PersonPage } from './pages/PersonPage';
import { RiskFirmsPage } from './pages/RiskFirmsPage';
import { RiskListPage } from './pages/RiskListPage';
import { RiskMatterPage } from './pages/RiskMatterPage';
import { RiskNewPage } from './pages/RiskNewPage';
import { RiskOverviewPage } from './pages/RiskOverviewPage';
import { SearchPage } from './pages/SearchPage';
import { SituationReportPage } from './pages/SituationReportPage';
import { SupervisionPage } from './pages/SupervisionPage';

/** A page module's named export, loaded when first shown (the map and chart libraries stay out of the first load). */
function lazyPage<P extends object>(load: () => Promise<Record<string, unknown>>, name: string): ComponentType<P> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType<P> }));
}
const AreaPage = lazyPage<{ code: string; config: ClientConfig }>(() => import('./pages/AreaPage'), 'AreaPage');
const DashboardPage = lazyPage<{ code: string; search: URLSearchParams }>(
  () => import('./pages/DashboardPage'),
  'DashboardPage',
);

/** The command hall's big screen, drawn without the app chrome (App renders it for `?screen=big`). */
export { DashboardPage };
export const ReportPage = lazyPage<{ config: ClientConfig }>(() => import('./pages/ReportPage'), 'ReportPage');
const EventPage = lazyPage<{ id: string; me: Me; config: ClientConfig }>(
  () => import('./pages/EventPage'),
  'EventPage',
);
const MapPage = lazyPage<{ config: ClientConfig; rootCode: string }>(() => import('./pages/MapPage'), 'MapPage');
const NewEventPage = lazyPage<{ channel: string; config: ClientConfig; me: Me }>(
  () => import('./pages/NewEventPage'),
  'NewEventPage',
);

/** What a page is rendered with: the user, the server's client settings, the path's parameters and the query. */
export interface PageContext {
  me: Me;
  config: ClientConfig;
  params: Params;
  search: URLSearchParams;
  can: (permission: Permission) => boolean;
}

export type MenuGroup = 'areas' | 'events' | 'registry' | 'analysis' | 'risk' | 'settings';

/** The header's sections in order, with their titles. */
export const MENU_GROUPS: ReadonlyArray<{ id: MenuGroup; label: MessageKey }> = [
  { id: 'areas', label: 'areas' },
  { id: 'events', label: 'navEvents' },
  { id: 'registry', label: 'navRegistry' },
  { id: 'analysis', label: 'navAnalysis' },
  { id: 'risk', label: 'risk' },
  { id: 'settings', label: 'navSettings' },
];

export interface AppRoute {
  /** A react-router path pattern. */
  path: string;
  /** Without it the page is hidden and the path answers "not found". */
  permission?: Permission;
  /** The page; null answers "not found" (a parameter the page does not know). */
  page: (ctx: PageContext) => ReactNode;
  menu?: {
    group: MenuGroup;
    label: MessageKey;
    /** The link when the path has parameters, e.g. the user's own area. */
    href?: (me: Me) => string;
    /** The paths under which this item is marked current (default: the route's own path). */
    activeOn?: string[];
    /** A badge with a live count. */
    count?: 'unread';
    /** The icon shown before the label in the phone's drawer. */
    icon?: string;
  };
}

const isKind = (k: string | undefined): k is (typeof ELEMENT_KINDS)[number] => ELEMENT_KINDS.includes(k as never);
const UUID = /^[0-9a-f-]{36}$/;

/** Every signed-in screen: its URL, who may see it, the page, and its place in the navigation. Order = menu order. */
export const ROUTES: AppRoute[] = [
  {
    path: '/areas/:code',
    page: ({ params, config }) => <AreaPage code={params.code!} config={config} />,
    menu: { group: 'areas', label: 'areas', href: (me) => `/areas/${me.scope.code}`, icon: '▦' },
  },
  {
    path: '/events',
    permission: 'event:read',
    page: ({ search, me }) => <EventsPage search={search} me={me} />,
    menu: { group: 'events', label: 'events', activeOn: ['/events/*'], icon: '☰' },
  },
  {
    path: '/events/new',
    permission: 'event:create',
    page: ({ search, config, me }) => <NewEventPage channel={search.get('channel') ?? ''} config={config} me={me} />,
  },
  {
    path: '/events/:id',
    permission: 'event:read',
    page: ({ params, me, config }) => <EventPage id={params.id!} me={me} config={config} />,
  },
  {
    path: '/inbox',
    page: () => <InboxPage />,
    menu: { group: 'events', label: 'inbox', count: 'unread', icon: '✉' },
  },
  {
    path: '/mediation',
    permission: 'event:read',
    page: ({ me }) => <MediationPage me={me} />,
    menu: { group: 'events', label: 'mediation', icon: '⚖' },
  },
  {
    path: '/supervision',
    permission: 'event:read',
    page: ({ me }) => <SupervisionPage me={me} />,
    menu: { group: 'events', label: 'svNav', icon: '⚑' },
  },
  {
    path: '/people',
    page: ({ search }) => <PeoplePage search={search} />,
    menu: { group: 'registry', label: 'people', activeOn: ['/people/*', '/households/*', '/search'], icon: '☺' },
  },
  {
    path: '/people/new',
    permission: 'registry:write',
    page: ({ search }) => <NewPersonPage gridCode={search.get('gridCode') ?? ''} />,
  },
  {
    path: '/people/:id',
    page: ({ params, can }) => <PersonPage id={params.id!} canReveal={can('personal:read_full')} />,
  },
  { path: '/households/:id', page: ({ params }) => <HouseholdPage id={params.id!} /> },
  {
    path: '/elements/:kind',
    page: ({ params, search }) => (isKind(params.kind) ? <ElementsPage kind={params.kind} search={search} /> : null),
    menu: {
      group: 'registry',
      label: 'elements',
      href: () => '/elements/houses',
      activeOn: ['/elements/*'],
      icon: '⌂',
    },
  },
  {
    path: '/elements/:kind/:id',
    page: ({ params }) => (isKind(params.kind) ? <ElementPage kind={params.kind} id={params.id!} /> : null),
  },
  { path: '/overdue', page: () => <OverduePage />, menu: { group: 'registry', label: 'overdue', icon: '⏰' } },
  {
    path: '/import',
    permission: 'registry:import',
    page: () => <ImportPage />,
    menu: { group: 'registry', label: 'importExport', icon: '⇅' },
  },
  { path: '/search', page: ({ search }) => <SearchPage q={search.get('q') ?? ''} /> },
  {
    path: '/map',
    page: ({ config, me }) => <MapPage config={config} rootCode={me.scope.code} />,
    menu: { group: 'analysis', label: 'sentimentMap', icon: '◎' },
  },
  {
    path: '/dashboard/:code',
    permission: 'event:read',
    page: ({ params, search }) => <DashboardPage code={params.code!} search={search} />,
    menu: { group: 'analysis', label: 'dbNav', href: (me) => `/dashboard/${me.scope.code}`, icon: '▤' },
  },
  {
    path: '/reports/situation',
    permission: 'event:read',
    page: ({ me, search }) => <SituationReportPage me={me} search={search} />,
    menu: { group: 'analysis', label: 'rpNav', icon: '✎' },
  },
  {
    path: '/risk',
    permission: 'risk:read',
    page: ({ me, search }) => <RiskListPage me={me} search={search} />,
    menu: { group: 'risk', label: 'risk', activeOn: ['/risk/*'], icon: '⚠' },
  },
  { path: '/risk/new', permission: 'risk:write', page: ({ me }) => <RiskNewPage me={me} /> },
  {
    path: '/risk/overview',
    permission: 'risk:read',
    page: ({ me, search }) => <RiskOverviewPage me={me} search={search} />,
  },
  { path: '/risk/firms', permission: 'risk:read', page: ({ me }) => <RiskFirmsPage me={me} /> },
  {
    path: '/risk/:id',
    permission: 'risk:read',
    page: ({ params, me }) =>
      UUID.test(params.id!) ? <RiskMatterPage key={params.id} id={params.id!} me={me} /> : null,
  },
  {
    path: '/admin/calendar',
    permission: 'calendar:write',
    page: () => <CalendarPage />,
    menu: { group: 'settings', label: 'calendar', icon: '▦' },
  },
  {
    path: '/admin/event-settings',
    permission: 'event:configure',
    page: ({ search, me }) => <EventSettingsPage tab={search.get('tab') ?? ''} me={me} />,
    menu: { group: 'settings', label: 'eventSettings', icon: '⚙' },
  },
  // With the system settings, not under 区划网格: loading a whole tree is an administrator's set-up task, and the
  // areas section stays one link to the user's own area.
  {
    path: '/admin/area-import',
    permission: 'area:write',
    page: () => <AreaImportPage />,
    menu: { group: 'settings', label: 'areaImport', icon: '⇪' },
  },
];
