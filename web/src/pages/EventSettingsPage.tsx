import type { Me } from '../api';
import { LimitsSettings } from '../components/settings/LimitsSettings';
import { MediationPolicyEditor } from '../components/settings/MediationPolicyEditor';
import { RoutingRules } from '../components/settings/RoutingRules';
import { type MessageKey, useT } from '../i18n';
import { linkHandler } from '../navigation';
import './EventSettingsPage.css';

const TABS = [
  ['routing', 'tabRouting'],
  ['limits', 'tabLimits'],
  ['mediation', 'tabMediation'],
] as const satisfies ReadonlyArray<readonly [string, MessageKey]>;
export type SettingsTab = (typeof TABS)[number][0];

/**
 * Administrators' settings of the event loop: routing rules, time limits and the mediation levels.
 * The tab lives in the query string so a reload or a shared link opens the same section.
 */
export function EventSettingsPage({ tab, me }: { tab: string; me: Me }) {
  const { t } = useT();
  const current: SettingsTab = TABS.some(([k]) => k === tab) ? (tab as SettingsTab) : 'routing';
  return (
    <div className="page settings-page">
      <header className="page-head">
        <h1>{t('eventSettingsTitle')}</h1>
      </header>
      <p className="settings-notice" role="note">
        {t('settingsNewOnly')}
      </p>
      <nav className="tabs" aria-label={t('eventSettings')}>
        {TABS.map(([key, label]) => {
          const href = `/admin/event-settings?tab=${key}`;
          return (
            <a
              key={key}
              href={href}
              className={key === current ? 'active' : ''}
              aria-current={key === current ? 'page' : undefined}
              onClick={linkHandler(href)}
            >
              {t(label)}
            </a>
          );
        })}
      </nav>
      {current === 'routing' && <RoutingRules me={me} />}
      {current === 'limits' && <LimitsSettings />}
      {current === 'mediation' && <MediationPolicyEditor />}
    </div>
  );
}
