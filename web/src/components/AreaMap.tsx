import type { GeoJSONSource, MapLayerMouseEvent } from 'maplibre-gl';
import * as maplibregl from 'maplibre-gl';
// The worker ships as a separate module; Vite copies it into the build and gives its URL.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { api, type ClientConfig } from '../api';
import { call, client } from '../api/client';
import { useT } from '../i18n';
import { addAreaLayers, setAreaLabels } from '../map/areaMapLayers';
import { baseStyle, hasBaseMap } from '../map/baseStyle';
import { convertCoordinates, wgs84ToGcj02 } from '../map/gcj02';
import { navigate } from '../navigation';
import { BoundaryEditor } from './map/BoundaryEditor';

interface Feature {
  type: 'Feature';
  id: string;
  geometry: { type: string; coordinates: number[][][] | number[][][][] } | null;
  properties: { code: string; name: string; level: string; role: 'self' | 'child' };
}
interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
}

maplibregl.setWorkerUrl(workerUrl);

declare global {
  interface Window {
    /** The area page's map, for browser tests that read what is drawn. */
    fqAreaMap?: maplibregl.Map;
  }
}

const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

const LAYERS = [
  { id: 'places', color: '#7b3fa0' },
  { id: 'cameras', color: '#0f766e' },
  { id: 'hazards', color: '#c2410c' },
  { id: 'organizations', color: '#1d4ed8' },
] as const;
type LayerId = (typeof LAYERS)[number]['id'];

/** Offered on a grid to who may redraw it: the version to save against, and what to do once saved. */
export interface BoundaryEdit {
  version: number;
  onSaved(): void;
}

export function AreaMap({ code, config, edit }: { code: string; config: ClientConfig | null; edit?: BoundaryEdit }) {
  const { t } = useT();
  const [layers, setLayers] = useState<Record<LayerId, boolean>>({
    places: false,
    cameras: false,
    hazards: false,
    organizations: false,
  });
  const container = useRef<HTMLElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const styled = useRef<Promise<void> | null>(null);
  const [hover, setHover] = useState<{ name: string; x: number; y: number } | null>(null);
  const [ready, setReady] = useState<{ code: string; count: number } | null>(null);
  const [shape, setShape] = useState<{ type: string; coordinates: unknown } | null>(null);
  const [editing, setEditing] = useState(false);

  useEffect(() => {
    if (!container.current) return;
    const map = new maplibregl.Map({
      container: container.current,
      style: baseStyle(config),
      center: [100.45, 38.93],
      zoom: 6,
      attributionControl: { compact: true },
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    mapRef.current = map;
    window.fqAreaMap = map;
    styled.current = new Promise((resolve) =>
      map.on('load', () => {
        addAreaLayers(map);
        resolve();
      }),
    );
    let hovered: string | null = null;
    map.on('mousemove', 'child-fill', (e: MapLayerMouseEvent) => {
      const f = e.features?.[0];
      if (!f) return;
      if (hovered) map.setFeatureState({ source: 'areas', id: hovered }, { hover: false });
      hovered = String(f.properties.code);
      map.setFeatureState({ source: 'areas', id: hovered }, { hover: true });
      map.getCanvas().style.cursor = 'pointer';
      setHover({ name: String(f.properties.name), x: e.point.x, y: e.point.y });
    });
    map.on('mouseleave', 'child-fill', () => {
      if (hovered) map.setFeatureState({ source: 'areas', id: hovered }, { hover: false });
      hovered = null;
      map.getCanvas().style.cursor = '';
      setHover(null);
    });
    map.on('click', 'child-fill', (e: MapLayerMouseEvent) => {
      const code = e.features?.[0]?.properties.code;
      if (code) navigate(`/areas/${code}`);
    });
    return () => {
      map.remove();
      mapRef.current = null;
      if (window.fqAreaMap === map) delete window.fqAreaMap;
    };
  }, [config]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a saved redraw bumps the version, and the map reloads the new outline
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    let cancelled = false;
    setReady(null);
    setEditing(false);
    const load = async () => {
      const fc = await call(client.GET('/api/areas/{code}/geometry', { params: { path: { code } } }));
      if (cancelled) return;
      const gcj = config?.baseMap.coords === 'gcj02';
      const leaf = fc.features.length === 1;
      const features = fc.features.map((f, i) => ({
        ...f,
        geometry:
          f.geometry && gcj ? { ...f.geometry, coordinates: convertCoordinates(f.geometry.coordinates) } : f.geometry,
        properties: { ...f.properties, color: PALETTE[i % PALETTE.length], leaf },
      }));
      (map.getSource('areas') as GeoJSONSource).setData({ type: 'FeatureCollection', features } as Parameters<
        GeoJSONSource['setData']
      >[0]);
      setAreaLabels(map, features, (lng, lat) => (gcj ? wgs84ToGcj02(lng, lat) : [lng, lat]));
      const bounds = new maplibregl.LngLatBounds();
      for (const f of features) {
        if (f.properties.role !== 'self' || !f.geometry) continue;
        for (const ring of (f.geometry.type === 'Polygon'
          ? [f.geometry.coordinates]
          : f.geometry.coordinates) as number[][][][]) {
          for (const [x, y] of ring[0] ?? []) bounds.extend([x!, y!]);
        }
      }
      if (!bounds.isEmpty()) map.fitBounds(bounds, { padding: 24, duration: 0 });
      setShape(features.find((f) => f.properties.role === 'self')?.geometry ?? null);
      map.once('idle', () => !cancelled && setReady({ code, count: features.length }));
    };
    void styled.current?.then(load);
    return () => {
      cancelled = true;
    };
  }, [code, config, edit?.version]);

  // Registry layers: points of places, cameras, hazards and organisations (never people).
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    let cancelled = false;
    void styled.current?.then(async () => {
      for (const { id, color } of LAYERS) {
        const layerId = `reg-${id}`;
        if (map.getLayer(layerId)) map.removeLayer(layerId);
        if (map.getSource(layerId)) map.removeSource(layerId);
        if (!layers[id]) continue;
        const fc = await api<{ type: 'FeatureCollection'; features: Array<{ geometry: { coordinates: number[] } }> }>(
          `/api/map-layers/${id}?areaCode=${code}`,
        );
        if (cancelled || map.getSource(layerId)) continue;
        const gcj = config?.baseMap.coords === 'gcj02';
        const features = fc.features.map((f) =>
          gcj ? { ...f, geometry: { ...f.geometry, coordinates: convertCoordinates(f.geometry.coordinates) } } : f,
        );
        map.addSource(layerId, {
          type: 'geojson',
          data: { type: 'FeatureCollection', features } as Parameters<GeoJSONSource['setData']>[0],
        });
        map.addLayer({
          id: layerId,
          type: 'circle',
          source: layerId,
          paint: { 'circle-radius': 4, 'circle-color': color, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 },
        });
      }
    });
    return () => {
      cancelled = true;
    };
  }, [layers, code, config]);

  return (
    <div className="map-wrap">
      <fieldset className="map-layers" aria-label={t('layers')}>
        {LAYERS.map(({ id, color }) => (
          <label key={id}>
            <input
              type="checkbox"
              name={`layer-${id}`}
              checked={layers[id]}
              onChange={(e) => setLayers({ ...layers, [id]: e.target.checked })}
            />
            <span className="dot" style={{ background: color }} />
            {t(id)}
          </label>
        ))}
      </fieldset>
      <section
        ref={container}
        className="map"
        data-map-ready={ready?.code === code ? 'true' : 'false'}
        data-feature-count={ready?.code === code ? ready.count : 0}
        aria-label={t('map')}
      />
      {!hasBaseMap(config) && <div className="map-note">{t('noBaseMap')}</div>}
      {edit && shape && !editing && (
        <button type="button" className="button map-edit" onClick={() => setEditing(true)}>
          {t('editBoundary')}
        </button>
      )}
      {edit && shape && editing && mapRef.current && (
        <BoundaryEditor
          map={mapRef.current}
          shape={shape}
          code={code}
          version={edit.version}
          gcj={config?.baseMap.coords === 'gcj02'}
          onDone={(saved) => {
            setEditing(false);
            if (saved) edit.onSaved();
          }}
        />
      )}
      {hover && (
        <div className="map-tip" style={{ left: hover.x + 12, top: hover.y + 12 }}>
          {hover.name}
        </div>
      )}
    </div>
  );
}
