import { useEffect, useState } from 'react';
import { api, type ClientConfig } from '../api';
import { type ApiItem, call, client } from '../api/client';
import { MapPanel, type Shown } from '../components/map/MapPanel';
import type { MapFilters, Measure } from '../components/map/mapStyle';
import { type Hover, type MapView, SentimentMap } from '../components/map/SentimentMap';
import { type MessageKey, useT } from '../i18n';

type Crumb = ApiItem<'/api/map/where'>;

/**
 * 民情地图: the whole scope on one map. Areas coloured by a chosen measure, events as clusters
 * (per county, township, village or grid as the zoom deepens) and then as points, registry
 * layers, and the breadcrumb of the area under the centre of the view.
 */
export function MapPage({ config, rootCode }: { config: ClientConfig | null; rootCode: string }) {
  const { t, level: levelName } = useT();
  const [measure, setMeasure] = useState<Measure>('events');
  const [shown, setShown] = useState<Shown>({ areas: true, events: true, heat: false, kinds: [] });
  const [filters, setFilters] = useState<MapFilters>({ category: '', status: '', channel: '', level: '', months: 12 });
  const [breaks, setBreaks] = useState<number[]>([]);
  const [hover, setHover] = useState<Hover | null>(null);
  const [view, setView] = useState<MapView | null>(null);
  const [crumbs, setCrumbs] = useState<Crumb[]>([]);
  const [rootName, setRootName] = useState('');
  const [home, setHome] = useState<[number, number, number, number] | null>(null);
  useEffect(() => {
    void call(client.GET('/api/areas/{code}', { params: { path: { code: rootCode } } }))
      .then((a) => {
        setRootName(a.name);
        if (a.bbox) setHome(a.bbox as [number, number, number, number]);
      })
      .catch(() => undefined);
  }, [rootCode]);

  useEffect(() => {
    if (!view) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      void api<{ items: Crumb[] }>(
        `/api/map/where?lng=${view.lng.toFixed(5)}&lat=${view.lat.toFixed(5)}&z=${view.zoom.toFixed(2)}`,
      )
        .then((r) => !cancelled && setCrumbs(r.items))
        .catch(() => undefined);
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [view]);

  // A crumb flies to its area: the server's bbox of the area, fitted to the view.
  const flyTo = async (code: string) => {
    const map = window.fqMap;
    if (!map) return;
    const a = await call(client.GET('/api/areas/{code}', { params: { path: { code } } }));
    if (a.bbox) {
      const [w, s, e, n] = a.bbox as [number, number, number, number];
      map.fitBounds(
        [
          [w, s],
          [e, n],
        ],
        { padding: 40 },
      );
    }
  };

  return (
    <div className="map-page">
      <nav className="map-crumbs" aria-label={t('sentimentMap')} data-testid="map-crumbs">
        <strong>{t('sentimentMap')}</strong>
        {/* biome-ignore lint/a11y/useValidAnchor: breadcrumbs styled by the .map-crumbs a rules; href="#" keeps them focusable and the handler flies the map instead of navigating */}
        <a href="#" onClick={(e) => (e.preventDefault(), void flyTo(rootCode))}>
          {rootName}
        </a>
        {crumbs
          .filter((c) => !rootCode.startsWith(c.code))
          .map((c) => (
            <span key={c.code}>
              <span className="sep">›</span>
              {/* biome-ignore lint/a11y/useValidAnchor: breadcrumbs styled by the .map-crumbs a rules; href="#" keeps them focusable and the handler flies the map instead of navigating */}
              <a
                href="#"
                data-level={c.level}
                onClick={(e) => (e.preventDefault(), void flyTo(c.code))}
                title={levelName(c.level)}
              >
                {c.name}
              </a>
            </span>
          ))}
        <span className="muted zoom">
          {t('mapHint')} · z{view ? view.zoom.toFixed(1) : '7.0'}
        </span>
      </nav>
      <MapPanel
        shown={shown}
        setShown={setShown}
        measure={measure}
        setMeasure={setMeasure}
        filters={filters}
        setFilters={setFilters}
        breaks={breaks}
      />
      <SentimentMap
        config={config}
        measure={measure}
        show={shown}
        filters={filters}
        onView={setView}
        onBreaks={setBreaks}
        onHover={setHover}
        home={home}
      />
      {hover && (
        <div className="map-tip" style={{ left: hover.x + 300, top: hover.y + 60 }} role="tooltip">
          <strong>{hover.title}</strong>
          {hover.n !== undefined && (
            <div>
              {hover.hint === 'zoom'
                ? `${hover.n.toLocaleString('zh-CN')} ${t('eventsCount')} · ${t('clickToZoom')}`
                : `${t(`m_${measure}` as MessageKey)}: ${hover.n.toLocaleString('zh-CN')}`}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
