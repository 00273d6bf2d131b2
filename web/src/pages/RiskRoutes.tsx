import type { Me } from '../api';
import { match } from '../router';
import { RiskFirmsPage } from './RiskFirmsPage';
import { RiskListPage } from './RiskListPage';
import { RiskMatterPage } from './RiskMatterPage';
import { RiskNewPage } from './RiskNewPage';
import { RiskOverviewPage } from './RiskOverviewPage';

/** The /risk… screens, so the app shell needs one line for the whole module; null for other paths. */
export function riskPage(path: string, search: URLSearchParams, me: Me) {
  const can = (p: string) => me.permissions.includes(p);
  if (!path.startsWith('/risk') || !can('risk:read')) return null;
  if (path === '/risk') return <RiskListPage me={me} search={search} />;
  if (path === '/risk/new') return can('risk:write') ? <RiskNewPage me={me} /> : null;
  if (path === '/risk/overview') return <RiskOverviewPage me={me} search={search} />;
  if (path === '/risk/firms') return <RiskFirmsPage me={me} />;
  const m = match('/risk/:id', path);
  return m && /^[0-9a-f-]{36}$/.test(m.id!) ? <RiskMatterPage key={m.id} id={m.id!} me={me} /> : null;
}
