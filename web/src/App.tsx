import { useCallback, useEffect, useState } from 'react';
import { api, type ClientConfig, type Me, session, setUnauthorizedHandler } from './api';
import { AreaTree } from './components/AreaTree';
import { type NavGroup, NavMenus, SideNav } from './components/NavMenus';
import { useUnread } from './components/events/useUnread';
import { setLang, useT } from './i18n';
import { AreaPage } from './pages/AreaPage';
import { CalendarPage } from './pages/CalendarPage';
import { DashboardPage } from './pages/DashboardPage';
import { ELEMENT_KINDS, ElementPage, ElementsPage } from './pages/ElementsPage';
import { EventPage } from './pages/EventPage';
import { EventSettingsPage } from './pages/EventSettingsPage';
import { EventsPage } from './pages/EventsPage';
import { InboxPage } from './pages/InboxPage';
import { MediationPage } from './pages/MediationPage';
import { NewEventPage } from './pages/NewEventPage';
import { ReportPage } from './pages/ReportPage';
import { SituationReportPage } from './pages/SituationReportPage';
import { SupervisionPage } from './pages/SupervisionPage';
import { HouseholdPage } from './pages/HouseholdPage';
import { ImportPage } from './pages/ImportPage';
import { LoginPage } from './pages/LoginPage';
import { NewPersonPage } from './pages/NewPersonPage';
import { MapPage } from './pages/MapPage';
import { OverduePage } from './pages/OverduePage';
import { PeoplePage } from './pages/PeoplePage';
import { PersonPage } from './pages/PersonPage';
import { SearchPage } from './pages/SearchPage';
import { TrackPage } from './pages/TrackPage';
import { riskPage } from './pages/RiskRoutes';
import { match, navigate, usePath, useSearch } from './router';

/** When the server's settings cannot be read: no base map, our own polygons only. */
const OFFLINE_CONFIG: ClientConfig = { baseMap: { tileUrl: '', coords: 'wgs84', attribution: '' }, demo: false };

export function App() {
  const { t, role, lang } = useT();
  const path = usePath();
  const query = useSearch();
  const isPublic = path.startsWith('/track/') || path === '/report';
  const [config, setConfig] = useState<ClientConfig | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const [checked, setChecked] = useState(false);
  const [drawer, setDrawer] = useState(false);
  const unread = useUnread(me);

  const signedOut = useCallback(() => {
    setMe(null);
    if (!location.pathname.startsWith('/track/') && location.pathname !== '/report') navigate('/login', true);
  }, []);

  // Fetched once, and the pages wait for it: the maps are built for one base-map configuration, and a map built
  // before it arrived (or again on a language switch) would be torn down and made again.
  useEffect(() => {
    api<ClientConfig>('/api/client-config').then(setConfig, () => setConfig(OFFLINE_CONFIG));
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    setUnauthorizedHandler(signedOut);
    if (!session.token()) {
      setChecked(true);
      return;
    }
    api<Me>('/api/auth/me').then(
      (m) => {
        setMe(m);
        setChecked(true);
      },
      () => setChecked(true),
    );
  }, [signedOut, lang]);

  useEffect(() => {
    if (!checked) return;
    if (isPublic) return;
    if (!me && path !== '/login') navigate('/login', true);
    if (me && (path === '/login' || path === '/')) navigate(`/areas/${me.scope.code}`, true);
    setDrawer(false);
  }, [checked, me, path, isPublic]);

  // The public tracking page needs no account.
  const track = match('/track/:code', path);
  if (track) return <TrackPage code={track.code!} />;
  if (!config) return null;
  if (path === '/report') return <ReportPage config={config} />;
  if (!checked) return null;
  if (!me) return <LoginPage config={config} onLogin={(m) => setMe(m)} />;

  const logout = async () => {
    await api('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    session.clear();
    signedOut();
  };
  const areaParams = match('/areas/:code', path);
  const search = new URLSearchParams(query);
  const can = (p: string) => me.permissions.includes(p);
  const dashboard = match('/dashboard/:code', path);
  // The command hall's big screen draws without the app chrome.
  if (dashboard && can('event:read') && search.get('screen') === 'big') return <DashboardPage code={dashboard.code!} search={search} />;
  const page = (() => {
    if (areaParams) return <AreaPage code={areaParams.code!} config={config} />;
    if (path === '/people') return <PeoplePage search={search} />;
    if (path === '/people/new') return <NewPersonPage gridCode={search.get('gridCode') ?? ''} />;
    const person = match('/people/:id', path);
    if (person) return <PersonPage id={person.id!} canReveal={can('personal:read_full')} />;
    const household = match('/households/:id', path);
    if (household) return <HouseholdPage id={household.id!} />;
    const elements = match('/elements/:kind', path);
    if (elements && ELEMENT_KINDS.includes(elements.kind as never)) return <ElementsPage kind={elements.kind as (typeof ELEMENT_KINDS)[number]} search={search} />;
    const element = match('/elements/:kind/:id', path);
    if (element && ELEMENT_KINDS.includes(element.kind as never)) return <ElementPage kind={element.kind as (typeof ELEMENT_KINDS)[number]} id={element.id!} />;
    if (path === '/events' && can('event:read')) return <EventsPage search={search} me={me} />;
    if (path === '/events/new' && can('event:create')) return <NewEventPage channel={search.get('channel') ?? ''} config={config} me={me} />;
    const event = match('/events/:id', path);
    if (event && can('event:read')) return <EventPage id={event.id!} me={me} config={config} />;
    if (path === '/inbox') return <InboxPage />;
    if (dashboard && can('event:read')) return <DashboardPage code={dashboard.code!} search={search} />;
    if (path === '/mediation' && can('event:read')) return <MediationPage me={me} />;
    if (path === '/reports/situation' && can('event:read')) return <SituationReportPage me={me} search={search} />;
    if (path === '/supervision' && can('event:read')) return <SupervisionPage me={me} />;
    if (path === '/search') return <SearchPage q={search.get('q') ?? ''} />;
    if (path === '/overdue') return <OverduePage />;
    if (path === '/map') return <MapPage config={config} rootCode={me.scope.code} />;
    if (path === '/import' && can('registry:import')) return <ImportPage />;
    if (path === '/admin/calendar' && can('calendar:write')) return <CalendarPage />;
    if (path.startsWith('/risk')) return riskPage(path, search, me) ?? <div className="page muted">{t('notFound')}</div>;
    if (path === '/admin/event-settings' && can('event:configure')) return <EventSettingsPage tab={search.get('tab') ?? ''} me={me} />;
    return <div className="page muted">{t('notFound')}</div>;
  })();
  const item = (href: string, label: string, active: boolean, count?: number) => ({ href, label, active, count });
  const navGroups: NavGroup[] = [
    { id: 'areas', label: t('areas'), items: [item(`/areas/${me.scope.code}`, t('areas'), !!areaParams)] },
    {
      id: 'events',
      label: t('navEvents'),
      items: can('event:read')
        ? [
            item('/events', t('events'), path.startsWith('/events')),
            item('/inbox', t('inbox'), path === '/inbox', unread),
            item('/mediation', t('mediation'), path === '/mediation'),
            item('/supervision', t('svNav'), path === '/supervision'),
          ]
        : [item('/inbox', t('inbox'), path === '/inbox', unread)],
    },
    {
      id: 'registry',
      label: t('navRegistry'),
      items: [
        item('/people', t('people'), path.startsWith('/people') || path.startsWith('/households') || path === '/search'),
        item('/elements/houses', t('elements'), path.startsWith('/elements')),
        item('/overdue', t('overdue'), path === '/overdue'),
        ...(can('registry:import') ? [item('/import', t('importExport'), path === '/import')] : []),
      ],
    },
    {
      id: 'analysis',
      label: t('navAnalysis'),
      items: [
        item('/map', t('sentimentMap'), path === '/map'),
        ...(can('event:read')
          ? [item(`/dashboard/${me.scope.code}`, t('dbNav'), !!dashboard), item('/reports/situation', t('rpNav'), path === '/reports/situation')]
          : []),
      ],
    },
    ...(can('risk:read') ? [{ id: 'risk', label: t('risk'), items: [item('/risk', t('risk'), path.startsWith('/risk'))] }] : []),
    {
      id: 'settings',
      label: t('navSettings'),
      items: [
        ...(can('calendar:write') ? [item('/admin/calendar', t('calendar'), path === '/admin/calendar')] : []),
        ...(can('event:configure') ? [item('/admin/event-settings', t('eventSettings'), path === '/admin/event-settings')] : []),
      ],
    },
  ].filter((g) => g.items.length > 0);

  return (
    <div className={`shell${drawer ? ' drawer-open' : ''}`}>
      <header className="topbar">
        <button className="menu-button" aria-label={t('menu')} onClick={() => setDrawer(!drawer)}>
          ☰
        </button>
        <a className="brand" href={`/areas/${me.scope.code}`} onClick={(e) => (e.preventDefault(), navigate(`/areas/${me.scope.code}`))}>
          <span className="logo">枫</span>
          <span className="brand-name">{t('appName')}</span>
        </a>
        <NavMenus groups={navGroups} path={path} />
        <form className="topsearch" role="search" onSubmit={(e) => {
          e.preventDefault();
          const q = new FormData(e.currentTarget).get('q')?.toString().trim();
          if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
        }}>
          <input name="q" placeholder={t('search')} aria-label={t('search')} />
        </form>
        <div className="spacer" />
        <span className="user" data-testid="current-user" title={`${me.displayName} · ${me.roles.map(role).join("、")}`}>
          {me.displayName}
          <span className="muted"> · {me.roles.map(role).join('、')}</span>
        </span>
        <button className="link" onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>
          {t('language')}
        </button>
        <button className="link" onClick={logout}>
          {t('logout')}
        </button>
      </header>
      <aside className="sidebar" aria-label={t('areaTree')}>
        <SideNav groups={navGroups} />
        <div className="sidebar-title">{t('areaTree')}</div>
        <AreaTree rootCode={me.scope.code} current={areaParams?.code ?? null} />
      </aside>
      <div className="scrim" onClick={() => setDrawer(false)} />
      <main className="content">{page}</main>
    </div>
  );
}
