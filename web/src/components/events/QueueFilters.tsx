import { useGet } from '../../hooks';
import { type MessageKey, useT } from '../../i18n';
import { navigate } from '../../navigation';
import { STATUS_LABELS } from '../../pages/TrackPage';
import { CategorySelect } from './bits';
import { CENTRES, CHANNELS } from './labels';

export const FILTER_KEYS = [
  'status',
  'categoryCode',
  'deadline',
  'channel',
  'centre',
  'dispute',
  'supervised',
  'mine',
  'areaCode',
] as const;
const TABS = ['', 'reported', 'accepted', 'dispatched', 'handling', 'feedback', 'verified', 'closed'];

/**
 * The queue's filters live in the URL, so a filtered queue can be bookmarked and shared. An account that belongs to a
 * handling unit (`unitDefault`) sees its unit's events unless the URL says `mine=false`; it gets a two-way switch
 * between its unit and everything in its scope instead of the "my unit" checkbox.
 */
export function QueueFilters({
  search,
  scopeCode,
  unitDefault = false,
}: {
  search: URLSearchParams;
  scopeCode: string;
  unitDefault?: boolean;
}) {
  const { t, lang } = useT();
  const get = (k: string) => search.get(k) ?? '';
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams();
    for (const k of FILTER_KEYS) {
      const v = k in patch ? patch[k]! : get(k);
      if (v) next.set(k, v);
    }
    const qs = next.toString();
    navigate(`/events${qs ? `?${qs}` : ''}`, true);
  };
  const scope = useGet('/api/areas/{code}', { path: { code: scopeCode } }).data;
  const areas = scope?.children.filter((c) => c.status === 'active') ?? [];
  const toggle = (k: 'dispute' | 'supervised' | 'mine', label: MessageKey) => (
    <label className={`toggle${get(k) ? ' on' : ''}`}>
      <input
        type="checkbox"
        name={k}
        checked={!!get(k)}
        onChange={(e) => set({ [k]: e.target.checked ? 'true' : '' })}
      />
      {t(label)}
    </label>
  );
  return (
    <>
      <nav className="tabs scroll">
        {TABS.map((s) => (
          // biome-ignore lint/a11y/useValidAnchor: status tabs styled by the .tabs a rules (the work-queue e2e test selects them as ".tabs a"); href="#" keeps them in the tab order and the handler prevents navigation
          <a
            key={s}
            className={s === get('status') ? 'active' : ''}
            href="#"
            onClick={(e) => (e.preventDefault(), set({ status: s }))}
          >
            {s ? STATUS_LABELS[s]![lang] : t('allStatus')}
          </a>
        ))}
      </nav>
      {unitDefault && (
        // biome-ignore lint/a11y/useSemanticElements: a segmented row of toggle buttons; a fieldset would bring form-group layout and styling
        <div className="seg queue-scope" role="group" aria-label={t('queueScope')} data-testid="queue-scope">
          {(
            [
              ['', 'queueMine'],
              ['false', 'queueAll'],
            ] as const
          ).map(([v, label]) => {
            const on = (get('mine') === 'false' ? 'false' : '') === v;
            return (
              <button
                key={label}
                type="button"
                className={on ? 'active' : ''}
                aria-pressed={on}
                data-scope={v === 'false' ? 'all' : 'mine'}
                onClick={() => set({ mine: v })}
              >
                {t(label)}
              </button>
            );
          })}
        </div>
      )}
      <div className="filters queue-filters">
        {/* biome-ignore lint/a11y/useSemanticElements: a row of filter chips (buttons); a fieldset would bring form-group layout and styling */}
        <div className="chips" role="group" aria-label={t('deadline')}>
          {(['', 'yellow', 'red'] as const).map((d) => (
            <button
              key={d}
              type="button"
              data-deadline-filter={d || 'all'}
              className={`dl-chip dl-${d || 'all'}${get('deadline') === d ? ' selected' : ''}`}
              onClick={() => set({ deadline: d })}
            >
              {d && <span className={`dot-${d}`} />}
              {t(d ? (`dl_${d}` as MessageKey) : 'dl_all')}
            </button>
          ))}
        </div>
        <CategorySelect
          value={get('categoryCode')}
          onChange={(c) => set({ categoryCode: c })}
          allowMain
          name="filter-category"
        />
        <select
          name="channel"
          aria-label={t('channel')}
          value={get('channel')}
          onChange={(e) => set({ channel: e.target.value })}
        >
          <option value="">{t('allChannels')}</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`ch_${c}` as MessageKey)}
            </option>
          ))}
        </select>
        <select
          name="centre"
          aria-label={t('centre')}
          value={get('centre')}
          onChange={(e) => set({ centre: e.target.value })}
        >
          <option value="">{t('allCentres')}</option>
          {CENTRES.map((c) => (
            <option key={c} value={c}>
              {t(`centre_${c}` as MessageKey)}
            </option>
          ))}
        </select>
        {(areas.length > 0 || get('areaCode')) && (
          <select
            name="areaCode"
            aria-label={t('areaFilter')}
            value={get('areaCode')}
            onChange={(e) => set({ areaCode: e.target.value })}
          >
            <option value="">{scope?.name ?? t('areaFilter')}</option>
            {get('areaCode') && !areas.some((a) => a.code === get('areaCode')) && (
              <option value={get('areaCode')}>{get('areaCode')}</option>
            )}
            {areas.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </select>
        )}
        {toggle('dispute', 'disputesOnly')}
        {toggle('supervised', 'supervisedOnly')}
        {!unitDefault && toggle('mine', 'mineOnly')}
        {FILTER_KEYS.some((k) => get(k)) && (
          <button type="button" className="link-button" onClick={() => navigate('/events', true)}>
            {t('clearFilters')}
          </button>
        )}
      </div>
    </>
  );
}
