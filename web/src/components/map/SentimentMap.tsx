import type { MapGeoJSONFeature, MapLayerMouseEvent, VectorTileSource } from 'maplibre-gl';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { type ClientConfig, session } from '../../api';
import { useLang } from '../../i18n';
import { baseStyle } from '../../map/baseStyle';
import { wgs84ToGcj02 } from '../../map/gcj02';
import { navigate } from '../../navigation';
import {
  breaksOf,
  countLabel,
  fillColor,
  type MapFilters,
  type Measure,
  mapLayers,
  tileUrls,
  vectorSource,
} from './mapStyle';

maplibregl.setWorkerUrl(workerUrl);

declare global {
  interface Window {
    /** The map instance, for browser tests that drive zoom and read what is drawn. */
    fqMap?: maplibregl.Map;
  }
}

export interface MapView {
  lng: number;
  lat: number;
  zoom: number;
}
export interface Hover {
  x: number;
  y: number;
  title: string;
  n?: number;
  hint: 'zoom' | 'open';
}

interface Props {
  config: ClientConfig | null;
  measure: Measure;
  show: { areas: boolean; events: boolean; heat: boolean; kinds: string[] };
  filters: MapFilters;
  onView(v: MapView): void;
  onBreaks(b: number[]): void;
  onHover(h: Hover | null): void;
  /** The box of the user's own area [west, south, east, north]: the map opens on it. */
  home: [number, number, number, number] | null;
}

const ELEMENT_PAGE: Record<string, string> = {
  places: 'places',
  cameras: 'things',
  hazards: 'things',
  facilities: 'things',
  organizations: 'organizations',
};

/**
 * The full-screen MapLibre map over the server's vector tiles. Nothing large ever reaches the
 * browser: zoomed out it gets one cluster per area, zoomed in snapped points, so pan and zoom
 * stay smooth with every event in view. Tiles carry the bearer token through transformRequest.
 */
export function SentimentMap({ config, measure, show, filters, onView, onBreaks, onHover, home }: Props) {
  const lang = useLang();
  const langRef = useRef(lang);
  langRef.current = lang;
  const homed = useRef(false);
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [loaded, setLoaded] = useState(false);
  const gcj = config?.baseMap.coords === 'gcj02';
  const urls = tileUrls(filters, gcj, show.kinds);
  const measureRef = useRef(measure);
  measureRef.current = measure;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is created once per base-map configuration; the effects below update tiles and layers in place, and the parent's callbacks are new each render
  useEffect(() => {
    if (!container.current) return;
    const map = new maplibregl.Map({
      container: container.current,
      style: baseStyle(config),
      center: [100.1, 38.95],
      zoom: 7,
      minZoom: 5,
      maxZoom: 18,
      attributionControl: { compact: true },
      transformRequest: (url) =>
        url.includes('/api/map/') ? { url, headers: { authorization: `Bearer ${session.token() ?? ''}` } } : { url },
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
    mapRef.current = map;
    window.fqMap = map;
    map.on('load', () => {
      const u = tileUrls(filters, gcj, show.kinds);
      map.addSource('areas', {
        ...vectorSource(u.areas),
        promoteId: { areas: 'code' },
      } as maplibregl.SourceSpecification);
      map.addSource('events', vectorSource(u.events));
      map.addSource('registry', vectorSource(u.registry));
      for (const l of mapLayers(measureRef.current, langRef.current)) map.addLayer(l);
      setLoaded(true);
    });
    const report = () => {
      const c = map.getCenter();
      onView({ lng: c.lng, lat: c.lat, zoom: map.getZoom() });
    };
    map.on('moveend', report);
    // Legend classes follow what is in view (counties at city zoom, grids at grid zoom).
    map.on('idle', () => {
      const m = measureRef.current;
      const values = map
        .querySourceFeatures('areas', { sourceLayer: 'areas' })
        .map((f) => Number(f.properties[m] ?? -1))
        .filter((v) => v >= 0);
      const b = breaksOf(values);
      onBreaks(b);
      if (map.getLayer('areas-fill')) map.setPaintProperty('areas-fill', 'fill-color', fillColor(m, b));
    });
    let hovered: string | null = null;
    const clearHover = () => {
      if (hovered) map.setFeatureState({ source: 'areas', sourceLayer: 'areas', id: hovered }, { hover: false });
      hovered = null;
    };
    const top = (e: MapLayerMouseEvent): MapGeoJSONFeature | undefined =>
      map.queryRenderedFeatures(e.point, {
        layers: ['events-point', 'events-cluster', 'registry-point', 'areas-fill'].filter(
          (l) => map.getLayer(l) && map.getLayoutProperty(l, 'visibility') !== 'none',
        ),
      })[0];
    map.on('mousemove', (e) => {
      const f = top(e);
      clearHover();
      map.getCanvas().style.cursor = f ? 'pointer' : '';
      if (!f) return onHover(null);
      const p = f.properties;
      if (f.layer.id === 'areas-fill') {
        hovered = String(p.code);
        map.setFeatureState({ source: 'areas', sourceLayer: 'areas', id: hovered }, { hover: true });
        return onHover({
          x: e.point.x,
          y: e.point.y,
          title: String(p.name),
          n: Number(p[measureRef.current] ?? 0),
          hint: 'open',
        });
      }
      const n = Number(p.n ?? 1);
      onHover({
        x: e.point.x,
        y: e.point.y,
        title: String(p.name ?? p.number ?? ''),
        n,
        hint: f.layer.id === 'events-cluster' || n > 1 ? 'zoom' : 'open',
      });
    });
    map.on('mouseout', () => (clearHover(), onHover(null)));
    map.on('click', (e) => {
      const f = top(e);
      if (!f) return;
      const p = f.properties;
      if (f.layer.id === 'events-cluster' || Number(p.n ?? 1) > 1) {
        // A cluster opens by zooming into it: the next level down shows its parts.
        map.easeTo({ center: e.lngLat, zoom: Math.min(map.getZoom() + 2, 17) });
      } else if (f.layer.id === 'events-point' && p.id) navigate(`/events/${p.id}`);
      else if (f.layer.id === 'registry-point' && p.id)
        navigate(`/elements/${ELEMENT_PAGE[String(p.kind)] ?? 'places'}/${p.id}`);
      else if (f.layer.id === 'areas-fill' && p.code) navigate(`/areas/${p.code}`);
    });
    return () => {
      map.remove();
      mapRef.current = null;
      if (window.fqMap === map) delete window.fqMap;
      // A map made again (the base-map settings arrived) is not loaded until its own 'load'.
      setLoaded(false);
      homed.current = false;
    };
    // The map is created once per base-map configuration; the effects below update it in place.
  }, [config]);

  // Each user's map opens on their own area: a grid worker sees their grid, a county operator their county.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded || !home || homed.current) return;
    homed.current = true;
    const sw = home.slice(0, 2) as [number, number];
    const ne = home.slice(2) as [number, number];
    // Over a GCJ-02 base map everything is drawn shifted, the home box too.
    map.fitBounds([gcj ? wgs84ToGcj02(...sw) : sw, gcj ? wgs84ToGcj02(...ne) : ne], {
      padding: 32,
      duration: 0,
      maxZoom: 17,
    });
  }, [loaded, home, gcj]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    map.setLayoutProperty('events-count', 'text-field', countLabel(lang));
  }, [loaded, lang]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    (map.getSource('areas') as VectorTileSource).setTiles([urls.areas]);
    (map.getSource('events') as VectorTileSource).setTiles([urls.events]);
    (map.getSource('registry') as VectorTileSource).setTiles([urls.registry]);
  }, [loaded, urls.areas, urls.events, urls.registry]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !loaded) return;
    const vis = (id: string, on: boolean) => map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
    vis('areas-fill', show.areas);
    vis('events-cluster', show.events && !show.heat);
    vis('events-point', show.events && !show.heat);
    vis('events-count', show.events && !show.heat);
    vis('events-heat', show.events && show.heat);
    vis('registry-point', show.kinds.length > 0);
    map.setPaintProperty('areas-fill', 'fill-color', fillColor(measure, []));
    map.triggerRepaint();
  }, [loaded, show.areas, show.events, show.heat, show.kinds.length, measure]);

  return <div ref={container} className="sentiment-map" data-map-loaded={loaded ? 'true' : 'false'} />;
}
