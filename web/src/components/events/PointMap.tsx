import type { GeoJSONSource } from 'maplibre-gl';
import * as maplibregl from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { api, type ClientConfig } from '../../api';
import { call, client } from '../../api/client';
import { useT } from '../../i18n';
import { baseStyle, LABEL_FONT } from '../../map/baseStyle';
import { convertCoordinates, gcj02ToWgs84, wgs84ToGcj02 } from '../../map/gcj02';
import type { LngLat } from './types';

interface Geo {
  type: 'FeatureCollection';
  features: Array<{
    type: 'Feature';
    geometry: { type: string; coordinates: number[][][] | number[][][][] } | null;
    properties: Record<string, unknown>;
  }>;
}

/**
 * A small offline map with one point. With `onPick` a click sets the point (a picker); without it the
 * point is only shown. `areaCode` draws that area's outline and subdivisions for orientation (signed-in
 * pages only); `grids` draws every grid of the installation from the public outlines (the public report
 * page). Coordinates in and out are WGS-84; a GCJ-02 base map is converted for display.
 */
/** The widest view (degrees a side) for which the public map asks for grid outlines; the server allows 1.5. */
const OUTLINE_SPAN = 1.4;

export function PointMap({
  config,
  point,
  onPick,
  areaCode,
  grids,
  height = 260,
  centre,
}: {
  config: ClientConfig | null;
  point: LngLat | null;
  onPick?: (p: LngLat) => void;
  areaCode?: string;
  grids?: boolean;
  height?: number;
  /** Where to move the view (a place found by name); each new object moves it once. */
  centre?: { lng: number; lat: number; zoom: number } | null;
}) {
  const { t } = useT();
  const el = useRef<HTMLElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const marker = useRef<maplibregl.Marker | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const [loaded, setLoaded] = useState(false);
  const gcj = config?.baseMap.coords === 'gcj02';
  const toMap = (p: LngLat): [number, number] => (gcj ? wgs84ToGcj02(p.lng, p.lat) : [p.lng, p.lat]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is built once per base-map configuration; the effect below moves the point and onPick is read through a ref
  useEffect(() => {
    if (!el.current) return;
    const start = point ? toMap(point) : ([100.45, 38.93] as [number, number]);
    const map = new maplibregl.Map({
      container: el.current,
      style: baseStyle(config),
      center: start,
      zoom: point ? 14 : 8,
      attributionControl: { compact: true },
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    mapRef.current = map;
    map.on('load', () => {
      map.addSource('outline', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({
        id: 'outline-fill',
        type: 'fill',
        source: 'outline',
        paint: { 'fill-color': '#1d6fb8', 'fill-opacity': 0.06 },
      });
      map.addLayer({
        id: 'outline-line',
        type: 'line',
        source: 'outline',
        paint: { 'line-color': '#1d6fb8', 'line-width': 1 },
      });
      // Names of the outlined areas, so a resident recognises their village's grids (local fonts, no glyph server).
      map.addLayer({
        id: 'outline-label',
        type: 'symbol',
        source: 'outline',
        minzoom: 12,
        layout: {
          'text-field': ['get', 'name'],
          'text-font': ['literal', LABEL_FONT],
          'text-size': 11,
          'text-max-width': 8,
          'text-padding': 4,
        },
        paint: { 'text-color': '#1f3a5a', 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.5 },
      });
      setLoaded(true);
    });
    map.on('click', (e) => {
      if (!pick.current) return;
      const [lng, lat] = gcj ? gcj02ToWgs84(e.lngLat.lng, e.lngLat.lat) : [e.lngLat.lng, e.lngLat.lat];
      pick.current({ lng: Math.round(lng * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 });
    });
    return () => {
      map.remove();
      mapRef.current = null;
      marker.current = null;
      setLoaded(false);
    };
    // The map is built once per base-map configuration; the point is moved by the effect below.
  }, [config]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: moves the marker when the point's coordinates or the load state change; toMap and onPick are new each render and would re-run it every render
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (!point) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    const at = toMap(point);
    if (!marker.current) {
      const dot = document.createElement('div');
      dot.className = 'point-marker';
      marker.current = new maplibregl.Marker({ element: dot }).setLngLat(at).addTo(map);
    } else marker.current.setLngLat(at);
    if (!onPick) map.jumpTo({ center: at, zoom: Math.max(map.getZoom(), 14) });
  }, [point?.lng, point?.lat, loaded]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: moves the view when a new place is chosen; toMap is new each render
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !centre) return;
    map.jumpTo({ center: toMap(centre), zoom: centre.zoom });
  }, [centre, loaded]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: fetches outlines when the area, grids flag or load state change; depending on the point or toMap would refetch on every render or pick
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || (!areaCode && !grids)) return;
    let live = true;
    let asked = 0;
    const show = (fc: Geo, fit: boolean) => {
      const features = fc.features.map((f) => ({
        ...f,
        geometry:
          f.geometry && gcj ? { ...f.geometry, coordinates: convertCoordinates(f.geometry.coordinates) } : f.geometry,
      }));
      (map.getSource('outline') as GeoJSONSource).setData({ type: 'FeatureCollection', features } as Parameters<
        GeoJSONSource['setData']
      >[0]);
      el.current?.setAttribute('data-outlines', String(features.length));
      if (!fit || point) return;
      const bounds = new maplibregl.LngLatBounds();
      for (const f of features) {
        if (!f.geometry) continue;
        for (const poly of (f.geometry.type === 'Polygon'
          ? [f.geometry.coordinates]
          : f.geometry.coordinates) as number[][][][])
          for (const [x, y] of poly[0] ?? []) bounds.extend([x!, y!]);
      }
      if (!bounds.isEmpty()) map.fitBounds(bounds, { padding: 16, duration: 0 });
    };
    if (areaCode) {
      call(client.GET('/api/areas/{code}/geometry', { params: { path: { code: areaCode } } })).then(
        (fc) => live && show(fc, true),
        () => undefined,
      );
      return () => {
        live = false;
      };
    }
    // The public map asks for the grids in view once the view is small enough (the server bounds the box), and
    // again after each move: a resident zooms in to where they are.
    const refresh = () => {
      const b = map.getBounds();
      const [x0, y0] = gcj ? gcj02ToWgs84(b.getWest(), b.getSouth()) : [b.getWest(), b.getSouth()];
      const [x1, y1] = gcj ? gcj02ToWgs84(b.getEast(), b.getNorth()) : [b.getEast(), b.getNorth()];
      const ticket = ++asked;
      if (x1 - x0 > OUTLINE_SPAN || y1 - y0 > OUTLINE_SPAN) {
        show({ type: 'FeatureCollection', features: [] }, false);
        el.current?.removeAttribute('data-outline-bbox');
        return;
      }
      const bbox = [x0, y0, x1, y1].map((v) => v.toFixed(5)).join(',');
      api<Geo>(`/api/public/grid-outlines?bbox=${bbox}`).then(
        (fc) => {
          if (!live || ticket !== asked) return;
          show(fc, false);
          el.current?.setAttribute('data-outline-bbox', bbox);
        },
        () => undefined,
      );
    };
    refresh();
    map.on('moveend', refresh);
    return () => {
      live = false;
      map.off('moveend', refresh);
    };
  }, [areaCode, grids, loaded]);

  return (
    <div className="map-wrap point-map" style={{ height }}>
      <section
        ref={el}
        className={`map${onPick ? ' picking' : ''}`}
        data-testid="point-map"
        data-map-ready={loaded ? 'true' : 'false'}
        aria-label={t('eventMap')}
      />
      {onPick && (
        <div className="map-note">{point ? `${point.lng.toFixed(5)}, ${point.lat.toFixed(5)}` : t('clickToSet')}</div>
      )}
    </div>
  );
}
