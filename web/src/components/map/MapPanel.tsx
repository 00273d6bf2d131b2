import { useEffect, useState } from 'react';
import { api } from '../../api';
import { call, client } from '../../api/client';
import { type MessageKey, useT } from '../../i18n';
import { STATUS_LABELS } from '../../pages/TrackPage';
import { CHANNELS, STATUSES } from '../events/labels';
import { type MapFilters, MEASURES, type Measure, REGISTRY_COLORS, rampOf } from './mapStyle';

export interface Shown {
  areas: boolean;
  events: boolean;
  heat: boolean;
  kinds: string[];
}
interface Category {
  code: string;
  name: string;
  children: Array<{ code: string; name: string }>;
}

const OPEN = 'reported,accepted,dispatched,handling,feedback,verified,suspended';
const DONE = 'closed,rated';
const LEVELS = ['grid', 'village', 'justice_office', 'township_centre'];
const KINDS = ['places', 'cameras', 'hazards', 'organizations'] as const;

const fmt = (m: Measure, v: number) =>
  m === 'overdueShare' || m === 'visitCompliance' ? `${Math.round(v * 100)}%` : v.toLocaleString('zh-CN');

/** The layer panel: layers, the measure the areas are coloured by with its legend, and the event filters. */
export function MapPanel(props: {
  shown: Shown;
  setShown(s: Shown): void;
  measure: Measure;
  setMeasure(m: Measure): void;
  filters: MapFilters;
  setFilters(f: MapFilters): void;
  breaks: number[];
}) {
  const { t, lang } = useT();
  const { shown, setShown, measure, filters, setFilters, breaks } = props;
  const [cats, setCats] = useState<Category[]>([]);
  useEffect(() => {
    void call(client.GET('/api/event-categories'))
      .then(setCats)
      .catch(() => setCats([]));
  }, []);
  const set = (patch: Partial<MapFilters>) => setFilters({ ...filters, ...patch });
  const ramp = rampOf(measure);
  const toggle = (k: string) =>
    setShown({ ...shown, kinds: shown.kinds.includes(k) ? shown.kinds.filter((x) => x !== k) : [...shown.kinds, k] });

  return (
    <aside className="map-panel" aria-label={t('mapLayers')}>
      <h2>{t('mapLayers')}</h2>
      <label className="check">
        <input
          type="checkbox"
          name="layer-areas"
          checked={shown.areas}
          onChange={(e) => setShown({ ...shown, areas: e.target.checked })}
        />
        {t('layerAreas')}
      </label>
      <label className="check">
        <input
          type="checkbox"
          name="layer-events"
          checked={shown.events}
          onChange={(e) => setShown({ ...shown, events: e.target.checked })}
        />
        {t('layerEvents')}
      </label>
      <label className="check indent">
        <input
          type="checkbox"
          name="layer-heat"
          checked={shown.heat}
          disabled={!shown.events}
          onChange={(e) => setShown({ ...shown, heat: e.target.checked })}
        />
        {t('layerHeat')}
      </label>
      {KINDS.map((k) => (
        <label key={k} className="check">
          <input type="checkbox" name={`layer-${k}`} checked={shown.kinds.includes(k)} onChange={() => toggle(k)} />
          <span className="dot" style={{ background: REGISTRY_COLORS[k] }} />
          {t(k as MessageKey)}
        </label>
      ))}
      <p className="map-note-small">{t('peopleNote')}</p>

      <h2>{t('measure')}</h2>
      <select name="measure" value={measure} onChange={(e) => props.setMeasure(e.target.value as Measure)}>
        {MEASURES.map((m) => (
          <option key={m} value={m}>
            {t(`m_${m}` as MessageKey)}
          </option>
        ))}
      </select>
      <section className="map-legend" aria-label={t('legend')} data-testid="map-legend">
        {breaks.length === 0 ? (
          <span className="muted">{t('noData')}</span>
        ) : (
          [0, ...breaks].map((b, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: legend classes are identified by their position in the breaks
            <div key={i} className="row">
              <span className="swatch" style={{ background: ramp[Math.min(i, 4)] }} />
              {i === 0
                ? `< ${fmt(measure, breaks[0]!)}`
                : i === breaks.length
                  ? `≥ ${fmt(measure, b)}`
                  : `${fmt(measure, b)} – ${fmt(measure, breaks[i]!)}`}
            </div>
          ))
        )}
      </section>

      <h2>{t('eventFilters')}</h2>
      <select
        name="category"
        aria-label={t('category')}
        value={filters.category}
        onChange={(e) => set({ category: e.target.value })}
      >
        <option value="">{t('allCategories')}</option>
        {cats.map((c) => (
          <optgroup key={c.code} label={c.name}>
            <option value={c.code}>
              {c.name}({t('allCategories')})
            </option>
            {c.children.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <select
        name="status"
        aria-label={t('mapStatus')}
        value={filters.status}
        onChange={(e) => set({ status: e.target.value })}
      >
        <option value="">{t('allStatuses')}</option>
        <option value={OPEN}>{t('openStatuses')}</option>
        <option value={DONE}>{t('doneStatuses')}</option>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]?.[lang] ?? s}
          </option>
        ))}
      </select>
      <select
        name="channel"
        aria-label={t('channel')}
        value={filters.channel}
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
        name="level"
        aria-label={t('mediationLevel')}
        value={filters.level}
        onChange={(e) => set({ level: e.target.value })}
      >
        <option value="">{t('allLevels')}</option>
        {LEVELS.map((l) => (
          <option key={l} value={l}>
            {t(`lv_${l}` as MessageKey)}
          </option>
        ))}
      </select>
      <select
        name="months"
        aria-label={t('timeWindow')}
        value={filters.months}
        onChange={(e) => set({ months: Number(e.target.value) })}
      >
        {[1, 3, 6, 12].map((m) => (
          <option key={m} value={m}>
            {t(`tw_${m}` as MessageKey)}
          </option>
        ))}
      </select>
    </aside>
  );
}
