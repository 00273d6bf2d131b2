import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { matchPath, Route, Routes, useLocation, useParams } from 'react-router';
import { api, session, setUnauthorizedHandler } from './api';
import { type ClientConfig, call, client, type Me } from './api/client';
import { canWith, MeContext } from './can';
import { AreaTree } from './components/AreaTree';
import { useUnread } from './components/events/useUnread';
import { type NavGroup, NavMenus, SideNav } from './components/NavMenus';
import { setLang, useT } from './i18n';
import { NavigationBridge, navigate } from './navigation';
import { LoginPage } from './pages/LoginPage';
import { TrackPage } from './pages/TrackPage';
import { type AppRoute, DashboardPage, MENU_GROUPS, type PageContext, ReportPage, ROUTES } from './routes';

/** When the server's settings cannot be read: no base map, our own polygons only. */
const OFFLINE_CONFIG: ClientConfig = {
  baseMap: { tileUrl: '', coords: 'wgs84', attribution: '', tiles: [], overlayTiles: [] },
  demo: false,
  timeZone: 'Asia/Shanghai',
};

const isPublicPath = (path: string) => path.startsWith('/track/') || path === '/report';

function TrackRoute() {
  return <TrackPage code={useParams().code!} />;
}

/** The navigation built from the route table: the items this user may open, grouped by section. */
function useNavGroups(me: Me, path: string, unread: number): NavGroup[] {
  const { t } = useT();
  return useMemo(() => {
    const allowed = ROUTES.filter((r) => r.menu && (!r.permission || canWith(me, r.permission)));
    return MENU_GROUPS.map((g) => ({
      id: g.id,
      label: t(g.label),
      items: allowed
        .filter((r) => r.menu!.group === g.id)
        .map((r) => {
          const m = r.menu!;
          const patterns = [r.path, ...(m.activeOn ?? [])];
          return {
            href: m.href ? m.href(me) : r.path,
            label: t(m.label),
            icon: m.icon,
            active: patterns.some((p) => matchPath(p, path) !== null),
            count: m.count === 'unread' ? unread : undefined,
          };
        }),
    })).filter((g) => g.items.length > 0);
  }, [me, path, unread, t]);
}

function RoutePage({ route, me, config }: { route: AppRoute; me: Me; config: ClientConfig }) {
  const { t } = useT();
  const params = useParams();
  const { search } = useLocation();
  const query = useMemo(() => new URLSearchParams(search), [search]);
  const notFound = <div className="page muted">{t('notFound')}</div>;
  if (route.permission && !canWith(me, route.permission)) return notFound;
  const ctx: PageContext = { me, config, params, search: query, can: (p) => canWith(me, p) };
  return route.page(ctx) ?? notFound;
}

export function App() {
  const { t, role, lang } = useT();
  const { pathname: path, search: query } = useLocation();
  const isPublic = isPublicPath(path);
  const [config, setConfig] = useState<ClientConfig | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const [checked, setChecked] = useState(false);
  const [drawer, setDrawer] = useState(false);
  const unread = useUnread(me);

  const signedOut = useCallback(() => {
    setMe(null);
    if (!isPublicPath(location.pathname)) navigate('/login', true);
  }, []);

  // Fetched once, and the pages wait for it: the maps are built for one base-map configuration, and a map built
  // before it arrived (or again on a language switch) would be torn down and made again.
  useEffect(() => {
    call(client.GET('/api/client-config')).then(setConfig, () => setConfig(OFFLINE_CONFIG));
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    setUnauthorizedHandler(signedOut);
    if (!session.token()) {
      setChecked(true);
      return;
    }
    call(client.GET('/api/auth/me')).then(
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

  const navGroups = useNavGroups(me ?? GUEST, path, unread);

  // The public tracking page needs no account, nor the client settings.
  if (path.startsWith('/track/')) {
    return (
      <>
        <NavigationBridge />
        <Routes>
          <Route path="/track/:code" element={<TrackRoute />} />
        </Routes>
      </>
    );
  }
  if (!config) return <NavigationBridge />;
  if (path === '/report') {
    return (
      <>
        <NavigationBridge />
        <Suspense fallback={null}>
          <ReportPage config={config} />
        </Suspense>
      </>
    );
  }
  if (!checked) return <NavigationBridge />;
  if (!me) {
    return (
      <>
        <NavigationBridge />
        <LoginPage config={config} onLogin={(m) => setMe(m)} />
      </>
    );
  }

  const logout = async () => {
    await call(client.POST('/api/auth/logout')).catch(() => undefined);
    session.clear();
    signedOut();
  };
  const areaCode = matchPath('/areas/:code', path)?.params.code ?? null;
  const dashboard = matchPath('/dashboard/:code', path);
  // The command hall's big screen draws without the app chrome.
  if (dashboard && canWith(me, 'event:read') && new URLSearchParams(query).get('screen') === 'big') {
    return (
      <MeContext.Provider value={me}>
        <NavigationBridge />
        <Suspense fallback={null}>
          <DashboardPage code={dashboard.params.code!} search={new URLSearchParams(query)} />
        </Suspense>
      </MeContext.Provider>
    );
  }

  return (
    <MeContext.Provider value={me}>
      <NavigationBridge />
      <div className={`shell${drawer ? ' drawer-open' : ''}`}>
        <header className="topbar">
          <button type="button" className="menu-button" aria-label={t('menu')} onClick={() => setDrawer(!drawer)}>
            ☰
          </button>
          <a
            className="brand"
            href={`/areas/${me.scope.code}`}
            onClick={(e) => (e.preventDefault(), navigate(`/areas/${me.scope.code}`))}
          >
            <span className="logo">枫</span>
            <span className="brand-name">{t('appName')}</span>
          </a>
          <NavMenus groups={navGroups} path={path} />
          {/* biome-ignore lint/a11y/useSemanticElements: the form itself is the search landmark; a <search> wrapper would add an element to the topbar layout for no change in meaning */}
          <form
            className="topsearch"
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              const q = new FormData(e.currentTarget).get('q')?.toString().trim();
              if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
            }}
          >
            <input name="q" placeholder={t('search')} aria-label={t('search')} />
          </form>
          <div className="spacer" />
          <span
            className="user"
            data-testid="current-user"
            title={`${me.displayName} · ${me.roles.map(role).join('、')}`}
          >
            {me.displayName}
            <span className="muted"> · {me.roles.map(role).join('、')}</span>
          </span>
          <button type="button" className="link" onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>
            {t('language')}
          </button>
          <button type="button" className="link" onClick={logout}>
            {t('logout')}
          </button>
        </header>
        <aside className="sidebar" aria-label={t('areaTree')}>
          <SideNav groups={navGroups} />
          <div className="sidebar-title">{t('areaTree')}</div>
          <AreaTree rootCode={me.scope.code} current={areaCode} />
        </aside>
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: the scrim is a pointer affordance behind the open drawer; keyboard users close the drawer with the menu button */}
        {/* biome-ignore lint/a11y/noStaticElementInteractions: the scrim is a pointer affordance behind the open drawer; keyboard users close the drawer with the menu button */}
        <div className="scrim" onClick={() => setDrawer(false)} />
        <main className="content">
          <Suspense fallback={<div className="page muted">{t('loading')}</div>}>
            <Routes>
              {ROUTES.map((r) => (
                <Route key={r.path} path={r.path} element={<RoutePage route={r} me={me} config={config} />} />
              ))}
              <Route path="*" element={<div className="page muted">{t('notFound')}</div>} />
            </Routes>
          </Suspense>
        </main>
      </div>
    </MeContext.Provider>
  );
}

/** Stands in for the user before sign-in, so the hooks above run in the same order on every render. */
const GUEST: Me = {
  id: null,
  username: '',
  displayName: '',
  roles: [],
  permissions: [],
  scope: { code: '', level: 'city' },
  unitId: null,
};
