import type * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource } from 'maplibre-gl';
import { LABEL_FONT } from './baseStyle';

/**
 * The area page map's layers: the area's outline, its subdivisions coloured apart, and the subdivisions' names at
 * their label points (a point source, so each name is drawn once however the polygon is tiled).
 */
export function addAreaLayers(map: maplibregl.Map): void {
  map.addSource('areas', { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'code' });
  map.addSource('area-labels', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({
    id: 'child-fill',
    type: 'fill',
    source: 'areas',
    filter: ['==', ['get', 'role'], 'child'],
    paint: {
      'fill-color': ['get', 'color'],
      'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.55, 0.32],
    },
  });
  map.addLayer({
    id: 'child-line',
    type: 'line',
    source: 'areas',
    filter: ['==', ['get', 'role'], 'child'],
    paint: { 'line-color': '#ffffff', 'line-width': 1.2 },
  });
  map.addLayer({
    id: 'self-line',
    type: 'line',
    source: 'areas',
    filter: ['==', ['get', 'role'], 'self'],
    paint: { 'line-color': '#0f4c81', 'line-width': 2.5 },
  });
  map.addLayer({
    id: 'self-fill',
    type: 'fill',
    source: 'areas',
    filter: ['all', ['==', ['get', 'role'], 'self'], ['==', ['get', 'leaf'], true]],
    paint: { 'fill-color': '#0f4c81', 'fill-opacity': 0.18 },
  });
  map.addLayer({
    id: 'child-label',
    type: 'symbol',
    source: 'area-labels',
    layout: {
      'text-field': ['get', 'name'],
      'text-font': ['literal', LABEL_FONT],
      'text-size': 12,
      'text-max-width': 7,
      'text-padding': 3,
    },
    paint: { 'text-color': '#1f2a37', 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.6 },
  });
}

/** The subdivisions' names at their label points (the area itself when it has none, e.g. a grid page). */
export function setAreaLabels(
  map: maplibregl.Map,
  features: Array<{ properties: { name: string; role: string; labelLng: number | null; labelLat: number | null } }>,
  toMap: (lng: number, lat: number) => [number, number],
): void {
  const children = features.filter((f) => f.properties.role === 'child');
  const named = (children.length ? children : features).filter(
    (f) => f.properties.labelLng !== null && f.properties.labelLat !== null,
  );
  (map.getSource('area-labels') as GeoJSONSource | undefined)?.setData({
    type: 'FeatureCollection',
    features: named.map((f) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: toMap(f.properties.labelLng!, f.properties.labelLat!) },
      properties: { name: f.properties.name },
    })),
  });
}
